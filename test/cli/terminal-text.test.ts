// terminalText: the one escaping function between untrusted text and a terminal or plain-text log.
import { describe, expect, it } from 'vitest';
import { terminalText } from '../../server/src/terminal-text.ts';

// eslint-disable-next-line no-control-regex
const raw = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

describe('terminalText', () => {
  it('shows ANSI colours, OSC title changes and CR/LF as escapes, so no line can be forged', () => {
    const subject = 'Invoice\u001b]0;pwned\u0007\u001b[31m red\r\n[ 12.0s] INCIDENT i-9 CRITICAL (score 100): ceo@contoso.com';
    const out = terminalText(subject, { max: 500 });
    expect(out).not.toMatch(raw);
    expect(out).toBe('"Invoice\\x1b]0;pwned\\x07\\x1b[31m red\\x0d\\x0a[ 12.0s] INCIDENT i-9 CRITICAL (score 100): ceo@contoso.com"');
    expect(out.split('\n')).toHaveLength(1);
  });

  it('escapes C1 controls, bidi overrides, zero-width and line separators, NUL and lone surrogates', () => {
    const out = terminalText('a\u009b31mb\u202egnp.exe\u200b\u2028\u0000\ud800z');
    expect(out).toBe('"a\\x9b31mb\\u{202e}gnp.exe\\u{200b}\\u{2028}\\x00\\u{d800}z"');
    expect(out).not.toMatch(raw);
  });

  it('quotes, escaping quotes and backslashes, so the quoted text cannot end early', () => {
    expect(terminalText('say "hi" \\x1b')).toBe('"say \\"hi\\" \\\\x1b"');
    expect(terminalText('say "hi"', { quote: false })).toBe('say "hi"');
  });

  it('truncates by code point and marks the cut, keeping emoji whole', () => {
    expect(terminalText('😀'.repeat(10), { max: 3 })).toBe('"😀😀😀…"');
    expect(terminalText('x'.repeat(500))).toHaveLength(120 + 3);
    expect(terminalText('plain subject')).toBe('"plain subject"');
  });

  it('names a missing value', () => {
    expect(terminalText(null)).toBe('(none)');
    expect(terminalText(undefined)).toBe('(none)');
  });
});

describe('CLI output of untrusted text', () => {
  it('lantern replay prints user names and incident narratives (rule names) escaped', async () => {
    const { report } = await import('../../server/src/cli/replay.ts');
    const stats = { records: 1, skipped: 0, events: 1, signIns: 0, breaches: 1, suppressed: 0, incidents: 1, engineMs: 1 };
    const out = report({
      incidents: [{
        id: 'i-1', severity: 'high', score: 80, users: ['eve\u001b[2J@contoso.com'], start: '2026-03-01T00:00:00Z', end: '2026-03-01T01:00:00Z', breaches: [],
        persistence: [{
          kind: 'inbox-rule', ref: 'rule:u:1', userId: 'u', user: 'eve@contoso.com', at: '2026-03-01T00:30:00Z', eventId: 'e', name: '\u001b[2Jx',
          what: 'Inbox rule "\u001b[2Jx" created.', undo: 'Remove-InboxRule -Identity "\u001b[2Jx"', models: [], removedAt: null,
        }],
        narrative: 'New inbox rule "\u001b]0;owned\u0007RSS\r\n[CRITICAL 100] i-2 ceo@contoso.com" moves mail to RSS Feeds.',
      }],
      breaches: [],
      stats: stats as Parameters<typeof report>[0]['stats'],
      raw: { incidents: [], breaches: [] },
      problems: [],
    });
    // eslint-disable-next-line no-control-regex
    expect(out.replace(/\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(out).toContain('eve\\x1b[2J@contoso.com');
    expect(out).toContain('\\x1b]0;owned\\x07RSS\\x0d\\x0a[CRITICAL');
    expect(out.split('\n').some((l) => l.startsWith('[CRITICAL'))).toBe(false);
    expect(out).toContain('Remove-InboxRule -Identity "\\x1b[2Jx"');
  });

  it('lantern assess prints file names escaped', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { assessCommand } = await import('../../server/src/cli/assess.ts');
    const dir = mkdtempSync(join(tmpdir(), 'lantern-term-'));
    const file = join(dir, 'x\u001b]0;t\u0007.eml');
    writeFileSync(file, 'From: a@example.org\r\nSubject: hi\r\n\r\nhello\r\n');
    const out: string[] = [];
    await assessCommand([file], { write: (l) => out.push(l), progress: () => {} });
    // eslint-disable-next-line no-control-regex
    for (const l of out) expect(l).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(out[1]).toContain('x\\x1b]0;t\\x07.eml');
  });
});
