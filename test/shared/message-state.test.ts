// shared/src/message-state.ts: the per-message state machine the server answers and the pane follows.
// A table of every state × event, under each release policy, so a changed rule shows up as a changed row.
import { describe, expect, it } from 'vitest';
import {
  MESSAGE_EVENTS,
  MESSAGE_STATES,
  allowedActions,
  messageStateOf,
  nextMessageState,
  stateSentence,
  type MessageEvent,
  type MessageFacts,
  type MessageState,
  type ReleasePolicy,
} from '../../shared/src/message-state.ts';

// Rows: state → event → next state (or null: not allowed), for release policy 'allowed' and 'request'.
type Row = Record<MessageEvent, [allowed: MessageState | null, request: MessageState | null]>;
const TABLE: Record<MessageState, Row> = {
  delivered: { report: ['reported', 'reported'], release: [null, null], 'request-release': [null, null], approve: [null, null], deny: [null, null], 'triage-safe': [null, null] },
  tagged: { report: ['reported', 'reported'], release: ['released', 'released'], 'request-release': [null, null], approve: [null, null], deny: [null, null], 'triage-safe': [null, null] },
  'links-locked': { report: ['reported', 'reported'], release: ['released', 'released'], 'request-release': [null, null], approve: [null, null], deny: [null, null], 'triage-safe': [null, null] },
  held: { report: ['reported', 'reported'], release: ['released', null], 'request-release': [null, 'release-requested'], approve: [null, null], deny: [null, null], 'triage-safe': [null, null] },
  reported: { report: [null, null], release: [null, null], 'request-release': [null, null], approve: [null, null], deny: [null, null], 'triage-safe': ['restored', 'restored'] },
  'release-requested': { report: ['reported', 'reported'], release: [null, null], 'request-release': [null, null], approve: ['released', 'released'], deny: ['denied', 'denied'], 'triage-safe': [null, null] },
  released: { report: ['reported', 'reported'], release: [null, null], 'request-release': [null, null], approve: [null, null], deny: [null, null], 'triage-safe': [null, null] },
  denied: { report: ['reported', 'reported'], release: [null, null], 'request-release': [null, null], approve: [null, null], deny: [null, null], 'triage-safe': [null, null] },
  restored: { report: [null, null], release: [null, null], 'request-release': [null, null], approve: [null, null], deny: [null, null], 'triage-safe': [null, null] },
};

const POLICIES: ReleasePolicy[] = ['allowed', 'request'];
const cases = MESSAGE_STATES.flatMap((state) =>
  MESSAGE_EVENTS.flatMap((event) => POLICIES.map((policy, i) => ({ state, event, policy, expected: TABLE[state][event][i] ?? null }))),
);

describe('message state machine', () => {
  it('has a row for every state and a column for every event', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...MESSAGE_STATES].sort());
    for (const row of Object.values(TABLE)) expect(Object.keys(row).sort()).toEqual([...MESSAGE_EVENTS].sort());
  });

  it.each(cases)('$state + $event (release $policy) → $expected', ({ state, event, policy, expected }) => {
    expect(nextMessageState(state, event, policy)).toBe(expected);
  });

  it('offers exactly the user actions that lead somewhere', () => {
    expect(allowedActions('held', 'request')).toEqual(['report', 'request-release']);
    expect(allowedActions('held', 'allowed')).toEqual(['report', 'release']);
    expect(allowedActions('held', 'none')).toEqual(['report']);
    expect(allowedActions('reported', 'request')).toEqual([]);
    expect(allowedActions('denied', 'request')).toEqual(['report']);
    expect(allowedActions('release-requested', 'request')).toEqual(['report']);
    expect(allowedActions('tagged', 'allowed')).toEqual(['report', 'release']);
    expect(allowedActions('restored', 'allowed')).toEqual([]);
  });

  it('never offers to request release after a report or after a denial', () => {
    for (const policy of [...POLICIES, 'none' as const]) {
      expect(allowedActions('reported', policy)).not.toContain('request-release');
      expect(allowedActions('denied', policy)).not.toContain('request-release');
    }
  });
});

describe('messageStateOf', () => {
  const base: MessageFacts = { verdict: 'deliver', held: false, releaseRequest: null, released: false, reported: false, restored: false };
  it.each<[Partial<MessageFacts>, MessageState]>([
    [{}, 'delivered'],
    [{ verdict: 'tag' }, 'tagged'],
    [{ verdict: 'lock-links' }, 'links-locked'],
    [{ verdict: 'hold', held: true }, 'held'],
    [{ verdict: 'hold', held: true, releaseRequest: 'pending' }, 'release-requested'],
    [{ verdict: 'hold', held: true, releaseRequest: 'denied' }, 'denied'],
    [{ verdict: 'hold', held: true, reported: true }, 'reported'],
    [{ verdict: 'hold', held: true, releaseRequest: 'denied', reported: true }, 'reported'],
    [{ verdict: 'lock-links', released: true }, 'released'],
    [{ verdict: 'hold', releaseRequest: 'approved', released: true }, 'released'],
    [{ verdict: 'tag', reported: true, restored: true }, 'restored'],
  ])('%o → %s', (facts, state) => {
    expect(messageStateOf({ ...base, ...facts })).toBe(state);
  });

  it('says the denial and the report in whole sentences', () => {
    expect(stateSentence('denied', 'request')).toMatch(/denied your request/);
    expect(stateSentence('reported', 'request')).toMatch(/^You reported this message\./);
    expect(stateSentence('restored', 'none')).toMatch(/back to your Inbox/);
    for (const s of MESSAGE_STATES) {
      const text = stateSentence(s, 'request');
      if (text !== null) expect(text).toMatch(/^[A-Z].*\.$/);
    }
  });
});
