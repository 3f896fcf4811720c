// The headers that say how a message was mass-mailed (RFC 2369 List-*, RFC 8058 one-click unsubscribe, DKIM
// signing domains, the mailing software), reduced once at the edge to bounded plain values.
import type { BulkHeaders } from './parsed-mail.ts';

const maxValue = 2000;

function first(values: readonly string[]): string | null {
  const v = values[0]?.trim();
  return v ? v.slice(0, maxValue) : null;
}

/** The d= tag of a DKIM-Signature header (RFC 6376 §3.5), lower case, or null. */
export function dkimSigningDomain(value: string): string | null {
  const m = /(?:^|;)\s*d\s*=\s*([a-z0-9.-]+)/i.exec(value.replace(/\s+/g, ' '));
  return m?.[1] ? m[1].toLowerCase().replace(/\.$/, '') : null;
}

/** `byName` returns the (unfolded) values of every header with that lower-case name, in order. */
export function bulkHeaders(byName: (name: string) => string[]): BulkHeaders {
  const dkimDomains: string[] = [];
  for (const v of byName('dkim-signature')) {
    const d = dkimSigningDomain(v);
    if (d && !dkimDomains.includes(d)) dkimDomains.push(d);
  }
  return {
    listUnsubscribe: first(byName('list-unsubscribe')),
    listUnsubscribePost: first(byName('list-unsubscribe-post')),
    listId: first(byName('list-id')),
    precedence: first(byName('precedence'))?.toLowerCase() ?? null,
    feedbackId: first(byName('feedback-id')),
    dkimDomains: dkimDomains.slice(0, 10),
    mailer: first(byName('x-mailer')) ?? first(byName('user-agent')),
  };
}
