// Headers every answer carries (defence in depth for the pages a browser opens):
// - `X-Content-Type-Options: nosniff` and `Referrer-Policy: no-referrer` on everything;
// - a Content-Security-Policy with `frame-ancestors` on everything: the Outlook task pane may be framed by
//   Outlook's origins (and by the demo mailbox, same origin), every other page by nobody;
// - the add-in pages allow their own scripts, Office.js from Microsoft's CDN and, by hash, the inline scripts
//   the built page carries; JSON and other answers allow nothing at all.
// A route that sets its own Content-Security-Policy (landing page, digest links) keeps it.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';

/**
 * Origins Outlook frames web add-ins from: Outlook on the web for work or school (outlook.office.com,
 * outlook.office365.com, and the cloud.microsoft domain Microsoft 365 apps are moving to), Outlook.com
 * (outlook.live.com), and the new Outlook on Windows, which hosts Outlook on the web. Classic Outlook on
 * Windows and Outlook on Mac show the pane as a top-level web view, where frame-ancestors does not apply.
 */
export const OUTLOOK_FRAME_ANCESTORS: readonly string[] = [
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook.cloud.microsoft',
  'https://outlook.live.com',
];

/** Pages of the add-in that Outlook shows in a frame (the task pane). */
export const FRAMED_ADDIN_PAGES: readonly string[] = ['taskpane.html'];

/** The policy of JSON and every other non-page answer. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const OFFICE_JS_ORIGIN = 'https://appsforoffice.microsoft.com';

export interface SecurityHeadersOptions {
  /** The built add-in (its *.html pages get a policy each); null = no add-in pages. */
  addinDir: string | null;
  /** Who may frame the task pane besides the page's own origin (default OUTLOOK_FRAME_ANCESTORS). */
  taskPaneFrameAncestors?: readonly string[];
}

/** The sha256 sources of a page's inline <script> elements (those without src). */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attrs = m[1] ?? '';
    if (/\bsrc\s*=/i.test(attrs)) continue;
    hashes.push(`'sha256-${createHash('sha256').update(m[2] ?? '', 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/** The policy of one add-in page. */
export function addinPageCsp(html: string, frameAncestors: readonly string[] | null): string {
  const scripts = ["'self'", OFFICE_JS_ORIGIN, ...inlineScriptHashes(html)];
  return [
    "default-src 'self'",
    `script-src ${scripts.join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "font-src 'self' data:",
    "connect-src 'self' https:",
    "frame-src 'self' https:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors ? ["'self'", ...frameAncestors].join(' ') : "'none'"}`,
  ].join('; ');
}

/** Policy per request path (/addin/NAME.html) for every page of the built add-in. */
export function addinPagePolicies(addinDir: string, taskPaneFrameAncestors: readonly string[]): Map<string, string> {
  const policies = new Map<string, string>();
  for (const name of readdirSync(addinDir)) {
    if (!name.endsWith('.html')) continue;
    const html = readFileSync(join(addinDir, name), 'utf8');
    policies.set(`/addin/${name}`, addinPageCsp(html, FRAMED_ADDIN_PAGES.includes(name) ? taskPaneFrameAncestors : null));
  }
  return policies;
}

async function headers(app: FastifyInstance, options: SecurityHeadersOptions): Promise<void> {
  const pages = options.addinDir ? addinPagePolicies(options.addinDir, options.taskPaneFrameAncestors ?? OUTLOOK_FRAME_ANCESTORS) : new Map<string, string>();
  app.addHook('onSend', async (request, reply, payload) => {
    void reply.header('x-content-type-options', 'nosniff');
    if (!reply.hasHeader('referrer-policy')) void reply.header('referrer-policy', 'no-referrer');
    if (!reply.hasHeader('content-security-policy')) {
      const path = request.url.split('?', 1)[0] ?? '';
      void reply.header('content-security-policy', pages.get(path) ?? API_CSP);
    }
    return payload;
  });
}

export const securityHeaders = fp(headers, { name: 'lantern-security-headers', fastify: '5.x' });
