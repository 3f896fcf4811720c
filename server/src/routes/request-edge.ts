// What every request passes before a handler sees it, beyond the route schemas:
// - validation by two Ajv instances: path parameters, query strings and headers are coerced to the schema's
//   types (`?limit=20` is the integer 20), JSON bodies are not (a string is never taken for a number);
// - no control characters in any string parameter, query value or body string (NUL and the C0 controls; a
//   body string may hold tab, CR and LF): 400 invalid_request, before any store sees them;
// - JSON bodies only in UTF-8: `application/json; charset=utf-16` (or any other charset) is 415;
// - router-level errors (a malformed URL, a parameter too long) and client errors the HTTP parser answers
//   itself (a header block too large) in the same `{ error: { code, message } }` envelope.
import type { Socket } from 'node:net';
import { Ajv, type Options as AjvOptions } from 'ajv';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import type { ApiError } from '@lantern/shared/api';
import { HttpError } from './http-error.ts';
import { API_CSP } from './security-headers.ts';

const BASE: AjvOptions = { removeAdditional: false, useDefaults: true, allErrors: false, strict: false, addUsedSchema: false };

/** Validator compiler: coercion for params, querystring and headers; none for bodies. */
export function lanternValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const strict = new Ajv({ ...BASE, coerceTypes: false });
  const coercing = new Ajv({ ...BASE, coerceTypes: 'array' });
  return ({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema as object);
}

/** C0 controls and DEL; `relaxed` allows tab, LF and CR (free text in a body). */
const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROL_RELAXED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** The first path (e.g. "body.comment") whose string holds a control character, or null. */
export function controlCharacterAt(value: unknown, relaxed: boolean, path: string, depth = 0): string | null {
  if (typeof value === 'string') return (relaxed ? CONTROL_RELAXED : CONTROL).test(value) ? path : null;
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = controlCharacterAt(value[i], relaxed, `${path}[${i}]`, depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if ((relaxed ? CONTROL_RELAXED : CONTROL).test(key)) return path;
    const hit = controlCharacterAt(v, relaxed, `${path}.${key}`, depth + 1);
    if (hit) return hit;
  }
  return null;
}

function refuseControlCharacters(request: FastifyRequest): void {
  const hit =
    controlCharacterAt(request.params, false, 'params') ??
    controlCharacterAt(request.query, false, 'querystring') ??
    controlCharacterAt(request.body, true, 'body');
  if (hit) throw new HttpError(400, 'invalid_request', `Invalid request: ${hit} contains a control character.`);
}

/** The charset parameter of a Content-Type header, lower-cased, or null. */
export function charsetOf(contentType: string | undefined): string | null {
  if (!contentType) return null;
  for (const part of contentType.split(';').slice(1)) {
    const [name, value] = part.split('=', 2);
    if (name?.trim().toLowerCase() === 'charset') return (value ?? '').trim().replace(/^"(.*)"$/, '$1').toLowerCase();
  }
  return null;
}

function envelope(code: string, message: string): ApiError {
  return { error: { code, message } };
}

/** Fastify's frameworkErrors: the router's own refusals, in the API's envelope. */
export function handleFrameworkError(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  const code = err.code === 'FST_ERR_BAD_URL' ? 'bad_url' : err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'uri_too_long' : 'bad_request';
  const message = code === 'bad_url' ? 'The request URL is malformed.' : code === 'uri_too_long' ? 'A path parameter is too long.' : 'Bad request.';
  // Answered before routing: the onSend hooks (security headers) do not run, so set them here.
  void reply
    .code(status)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('content-security-policy', API_CSP)
    .send(envelope(code, message));
}

/** Fastify's clientErrorHandler: errors the HTTP parser raises before there is a request (no Fastify reply). */
export function handleClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const timeout = err.code === 'ERR_HTTP_REQUEST_TIMEOUT';
  const [status, reason, code, message] = tooLarge
    ? [431, 'Request Header Fields Too Large', 'header_too_large', 'The request headers are too large.']
    : timeout
      ? [408, 'Request Timeout', 'request_timeout', 'The request took too long to arrive.']
      : [400, 'Bad Request', 'bad_request', 'The request could not be parsed.'];
  const body = JSON.stringify(envelope(code, message));
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Installs the JSON parser (UTF-8 only) and the control-character check on the app. */
export function installRequestEdge(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const charset = charsetOf(request.headers['content-type']);
    if (charset !== null && charset !== 'utf-8' && charset !== 'utf8') {
      done(new HttpError(415, 'unsupported_media_type', 'JSON bodies must be UTF-8 (Content-Type: application/json; charset=utf-8).'), undefined);
      return;
    }
    parseJson(request, typeof body === 'string' ? body : body.toString('utf8'), done);
  });
  app.addHook('preValidation', async (request) => refuseControlCharacters(request));
}
