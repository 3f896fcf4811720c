// Authentication-Results (RFC 8601) as stamped by receiving servers, Exchange Online's compauth included.
import type { AuthResult, AuthenticationResults } from './parsed-mail.ts';

const known: ReadonlySet<string> = new Set(['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror', 'policy']);

function result(value: string | undefined): AuthResult | null {
  if (!value) return null;
  const v = value.toLowerCase();
  if (v === 'hardfail') return 'fail';
  return known.has(v) ? (v as AuthResult) : 'other';
}

/** Parses one Authentication-Results header value (unfolded). Never throws. */
export function parseAuthenticationResults(value: string): AuthenticationResults {
  const v = value.slice(0, 8192).replace(/\s+/g, ' ').trim();
  // authserv-id: a first token without '=' before the first ';' (Exchange Online omits it).
  const firstSemi = v.indexOf(';');
  const head = firstSemi === -1 ? v : v.slice(0, firstSemi);
  const authservId = /^[^\s=;]+(\s+\d+)?$/.test(head.trim()) ? head.trim().split(' ')[0]!.toLowerCase() : '';
  const method = (name: string): AuthResult | null => {
    const m = new RegExp(`(?:^|[;\\s])${name}\\s*=\\s*([a-zA-Z]+)`, 'i').exec(v);
    return result(m?.[1]);
  };
  const prop = (name: string): string | null => {
    const m = new RegExp(`${name.replace('.', '\\.')}\\s*=\\s*([^\\s;]+)`, 'i').exec(v);
    return m?.[1]?.toLowerCase().replace(/^@/, '') ?? null;
  };
  const dkimPassDomains: string[] = [];
  for (const m of v.matchAll(/(?:^|[;\s])dkim\s*=\s*pass\b[^;]*?\bheader\.d\s*=\s*([a-z0-9.-]+)/gi)) {
    const d = m[1]!.toLowerCase().replace(/\.$/, '');
    if (!dkimPassDomains.includes(d) && dkimPassDomains.length < 10) dkimPassDomains.push(d);
  }
  const reason = /compauth\s*=\s*[a-z]+\s+reason\s*=\s*(\d+)/i.exec(v);
  return {
    authservId,
    spf: method('spf'),
    dkim: method('dkim'),
    dmarc: method('dmarc'),
    compauth: method('compauth'),
    compauthReason: reason?.[1] ?? null,
    headerFrom: prop('header.from'),
    mailFrom: prop('smtp.mailfrom'),
    dkimPassDomains,
  };
}
