// The story of an incident in plain sentences, from the breaches' own reasons: who, when, from where, what
// was new compared with their usual pattern, what followed. Deterministic: same breaches, same words.
import type { Breach, PersistenceItem, PersistenceKind, Severity } from '@lantern/shared';
import type { ChainRule } from './correlation-rules.ts';

function fmt(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

const MODEL_WORDS: Readonly<Record<string, string>> = {
  'saas.unusual-credential-source': 'an unusual sign-in',
  'saas.impossible-travel': 'impossible travel',
  'saas.legacy-protocol-sign-in': 'a first legacy-protocol sign-in from an unusual source',
  'saas.mfa-fatigue': 'MFA fatigue',
  'saas.password-spray': 'a password spray',
  'saas.sign-in-after-password-spray': 'a successful sign-in from a password-spraying address',
  'saas.device-code-sign-in': 'a device-code sign-in from a new source',
  'saas.sign-in-from-attacker-source': 'a sign-in from an address seen in another user\'s breach',
  'saas.unusual-login-account-update': 'a security info change after an unusual sign-in',
  'saas.anomalous-new-email-rule': 'a suspicious inbox rule',
  'saas.unusual-login-new-email-rule': 'an inbox rule after an unusual sign-in',
  'saas.external-forwarding-rule': 'forwarding outside the organisation',
  'multi.users-breaching-same-model': 'several users breaching from one source',
};

export function modelWords(id: string): string {
  return MODEL_WORDS[id] ?? id;
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const KIND_WORDS: Readonly<Record<PersistenceKind, [string, string]>> = {
  'inbox-rule': ['inbox rule', 'inbox rules'],
  forwarding: ['forwarding rule', 'forwarding rules'],
  'auth-method': ['MFA method', 'MFA methods'],
  consent: ['app consent', 'app consents'],
  'app-credential': ['app credential', 'app credentials'],
};
const NAMES_PER_KIND = 5;

/** 'To undo, 39 persistence items: 38 inbox rules of x@… ("." , … and 33 more) and 1 MFA method of x@… (…).'
 * The sentence names the first few; the incident's `persistence` lists every item with its undo step. */
function persistenceSentence(items: readonly PersistenceItem[]): string {
  const open = items.filter((p) => p.removedAt === null);
  if (open.length === 0) return '';
  const byKind = new Map<PersistenceKind, PersistenceItem[]>();
  for (const p of open) {
    const group = byKind.get(p.kind) ?? [];
    group.push(p);
    byKind.set(p.kind, group);
  }
  const parts: string[] = [];
  for (const [kind, group] of byKind) {
    const [one, many] = KIND_WORDS[kind];
    const users = [...new Set(group.map((p) => p.user))];
    const names = group.slice(0, NAMES_PER_KIND).map((p) => JSON.stringify(p.name));
    const more = group.length > NAMES_PER_KIND ? ` and ${group.length - NAMES_PER_KIND} more` : '';
    parts.push(`${group.length} ${group.length === 1 ? one : many}${users.length === 1 ? ` of ${users[0]}` : ` across ${users.length} users`}${names.length > 0 ? ` (${names.join(', ')}${more})` : ''}`);
  }
  const unalerted = open.filter((p) => p.models.length === 0).length;
  const notes: string[] = [];
  if (unalerted > 0) notes.push(`${unalerted} made while the incident was open without breaching a model`);
  return `To undo, ${open.length} persistence item${open.length === 1 ? '' : 's'}: ${list(parts)}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}.`;
}

export function buildNarrative(input: { severity: Severity; score: number; users: string[]; breaches: readonly Breach[]; chains: readonly ChainRule[]; persistence?: readonly PersistenceItem[] }): string {
  const { users, breaches, chains } = input;
  const sorted = [...breaches].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last) return '';
  const out: string[] = [];
  const who = users.length === 1 ? users[0]! : `${users.length} users (${list(users)})`;
  const kinds = [...new Set(sorted.map((b) => modelWords(b.model)))];
  out.push(
    `${input.severity[0]!.toUpperCase()}${input.severity.slice(1)} incident (score ${input.score}) for ${who}, from ${fmt(first.at)} to ${fmt(last.at)}: ${list(kinds)}.`,
  );
  if (chains.length > 0) out.push(`The sequence matches ${list(chains.map((c) => c.description))}.`);
  // The first breach of each model for each user is told in full; repeats are counted.
  const repeats = new Map<string, { n: number; last: string }>();
  const told: Breach[] = [];
  for (const b of sorted) {
    const key = `${b.user}|${b.model}`;
    const r = repeats.get(key);
    if (r) {
      r.n++;
      r.last = b.at;
    } else {
      repeats.set(key, { n: 0, last: b.at });
      told.push(b);
    }
  }
  let previousAt = '';
  for (const b of told) {
    const when = b.at === previousAt ? 'At the same time' : `At ${fmt(b.at)}`;
    previousAt = b.at;
    const evidence = b.reasons.map((r) => r.text.replace(/\.$/, '')).join('. ');
    const r = repeats.get(`${b.user}|${b.model}`)!;
    const more = r.n > 0 ? ` The same model breached ${r.n} more time${r.n === 1 ? '' : 's'} for ${b.user}, until ${fmt(r.last)}.` : '';
    out.push(`${when}, ${modelWords(b.model)} (${b.model}, score ${b.score})${evidence ? `: ${evidence}` : ''}.${more}`);
  }
  if (users.length > 1) {
    const joined = users.slice(1).map((u) => {
      const firstOf = sorted.find((b) => b.user === u)!;
      return `${u} at ${fmt(firstOf.at)}`;
    });
    out.push(`After ${users[0]}, the same source reached ${list(joined)}.`);
  }
  const undo = persistenceSentence(input.persistence ?? []);
  if (undo) out.push(undo);
  return out.join(' ');
}
