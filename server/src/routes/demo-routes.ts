// Demo mode only: the simulated tenant's users, tokens minted by the simulator's identity provider, and a
// look into any simulated mailbox (for the demo mailbox page). Never registered outside demo mode.
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ApiError,
  DemoMailboxParams,
  DemoMailboxQuery,
  DemoMailboxResponse,
  DemoTokenBody,
  DemoTokenResponse,
  DemoUsersResponse,
  type DemoMailboxMessage,
  type DemoUser,
} from '@lantern/shared/api';
import type { MailboxActions } from '../mailbox/mailbox-actions.ts';
import { NotFoundError } from './http-error.ts';

export interface DemoDeps {
  listUsers(): Promise<DemoUser[]> | DemoUser[];
  /** A task-pane token for the user from the simulator's IdP (with the analyst role when asked). */
  mintToken(user: DemoUser, analyst: boolean): Promise<string> | string;
  /** Newest messages of a folder (well-known name or folder id) of a simulated mailbox. */
  listMailbox(userId: string, folder: string, top: number): Promise<DemoMailboxMessage[]> | DemoMailboxMessage[];
  /** Resolves the hidden held folder of a mailbox. */
  actions: MailboxActions;
}

const errors = { 400: ApiError, 404: ApiError, 429: ApiError, 500: ApiError };
const MAILBOX_PAGE = 50;

const routes: FastifyPluginAsyncTypebox<DemoDeps> = async (app, deps) => {
  async function userById(id: string): Promise<DemoUser> {
    const user = (await deps.listUsers()).find((u) => u.id === id);
    if (!user) throw new NotFoundError('No such demo user.');
    return user;
  }

  app.get('/demo/api/users', { config: { access: 'public' }, schema: { response: { 200: DemoUsersResponse, ...errors } } }, async () => ({
    items: [...(await deps.listUsers())],
  }));

  app.post('/demo/api/token', { config: { access: 'public' }, schema: { body: DemoTokenBody, response: { 200: DemoTokenResponse, ...errors } } }, async (request) => {
    const user = await userById(request.body.userId);
    return { accessToken: await deps.mintToken(user, request.body.analyst === true) };
  });

  app.get(
    '/demo/api/mailbox/:userId',
    { config: { access: 'public' }, schema: { params: DemoMailboxParams, querystring: DemoMailboxQuery, response: { 200: DemoMailboxResponse, ...errors } } },
    async (request) => {
      const user = await userById(request.params.userId);
      const folder = request.query.folder ?? 'inbox';
      const folderId = folder === 'held' ? await deps.actions.heldFolderId(user.id) : folder;
      return { items: [...(await deps.listMailbox(user.id, folderId, MAILBOX_PAGE))] };
    },
  );
};

export const demoRoutes = fp(routes, { name: 'lantern-demo-api', fastify: '5.x' });
