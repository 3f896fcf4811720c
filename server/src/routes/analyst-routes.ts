// Security-team routes (role Lantern.SecurityAnalyst): release requests and their decisions.
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ApiError,
  ReleaseRequestDecisionResponse,
  ReleaseRequestListQuery,
  ReleaseRequestListResponse,
  ReleaseRequestParams,
} from '@lantern/shared/api';
import { Type } from '@sinclair/typebox';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 429: ApiError, 500: ApiError };
const EmptyBody = Type.Union([Type.Object({}, { additionalProperties: false }), Type.Null()]);

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/release-requests',
    { config: { access: 'analyst' }, schema: { querystring: ReleaseRequestListQuery, response: { 200: ReleaseRequestListResponse, ...errors } } },
    async (request) => ({ items: await app.mailbox.listReleaseRequests(request.query.status ?? null) }),
  );

  for (const decision of ['approve', 'deny'] as const) {
    app.post(
      `/api/release-requests/:id/${decision}`,
      {
        config: { access: 'analyst' },
        schema: { params: ReleaseRequestParams, body: Type.Optional(EmptyBody), response: { 200: ReleaseRequestDecisionResponse, ...errors } },
      },
      async (request) => app.mailbox.decideReleaseRequest(request.user, request.params.id, decision),
    );
  }
};

export const analystRoutes = fp(routes, { name: 'lantern-analyst-api', dependencies: ['lantern-auth', 'lantern-mailbox'], fastify: '5.x' });
