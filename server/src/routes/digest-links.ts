// Digest action links: GET /digest/act?token=… shows a confirmation page (nothing happens, so mail scanners
// that pre-fetch links act on nothing); POST /digest/act (form field token) performs the action once. No bearer
// token: the signed link is the credential, bound to one user, one message and one action.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import { escapeHtml } from '../digest/compose-digest.ts';
import { DigestLinkError, MAX_TOKEN_LENGTH } from '../digest/digest-link.ts';
import type { DigestService } from '../digest/digest-service.ts';

export interface DigestLinkRoutesOptions {
  digest: DigestService;
}

const TokenQuery = Type.Object({ token: Type.String({ minLength: 1, maxLength: MAX_TOKEN_LENGTH }) });
const FORM_LIMIT = 4096;

function page(reply: FastifyReply, status: number, title: string, body: string): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
        `<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head>` +
        `<body style="font-family:Segoe UI,Arial,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem">` +
        `<h1 style="font-size:1.4rem">${escapeHtml(title)}</h1>${body}</body></html>`,
    );
}

function refused(reply: FastifyReply, err: DigestLinkError): FastifyReply {
  const status = err.problem === 'expired' || err.problem === 'used' ? 410 : 400;
  return page(reply, status, 'This link cannot be used', `<p>${escapeHtml(err.message)}</p>`);
}

export async function digestLinkRoutes(app: FastifyInstance, options: DigestLinkRoutesOptions): Promise<void> {
  const { digest } = options;
  // Encapsulated in this plugin: HTML forms post application/x-www-form-urlencoded.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_LIMIT }, (_req, body, done) => {
    const params = new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'));
    done(null, { token: params.get('token') ?? '' });
  });

  app.get('/digest/act', { config: { access: 'public' }, schema: { querystring: TokenQuery } }, async (request, reply) => {
    const { token } = request.query as { token: string };
    try {
      const { question } = await digest.inspect(token);
      return page(
        reply,
        200,
        'Confirm',
        `<p>${escapeHtml(question)}?</p>` +
          `<form method="post" action="/digest/act"><input type="hidden" name="token" value="${escapeHtml(token)}">` +
          `<button type="submit" style="font-size:1rem;padding:.5rem 1rem">Confirm</button></form>` +
          `<p style="color:#666">This link works once. If you did not expect this message, close this page.</p>`,
      );
    } catch (err) {
      if (err instanceof DigestLinkError) return refused(reply, err);
      throw err;
    }
  });

  app.post('/digest/act', { config: { access: 'public' }, schema: { body: TokenQuery } }, async (request, reply) => {
    const { token } = request.body as { token: string };
    try {
      const result = await digest.perform(token);
      return page(reply, result.ok ? 200 : 409, result.ok ? 'Done' : 'Not done', `<p>${escapeHtml(result.message)}</p>`);
    } catch (err) {
      if (err instanceof DigestLinkError) return refused(reply, err);
      throw err;
    }
  });
}
