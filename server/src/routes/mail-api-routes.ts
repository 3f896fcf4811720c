// The task pane's API: who am I, a message's assessment, report, release, release request, held mail.
// Every route is authenticated (lantern-auth) and acts only on the caller's own mailbox.
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ApiError,
  AssessmentQuery,
  HeldListResponse,
  MeResponse,
  MessageAssessmentResponse,
  MessageParams,
  ReleaseRequestResponse,
  ReleaseResponse,
  ReportBody,
  ReportResponse,
} from '@lantern/shared/api';
import { Type } from '@sinclair/typebox';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 413: ApiError, 429: ApiError, 500: ApiError };
const EmptyBody = Type.Union([Type.Object({}, { additionalProperties: false }), Type.Null()]);

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/me', { config: { access: 'user' }, schema: { response: { 200: MeResponse, ...errors } } }, async (request) => ({
    upn: request.user.upn,
    displayName: request.user.name,
    roles: request.user.roles,
  }));

  app.get(
    '/api/messages/:messageId/assessment',
    { config: { access: 'user' }, schema: { params: MessageParams, querystring: AssessmentQuery, response: { 200: MessageAssessmentResponse, ...errors } } },
    async (request) => app.mailbox.messageView(request.user, request.params.messageId, request.query.internetMessageId ?? null),
  );

  app.post(
    '/api/messages/:messageId/report',
    { config: { access: 'user' }, schema: { params: MessageParams, body: Type.Union([ReportBody, Type.Null()]), response: { 200: ReportResponse, ...errors } } },
    async (request) => app.mailbox.report(request.user, request.params.messageId, request.body?.comment ?? null),
  );

  app.post(
    '/api/messages/:messageId/release',
    { config: { access: 'user' }, schema: { params: MessageParams, body: Type.Optional(EmptyBody), response: { 200: ReleaseResponse, ...errors } } },
    async (request) => app.mailbox.release(request.user, request.params.messageId),
  );

  app.post(
    '/api/messages/:messageId/release-request',
    { config: { access: 'user' }, schema: { params: MessageParams, body: Type.Optional(EmptyBody), response: { 200: ReleaseRequestResponse, ...errors } } },
    async (request) => app.mailbox.requestRelease(request.user, request.params.messageId),
  );

  app.get('/api/held', { config: { access: 'user' }, schema: { response: { 200: HeldListResponse, ...errors } } }, async (request) =>
    app.mailbox.heldList(request.user),
  );
};

export const mailApiRoutes = fp(routes, { name: 'lantern-mail-api', dependencies: ['lantern-auth', 'lantern-mailbox'], fastify: '5.x' });
