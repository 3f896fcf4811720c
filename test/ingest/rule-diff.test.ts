import { describe, expect, it } from 'vitest';
import type { InboxRule } from '@lantern/shared';
import { diffInboxRules, existingInboxRules } from '../../server/src/ingest/rule-diff.ts';

function rule(id: string, over: Partial<InboxRule> = {}): InboxRule {
  return {
    id, name: `rule ${id}`, enabled: true, sequence: 1, hasConditions: true, conditionTerms: ['news'], moveToFolder: 'Newsletters', copyToFolder: null,
    delete: false, permanentDelete: false, markAsRead: false, stopProcessing: false, forwardTo: [], forwardAsAttachmentTo: [], redirectTo: [], ...over,
  };
}
const user = { userId: 'u1', upn: 'Alice@contoso.com' };
const at = '2026-03-04T12:00:00.000Z';

describe('diffInboxRules', () => {
  it('reports created, changed and deleted rules with deterministic ids', () => {
    const before = [rule('a'), rule('b'), rule('c')];
    const after = [rule('a'), rule('b', { markAsRead: true }), rule('d')];
    const events = diffInboxRules(user, at, before, after);
    expect(events.map((e) => [e.change, e.rule.id])).toEqual([['deleted', 'c'], ['changed', 'b'], ['created', 'd']]);
    expect(events[1]!.id).toBe(`u1:b:changed:${at}`);
    expect(events[1]!.previous!.markAsRead).toBe(false);
    expect(events.every((e) => e.upn === 'alice@contoso.com' && e.at === at)).toBe(true);
    expect(diffInboxRules(user, at, before, after).map((e) => e.id)).toEqual(events.map((e) => e.id));
  });
  it('ignores a sequence-only change and identical snapshots', () => {
    expect(diffInboxRules(user, at, [rule('a')], [rule('a', { sequence: 5 })])).toEqual([]);
    expect(diffInboxRules(user, at, [], [])).toEqual([]);
  });
  it('compares folders on their ids: a name that resolved on one read only is no change; a new id is', () => {
    const resolved = rule('a', { moveToFolder: 'RSS Feeds', moveToFolderId: 'AAMk-rss' });
    expect(diffInboxRules(user, at, [rule('a', { moveToFolder: '(unknown folder)', moveToFolderId: 'AAMk-rss' })], [resolved])).toEqual([]);
    expect(diffInboxRules(user, at, [resolved], [rule('a', { moveToFolder: 'RSS Feeds', moveToFolderId: 'AAMk-other' })]).map((e) => e.change)).toEqual(['changed']);
    // Snapshots stored before ids were kept hold the name, or the raw id when the name did not resolve.
    expect(diffInboxRules(user, at, [rule('a', { moveToFolder: 'AAMk-rss' })], [resolved])).toEqual([]);
    expect(diffInboxRules(user, at, [rule('a', { moveToFolder: 'RSS Feeds' })], [resolved])).toEqual([]);
    expect(diffInboxRules(user, at, [rule('a', { moveToFolder: 'Inbox' })], [resolved]).map((e) => e.change)).toEqual(['changed']);
    expect(diffInboxRules(user, at, [rule('a', { moveToFolder: null })], [rule('a', { moveToFolder: null, moveToFolderId: null })])).toEqual([]);
  });
  it('reports a first snapshot as existing rules, once each, with deterministic ids', () => {
    const events = existingInboxRules(user, at, [rule('a'), rule('b'), rule('a')]);
    expect(events.map((e) => [e.change, e.rule.id, e.previous])).toEqual([['existing', 'a', null], ['existing', 'b', null]]);
    expect(events[0]!.id).toBe(`u1:a:existing:${at}`);
    expect(events.every((e) => e.upn === 'alice@contoso.com' && e.at === at)).toBe(true);
  });
});
