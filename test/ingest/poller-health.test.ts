// HealthTracker: a source is not healthy just because its runs finish.
import { describe, expect, it } from 'vitest';
import { DEGRADED_AFTER_RUNS, HealthTracker } from '../../server/src/ingest/poller-health.ts';

const at = (i: number): Date => new Date(Date.UTC(2026, 10, 1, 0, i));

/** One run: the given mailboxes fail, then the run ends as a whole (ok, or failed). */
function run(h: HealthTracker, i: number, failingMailboxes: readonly string[], wholeRunFails = false): void {
  h.started(at(i));
  for (const m of failingMailboxes) h.error(`messages of ${m}@contoso.com: 400 bad delta link`, m);
  if (wholeRunFails) h.failed('every mailbox failed');
  else h.succeeded(at(i));
}

describe('HealthTracker', () => {
  it('is degraded once the same mailboxes fail on every one of the last runs, and recovers after a clean run', () => {
    const h = new HealthTracker('messages');
    for (let i = 0; i < DEGRADED_AFTER_RUNS - 1; i++) {
      run(h, i, ['m1', 'm2']);
      expect(h.snapshot().state).toBe('idle');
      expect(h.unhealthy()).toBe(false);
    }
    run(h, 9, ['m1', 'm2']);
    expect(h.snapshot()).toMatchObject({ state: 'degraded', failingMailboxes: 2, failingMailboxIds: ['m1', 'm2'] });
    expect(h.unhealthy()).toBe(true);
    run(h, 10, []);
    expect(h.snapshot()).toMatchObject({ state: 'idle', failingMailboxes: 0, failingMailboxIds: [], consecutiveRunsWithErrors: 0 });
    expect(h.unhealthy()).toBe(false);
  });

  it('counts a mailbox as stuck only while it fails run after run', () => {
    const h = new HealthTracker('messages');
    run(h, 0, ['m1']);
    run(h, 1, ['m1']);
    run(h, 2, ['m2']); // m1 recovered, m2 is new: no mailbox has failed three runs in a row
    expect(h.snapshot().failingMailboxes).toBe(0);
    expect(h.failingRuns('m1')).toBe(0);
    expect(h.failingRuns('m2')).toBe(1);
    // Errors met on every run still make the source degraded, whichever mailbox they came from.
    expect(h.snapshot().consecutiveRunsWithErrors).toBe(3);
    expect(h.snapshot().state).toBe('degraded');
  });

  it('counts whole-run failures in a row and is unhealthy from the first', () => {
    const h = new HealthTracker('signIns');
    run(h, 0, [], true);
    run(h, 1, [], true);
    expect(h.snapshot()).toMatchObject({ state: 'error', consecutiveFailures: 2, lastError: 'every mailbox failed' });
    expect(h.unhealthy()).toBe(true);
    run(h, 2, []);
    expect(h.snapshot()).toMatchObject({ state: 'idle', consecutiveFailures: 0 });
  });

  it('counts the run under way in failingRuns', () => {
    const h = new HealthTracker('messages');
    run(h, 0, ['m1']);
    h.started(at(1));
    h.error('again', 'm1');
    expect(h.failingRuns('m1')).toBe(2);
  });
});
