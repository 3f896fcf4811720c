// The app's one error handler and not-found handler. A 4xx says what the caller can fix, in the ApiError
// shape; a 5xx says only "Internal Server Error" and the details go to the (redacted) log.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError } from '@lantern/shared/api';
import { HttpError } from './http-error.ts';

function body(code: string, message: string): ApiError {
  return { error: { code, message } };
}

/** Fastify's own 4xx errors, mapped to stable codes. Their messages name fields and limits, never values. */
const FASTIFY_CODES: Readonly<Record<string, string>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_body',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_body',
  FST_ERR_VALIDATION: 'invalid_request',
};

export function handleError(err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  if (err instanceof HttpError) {
    if (err.statusCode >= 500) {
      request.log.error({ err, code: err.code }, 'request failed');
      void reply.code(err.statusCode).send(body(err.code, 'Internal Server Error'));
      return;
    }
    request.log.info({ code: err.code, statusCode: err.statusCode }, 'request refused');
    void reply.code(err.statusCode).send(body(err.code, err.message));
    return;
  }
  const fe = err as FastifyError;
  if (fe.validation) {
    void reply.code(400).send(body('invalid_request', `Invalid request: ${fe.message}`));
    return;
  }
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code = (fe.code && FASTIFY_CODES[fe.code]) ?? (status === 429 ? 'rate_limited' : status === 413 ? 'payload_too_large' : 'bad_request');
    // JSON syntax errors quote the offending input: never echo it back.
    const message = code === 'invalid_json' || err instanceof SyntaxError ? 'The request body is not valid JSON.' : fe.message;
    void reply.code(status).send(body(code, message));
    return;
  }
  request.log.error({ err }, 'request failed');
  void reply.code(500).send(body('internal_error', 'Internal Server Error'));
}

export function handleNotFound(_request: FastifyRequest, reply: FastifyReply): void {
  void reply.code(404).send(body('not_found', 'No such route.'));
}
