// Errors the simulated Graph answers with, in Graph's envelope:
// {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}.
import type { GraphErrorBody } from '@lantern/shared';

export class GraphHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GraphHttpError';
  }
}

export function graphErrorBody(code: string, message: string, date: Date, requestId: string, clientRequestId: string): GraphErrorBody {
  return { error: { code, message, innerError: { date: date.toISOString().replace(/\.\d{3}Z$/, 'Z'), 'request-id': requestId, 'client-request-id': clientRequestId } } };
}

export const notFound = (what: string): GraphHttpError =>
  new GraphHttpError(404, 'ErrorItemNotFound', `The specified object was not found in the store. (${what})`);

export const userNotFound = (id: string): GraphHttpError =>
  new GraphHttpError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);

export const badRequest = (message: string, code = 'BadRequest'): GraphHttpError => new GraphHttpError(400, code, message);
