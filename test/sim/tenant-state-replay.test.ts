// Run-time changes to the simulated tenant are reported in order and, replayed onto a newly built tenant from
// the same scenario, give the same state: ids, folders, sequence numbers and delta marks (the demo's restarts).
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/src/clock.ts';
import { TenantState, type TenantChange } from '../../server/src/sim/tenant-state.ts';
import { HOUR, iso, smallScenario, userId } from './sim-fixture.ts';

function snapshot(state: TenantState, users: string[]): unknown {
  return users.map((u) => ({
    folders: state.folders(u).map((f) => [f.id, f.displayName, f.isHidden]),
    messages: ['inbox', 'sentitems', 'junkemail'].map((f) => state.messagesIn(u, f).map((m) => [m.immutableId, m.restId, m.changeSeq, m.message.categories, m.message.subject])),
    rules: state.inboxRules(u).map((r) => r.id),
  }));
}

describe('TenantState changes', () => {
  it('reports each run-time change once and replays them into the same state', () => {
    const clock = new ManualClock(iso(12 * HOUR));
    const a = new TenantState(smallScenario(), clock);
    const changes: TenantChange[] = [];
    a.onChange = (c) => changes.push(JSON.parse(JSON.stringify(c)) as TenantChange);

    const added = a.addMessage({ userId: userId(1), message: { subject: 'offer' } });
    clock.advance(60_000);
    const held = a.createFolder(userId(1), 'Lantern Held', true);
    a.moveMessage(userId(1), added.immutableId, held.id);
    clock.advance(60_000);
    a.updateMessage(userId(1), added.immutableId, { categories: ['Lantern: suspicious'] });
    a.sendMail(userId(2), { subject: 'digest', toRecipients: [{ emailAddress: { address: 'user1@contoso.test', name: null } }], internetMessageHeaders: [{ name: 'X-Test', value: '1' }] }, [], true);
    a.moveMessage(userId(1), added.immutableId, 'inbox');
    a.setInboxRules(userId(2), []);
    expect(changes.map((c) => c.op)).toEqual(['addMessage', 'createFolder', 'moveMessage', 'updateMessage', 'sendMail', 'moveMessage', 'setInboxRules']);
    expect(changes[0]!.at).toBe(iso(12 * HOUR));

    // A later start: the same scenario, the clock further on, the changes replayed at their own times.
    clock.advance(3 * HOUR);
    const b = new TenantState(smallScenario(), clock);
    const replayed: TenantChange[] = [];
    b.onChange = (c) => replayed.push(c);
    for (const c of changes) b.applyChange(c);
    expect(replayed).toEqual([]);
    expect(snapshot(b, [userId(1), userId(2)])).toEqual(snapshot(a, [userId(1), userId(2)]));
    expect(b.sequence).toBe(a.sequence);
    expect(b.sentMail().map((m) => m.message.id)).toEqual(a.sentMail().map((m) => m.message.id));
    // New changes after the replay carry on from the same counters.
    expect(b.createFolder(userId(1), 'Later', false).id).toBe(a.createFolder(userId(1), 'Later', false).id);
  });
});
