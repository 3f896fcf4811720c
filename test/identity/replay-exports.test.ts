// `lantern replay FILE...` reads exports as they are: each sample in docs/replay-formats/ is detected, read
// and replayed; several files combine into one timeline; unknown operations are counted and skipped.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat, ExportFormatError, readExports, summaryLines } from '../../server/src/identity/exports/read-exports.ts';
import { parseCsv } from '../../server/src/identity/exports/csv.ts';
import { replayScenario } from '../../server/src/identity/replay.ts';
import { scenarioToEvents } from '../../server/src/identity/scenario-events.ts';

const dir = new URL('../../docs/replay-formats/', import.meta.url);
const sample = (name: string) => ({ name, text: readFileSync(new URL(name, dir), 'utf8') });

describe('export formats', () => {
  it('detects each sample\'s format from its content', () => {
    expect(detectFormat(sample('purview-audit.csv').text)).toBe('purview-audit-csv');
    expect(detectFormat(sample('purview-audit.json').text)).toBe('purview-audit-json');
    expect(detectFormat(sample('entra-sign-ins.json').text)).toBe('entra-sign-ins-json');
    expect(detectFormat('{"version":1,"tenant":{"id":"t","displayName":"T","domains":["contoso.com"]},"start":"","end":""}')).toBe('scenario');
    expect(() => detectFormat('Date,Message\n2026-03-02,hello\n')).toThrow(ExportFormatError);
    expect(() => detectFormat('[{"foo":1}]')).toThrow(ExportFormatError);
  });

  it('reads the Purview audit CSV: sign-ins and rule changes mapped, other operations counted, broken AuditData invalid', () => {
    const { scenario, files } = readExports([sample('purview-audit.csv')]);
    expect(files[0]).toMatchObject({ format: 'purview-audit-csv', records: 7, mapped: 4, invalid: 1, unknown: { 'Set-Mailbox': 1, MailItemsAccessed: 1 } });
    expect(scenario.signIns!.map((s) => s.status?.errorCode)).toEqual([50126, 0]);
    expect(scenario.signIns![1]!.ipAddress).toBe('102.89.32.7');
    const { events } = scenarioToEvents(scenario);
    const rules = events.filter((e) => e.kind === 'inboxRule');
    expect(rules.map((e) => (e.kind === 'inboxRule' ? [e.change, e.rule.name, e.rule.moveToFolder, e.rule.markAsRead, e.rule.forwardTo] : null))).toEqual([
      ['created', '.', 'RSS Feeds', true, []],
      ['changed', '.', 'RSS Feeds', true, ['drop@evil.example']],
    ]);
    expect(summaryLines(files)[0]).toBe('purview-audit.csv (purview-audit-csv): 7 records, 4 read, 2 skipped as unknown (MailItemsAccessed 1, Set-Mailbox 1), 1 invalid');
  });

  it('reads the Purview audit JSON (portal rows with AuditData as a string, and raw records)', () => {
    const { files } = readExports([sample('purview-audit.json')]);
    expect(files[0]).toMatchObject({ format: 'purview-audit-json', records: 4, mapped: 3, invalid: 0, unknown: { 'Set-Mailbox': 1 } });
  });

  it('reads the Entra sign-in JSON export with its location and outcome', () => {
    const { scenario, files } = readExports([sample('entra-sign-ins.json')]);
    expect(files[0]).toMatchObject({ format: 'entra-sign-ins-json', records: 3, mapped: 3, invalid: 0 });
    const { events } = scenarioToEvents(scenario);
    expect(events.map((e) => (e.kind === 'signIn' ? [e.upn, e.country, e.success] : null))).toEqual([
      ['bob@contoso.com', 'FR', true],
      ['bob@contoso.com', 'NG', false],
      ['bob@contoso.com', 'NG', true],
    ]);
  });

  it('combines several files into one time-ordered timeline and replays it; the same record in two files counts once', () => {
    const { scenario } = readExports([sample('entra-sign-ins.json'), sample('purview-audit.csv'), sample('purview-audit.json')]);
    expect(scenario.tenant.domains).toEqual(['contoso.com']);
    const { events } = scenarioToEvents(scenario);
    const times = events.map((e) => e.at);
    expect([...times].sort()).toEqual(times);
    expect(new Set(events.map((e) => e.upn))).toEqual(new Set(['alice@contoso.com', 'bob@contoso.com']));
    const r = replayScenario(scenario);
    // CSV and JSON carry the same two sign-ins: the engine drops the repeats by record id.
    expect(r.stats.signIns).toBe(3 + 2);
  });

  it('parses quoted CSV fields with doubled quotes, commas and line breaks', () => {
    expect(parseCsv('\ufeffa,"b ""x"", y",c\r\n1,"two\nlines",3\n')).toEqual([
      ['a', 'b "x", y', 'c'],
      ['1', 'two\nlines', '3'],
    ]);
  });
});
