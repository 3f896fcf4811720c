// The digest e-mail (pure): the user's held mail, each with its one-click links. HTML with every value
// escaped, plus a plain-text part.

export interface DigestItem {
  subject: string | null;
  from: string | null;
  receivedAt: string | null;
  why: string;
  /** Absolute URLs of the signed action links; null when that action is not offered. */
  releaseUrl: string | null;
  requestReleaseUrl: string | null;
  reportUrl: string | null;
}

export interface DigestMail {
  subject: string;
  html: string;
  text: string;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export function composeDigest(userName: string | null, items: readonly DigestItem[], period: 'daily' | 'weekly'): DigestMail {
  const n = items.length;
  const subject = `Lantern: ${n} message${n === 1 ? '' : 's'} held for you`;
  const hello = `Hello${userName ? ` ${userName}` : ''},`;
  const intro = `Lantern held ${n} message${n === 1 ? '' : 's'} addressed to you because ${n === 1 ? 'it looks' : 'they look'} dangerous. Release only what you expected. These links work once and expire.`;
  const rows = items.map((it) => {
    const links = [
      it.releaseUrl ? `<a href="${escapeHtml(it.releaseUrl)}">Release</a>` : null,
      it.requestReleaseUrl ? `<a href="${escapeHtml(it.requestReleaseUrl)}">Request release</a>` : null,
      it.reportUrl ? `<a href="${escapeHtml(it.reportUrl)}">Report as phishing</a>` : null,
    ].filter(Boolean);
    return (
      `<tr><td style="padding:8px;border-bottom:1px solid #ddd"><b>${escapeHtml(it.subject ?? '(no subject)')}</b><br>` +
      `<span style="color:#555">From ${escapeHtml(it.from ?? 'unknown sender')}${it.receivedAt ? `, ${escapeHtml(it.receivedAt.slice(0, 16).replace('T', ' '))} UTC` : ''}</span><br>` +
      `${escapeHtml(it.why)}<br>${links.join(' &middot; ')}</td></tr>`
    );
  });
  const html =
    `<!doctype html><html><body style="font-family:Segoe UI,Arial,sans-serif">` +
    `<p>${escapeHtml(hello)}</p><p>${escapeHtml(intro)}</p><table style="border-collapse:collapse">${rows.join('')}</table>` +
    `<p style="color:#777">This is your ${period} digest. Change how often you receive it in the Lantern pane in Outlook.</p></body></html>`;
  const text = [
    hello,
    '',
    intro,
    '',
    ...items.flatMap((it) => [
      `* ${it.subject ?? '(no subject)'} — from ${it.from ?? 'unknown sender'}`,
      `  ${it.why}`,
      ...(it.releaseUrl ? [`  Release: ${it.releaseUrl}`] : []),
      ...(it.requestReleaseUrl ? [`  Request release: ${it.requestReleaseUrl}`] : []),
      ...(it.reportUrl ? [`  Report: ${it.reportUrl}`] : []),
      '',
    ]),
    `This is your ${period} digest.`,
  ].join('\n');
  return { subject, html, text };
}
