// The incident-response API (role Lantern.SecurityAnalyst on every route): an incident's case with its audit
// trail, state changes (409 on a move the lifecycle does not allow), owner and notes, the accounts' inbox rules and
// authentication methods, confirmed response actions through Graph with undo, and the release of mail held from
// the incident's accounts once it is closed.
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiError } from '@lantern/shared/api';
import {
  IncidentActionParams,
  IncidentCase,
  IncidentIdParams,
  NoteBody,
  OwnerBody,
  ReleaseHeldResponse,
  ResponseActionBody,
  ResponseActionItem,
  ResponseTargets,
  TransitionBody,
  UndoBody,
} from '@lantern/shared/incident-response-api';
import type { IncidentResponse } from '../incidents/incident-response.ts';

export interface IncidentResponseRoutesOptions {
  response: IncidentResponse;
}

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 429: ApiError, 500: ApiError, 502: ApiError, 503: ApiError };

const routes: FastifyPluginAsyncTypebox<IncidentResponseRoutesOptions> = async (app, opts) => {
  const service = opts.response;

  app.get('/api/incidents/:id/case', { config: { access: 'analyst' }, schema: { params: IncidentIdParams, response: { 200: IncidentCase, ...errors } } }, async (request) =>
    service.caseOf(request.params.id),
  );

  app.post('/api/incidents/:id/transition', { config: { access: 'analyst' }, schema: { params: IncidentIdParams, body: TransitionBody, response: { 200: IncidentCase, ...errors } } }, async (request) =>
    service.transition(request.params.id, request.body.to, request.user, request.body.note),
  );

  app.put('/api/incidents/:id/owner', { config: { access: 'analyst' }, schema: { params: IncidentIdParams, body: OwnerBody, response: { 200: IncidentCase, ...errors } } }, async (request) =>
    service.setOwner(request.params.id, request.body.owner, request.user),
  );

  app.post('/api/incidents/:id/notes', { config: { access: 'analyst' }, schema: { params: IncidentIdParams, body: NoteBody, response: { 200: IncidentCase, ...errors } } }, async (request) =>
    service.addNote(request.params.id, request.body.text, request.user),
  );

  app.get('/api/incidents/:id/response-targets', { config: { access: 'analyst' }, schema: { params: IncidentIdParams, response: { 200: ResponseTargets, ...errors } } }, async (request) =>
    service.targets(request.params.id),
  );

  app.post('/api/incidents/:id/actions', { config: { access: 'analyst' }, schema: { params: IncidentIdParams, body: ResponseActionBody, response: { 200: ResponseActionItem, ...errors } } }, async (request) =>
    service.runAction(request.params.id, request.body, request.user),
  );

  app.post(
    '/api/incidents/:id/actions/:actionId/undo',
    { config: { access: 'analyst' }, schema: { params: IncidentActionParams, body: UndoBody, response: { 200: ResponseActionItem, ...errors } } },
    async (request) => service.undoAction(request.params.id, request.params.actionId, request.user),
  );

  app.post('/api/incidents/:id/release-held', { config: { access: 'analyst' }, schema: { params: IncidentIdParams, response: { 200: ReleaseHeldResponse, ...errors } } }, async (request) =>
    service.releaseHeld(request.params.id, request.user),
  );
};

export const incidentResponseRoutes = fp(routes, { name: 'lantern-incident-response-api', dependencies: ['lantern-auth'], fastify: '5.x' });
