// How the simulator serves its sign-ins per Graph version. Scenario sign-ins are beta records (a superset of
// v1.0); v1.0 lists interactive ones only and without beta's properties; beta lists interactive ones unless
// `$filter` names event types with `signInEventTypes/any(t: t eq '…')`.
import type { GraphSignIn } from '@lantern/shared';
import { V1_SIGN_IN_PROPERTIES, type SignInEventType } from '../graph/sign-in-fields.ts';
import type { GraphVersion } from './graph-api.ts';
import { badRequest } from './graph-error.ts';

export type { SignInEventType };

const INTERACTIVE: readonly SignInEventType[] = ['interactiveUser'];
const NON_INTERACTIVE: readonly SignInEventType[] = ['nonInteractiveUser'];
const KNOWN: ReadonlySet<string> = new Set(['interactiveUser', 'nonInteractiveUser', 'servicePrincipal', 'managedIdentity']);
const V1: ReadonlySet<string> = new Set(V1_SIGN_IN_PROPERTIES);

/** The record's event types: `signInEventTypes` when it has them, else from `isInteractive`. */
export function signInEventTypesOf(s: GraphSignIn): readonly SignInEventType[] {
  const given = s.signInEventTypes;
  if (Array.isArray(given) && given.length > 0) return given.filter((t): t is SignInEventType => KNOWN.has(t));
  return s.isInteractive === false ? NON_INTERACTIVE : INTERACTIVE;
}

/** The record as `version` serves it: v1.0 keeps v1.0's properties only; beta always carries the event types. */
export function signInForVersion(s: GraphSignIn, version: GraphVersion): Record<string, unknown> {
  if (version === 'beta') return Array.isArray(s.signInEventTypes) ? { ...s } : { ...s, signInEventTypes: [...signInEventTypesOf(s)] };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) if (V1.has(k)) out[k] = v;
  return out;
}

const ANY = String.raw`signInEventTypes/any\(\s*(\w+)\s*:\s*\1\s+eq\s+'(\w+)'\s*\)`;

/**
 * Takes the event-type clause out of a sign-in `$filter`: one `signInEventTypes/any(t: t eq 'X')`, or
 * several joined by `or` inside parentheses, joined to the rest by `and`. Returns the types named (null when
 * the filter names none) and the rest of the filter (null when nothing is left).
 */
export function splitSignInEventTypeFilter(filter: string): { eventTypes: ReadonlySet<SignInEventType> | null; rest: string | null } {
  if (!/signInEventTypes/i.test(filter)) return { eventTypes: null, rest: filter };
  const one = new RegExp(ANY, 'gi');
  const m = matchClause(filter);
  if (!m) throw badRequest('Invalid filter clause: signInEventTypes must be filtered as signInEventTypes/any(t: t eq \'nonInteractiveUser\').');
  const types = new Set<SignInEventType>();
  for (const x of m.text.matchAll(one)) {
    const t = x[2] ?? '';
    if (!KNOWN.has(t)) throw badRequest(`Invalid filter clause: '${t}' is not a sign-in event type.`);
    types.add(t as SignInEventType);
  }
  const rest = (filter.slice(0, m.index) + filter.slice(m.index + m.text.length)).trim().replace(/^and\s+/i, '').replace(/\s+and$/i, '').replace(/\s+and\s+and\s+/i, ' and ').trim();
  if (/signInEventTypes/i.test(rest)) throw badRequest('Invalid filter clause: signInEventTypes may appear in one clause only.');
  return { eventTypes: types, rest: rest === '' ? null : rest };
}

function matchClause(filter: string): { index: number; text: string } | null {
  const single = new RegExp(ANY, 'i');
  const open = /\(\s*signInEventTypes\/any\(/i.exec(filter);
  if (open) {
    // A parenthesised list: any()s joined by `or`, up to the matching close.
    let i = open.index + open[0].length - 'signInEventTypes/any('.length;
    const start = open.index;
    const parts: string[] = [];
    for (;;) {
      const m = single.exec(filter.slice(i));
      if (!m || m.index !== 0) return null;
      parts.push(m[0]);
      i += m[0].length;
      const sep = /^\s+or\s+/i.exec(filter.slice(i));
      if (sep) {
        i += sep[0].length;
        continue;
      }
      const close = /^\s*\)/.exec(filter.slice(i));
      if (!close) return null;
      i += close[0].length;
      return { index: start, text: filter.slice(start, i) };
    }
  }
  const m = single.exec(filter);
  return m ? { index: m.index, text: m[0] } : null;
}
