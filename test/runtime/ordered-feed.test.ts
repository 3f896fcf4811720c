import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '@lantern/shared';
import type { PollerHealth, SourceName } from '../../server/src/ingest/poller-health.ts';
import { orderedFeed } from '../../server/src/runtime/ordered-feed.ts';

function health(completeThrough: Partial<Record<SourceName, string | null>>, states: Partial<Record<SourceName, PollerHealth['state']>> = {}) {
  const base = (s: SourceName): PollerHealth => ({
    state: states[s] ?? 'idle',
    lastPollAt: null,
    lastSuccessAt: null,
    completeThrough: completeThrough[s] ?? null,
    cursor: null,
    records: 0,
    skipped: 0,
    errors: 0,
    lastError: null,
    throttled: 0,
    consecutiveFailures: 0,
    consecutiveRunsWithErrors: 0,
    failingMailboxes: 0,
    failingMailboxIds: [],
  });
  return { signIns: base('signIns'), directoryAudits: base('directoryAudits'), inboxRules: base('inboxRules'), messages: base('messages') };
}

const ev = (id: string, at: string): DomainEvent =>
  ({ kind: 'inboxRule', id, at, userId: 'u', upn: 'u@x' }) as unknown as DomainEvent;

describe('orderedFeed', () => {
  it('holds events until every source has completed a run after them, then releases them in time order', () => {
    let h = health({ signIns: '2026-01-01T10:00:00Z', directoryAudits: null });
    const got: string[] = [];
    const feed = orderedFeed({ sources: ['signIns', 'directoryAudits'], health: () => h, deliver: (es) => got.push(...es.map((e) => e.id)) });

    // The MFA change is polled first, the sign-in that preceded it afterwards.
    feed.push([ev('mfa', '2026-01-01T09:30:00Z')]);
    feed.flush();
    expect(got).toEqual([]); // directory audits have not completed a run yet
    feed.push([ev('signin', '2026-01-01T09:00:00Z'), ev('late', '2026-01-01T11:00:00Z')]);
    h = health({ signIns: '2026-01-01T10:00:00Z', directoryAudits: '2026-01-01T10:30:00Z' });
    feed.flush();
    expect(got).toEqual(['signin', 'mfa']);
    expect(feed.buffered()).toBe(1);
    feed.drain();
    expect(got).toEqual(['signin', 'mfa', 'late']);
  });

  it('does not wait for a source that lacks its licence', () => {
    const h = health({ directoryAudits: '2026-01-01T10:00:00Z' }, { signIns: 'licence-required' });
    const got: string[] = [];
    const feed = orderedFeed({ sources: ['signIns', 'directoryAudits'], health: () => h, deliver: (es) => got.push(...es.map((e) => e.id)) });
    feed.push([ev('a', '2026-01-01T09:00:00Z')]);
    feed.flush();
    expect(got).toEqual(['a']);
  });

  it('releases the oldest events when the buffer is over its bound', () => {
    const h = health({});
    const got: string[] = [];
    const feed = orderedFeed({ sources: ['signIns'], health: () => h, deliver: (es) => got.push(...es.map((e) => e.id)), maxBuffered: 2 });
    feed.push([ev('c', '2026-01-03T00:00:00Z'), ev('a', '2026-01-01T00:00:00Z'), ev('b', '2026-01-02T00:00:00Z')]);
    feed.flush();
    expect(got).toEqual(['a']);
    expect(feed.buffered()).toBe(2);
  });
});
