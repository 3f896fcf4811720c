// GET / : a small landing page for whoever opens the printed address in a browser: where the demo mailbox,
// the security console and the health check are, instead of a 404 JSON error. Static HTML, no script, a
// strict Content-Security-Policy (the one inline style is allowed by its hash). GET /console and /incidents
// send a browser to the console page (the incidents API itself needs an analyst's token).
import { createHash } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyPluginAsync } from 'fastify';

export interface LandingOptions {
  /** The simulated tenant is running: link the demo mailbox. */
  demo: boolean;
  /** The add-in pages are served under /addin/: link the console (and the demo mailbox in demo mode). */
  addin: boolean;
}

const STYLE =
  'body{font:16px/1.5 "Segoe UI",system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b}' +
  'h1{font-size:1.6rem;margin:0 0 .5rem}ul{padding-left:1.2rem}li{margin:.6rem 0}a{color:#0f5fb5}.muted{color:#555}' +
  '@media (prefers-color-scheme:dark){body{background:#1b1b1b;color:#eee}a{color:#7db7ff}.muted{color:#aaa}}';
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');
export const LANDING_CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

interface Entry {
  href: string;
  title: string;
  detail: string;
}

export function landingEntries(options: LandingOptions): Entry[] {
  const entries: Entry[] = [];
  if (options.addin && options.demo) {
    entries.push({ href: '/addin/demo.html', title: 'Demo mailbox', detail: 'An Outlook stand-in with the Lantern task pane. Open a message to see what Lantern found.' });
  }
  if (options.addin) {
    entries.push({ href: '/addin/console.html', title: 'Security console', detail: 'Reports, held mail, incidents and the audit trail, for the security team.' });
  }
  entries.push({ href: '/api/health', title: 'Health', detail: 'What has been ingested and whether each source is healthy (JSON).' });
  return entries;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function landingHtml(options: LandingOptions): string {
  const items = landingEntries(options)
    .map((e) => `<li><a href="${esc(e.href)}">${esc(e.title)}</a><br><span class="muted">${esc(e.detail)}</span></li>`)
    .join('');
  const mode = options.demo ? 'Demo mode: a simulated Microsoft 365 tenant, no real mail.' : 'Connected to your Microsoft 365 tenant.';
  const noAddin = options.addin ? '' : '<p class="muted">The add-in pages are not served (started with --no-addin).</p>';
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>Lantern</title><style>${STYLE}</style></head><body><h1>Lantern</h1><p>${esc(mode)}</p><ul>${items}</ul>${noAddin}</body></html>`
  );
}

const landing: FastifyPluginAsync<LandingOptions> = async (app, options) => {
  const html = landingHtml(options);
  app.get('/', { config: { access: 'public' } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('content-security-policy', LANDING_CSP).header('cache-control', 'no-store').send(html),
  );
  if (options.addin) {
    for (const path of ['/console', '/incidents']) {
      app.get(path, { config: { access: 'public' } }, async (_request, reply) => reply.redirect('/addin/console.html', 302));
    }
  }
};

export const landingRoutes = fp(landing, { name: 'lantern-landing', fastify: '5.x' });
