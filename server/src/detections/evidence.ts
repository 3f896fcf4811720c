// Sentence fragments shared by models and narratives: every reason names the concrete evidence.
import type { SignInEvent } from '@lantern/shared';
import type { NovelValue } from '../baseline/source-assessment.ts';
import type { SignInFacts } from '../baseline/sign-in-facts.ts';
import { displayValue } from '../baseline/source-assessment.ts';

/** "2026-03-02 09:15 UTC" */
export function fmtTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function fmtHours(ms: number): string {
  const h = ms / 3_600_000;
  if (h < 1) return `${Math.max(1, Math.round(ms / 60_000))} minutes`;
  if (h < 48) return `${Math.round(h)} hour${Math.round(h) === 1 ? '' : 's'}`;
  return `${Math.round(h / 24)} days`;
}

/** "Lagos, NG (102.89.32.7, AS29465 MTN NIGERIA)" */
export function placeOf(e: { ip: string | null; city: string | null; country: string | null }, asnOrg: string | null, asn?: string | null): string {
  const where = [e.city, e.country].filter(Boolean).join(', ') || 'an unknown place';
  const net = [e.ip, asn ? `AS${asn}${asnOrg ? ` ${asnOrg}` : ''}` : asnOrg].filter(Boolean).join(', ');
  return net ? `${where} (${net})` : where;
}

export function novelText(n: NovelValue, x: SignInFacts): string {
  const v = displayValue(n.feature, n.value, x);
  const mine = n.userNovelty >= 0.9 ? 'new for the user' : 'rarely used by the user';
  const org = n.orgUsers === 0 ? 'used by no colleague in the window' : `used by ${n.orgUsers} colleague${n.orgUsers === 1 ? '' : 's'}`;
  return `${n.name} ${v} (${mine}; ${org})`;
}

export function sourceKeys(e: SignInEvent, x: SignInFacts, sharedEgress: boolean, asnRare: boolean): string[] {
  const keys: string[] = [];
  if (e.ip && !sharedEgress) keys.push(`ip:${e.ip}`);
  if (x.asn && asnRare && !sharedEgress) keys.push(`asn:${x.asn}`);
  return keys;
}
