// The account-takeover chain's phishing: a colleague's taken-over mailbox shares a "OneDrive" document whose
// link goes to DocSend. Judged on the message alone, then with identity detection's incident through the live scorer.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assessMail } from '../../server/src/mail/assess.ts';
import { parseMime } from '../../server/src/mail/parse.ts';
import { createMailScorer, type SenderCompromiseLookup } from '../../server/src/mailbox/mail-scorer-default.ts';
import type { ScoringFacts } from '../../server/src/mailbox/mail-scorer.ts';

const raw = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'takeover-chain-docsend.eml'));
const directory = { domains: ['contoso.com'], internalDisplayNames: ['Priya Natarajan', 'Omar Haddad'] };
const facts: ScoringFacts = {
  receivedAt: '2025-03-11T14:02:10.000Z',
  recipient: 'omar.haddad@contoso.com',
  sender: { address: { firstSeen: '2024-01-08T09:00:00Z', messageCount: 140, reportCount: 0 }, domain: { firstSeen: '2023-05-02T09:00:00Z', messageCount: 9000, reportCount: 0 } },
};

describe('account-takeover chain phish', () => {
  it('names the platform the link really goes to', async () => {
    const a = assessMail(await parseMime(raw), { tenantDomains: ['contoso.com'] });
    expect(a.reasons.map((r) => r.code)).toContain('link.document-platform-mismatch');
    expect(a.userNarrative).toContain("The link behind 'Click Here' leads to docsend.com, not OneDrive as the text says.");
  });

  it('is held once identity detection reports the sender account compromised', async () => {
    const mail = await parseMime(raw);
    const asked: Array<[string, string]> = [];
    const lookup: SenderCompromiseLookup = (address, at) => {
      asked.push([address, at]);
      return address === 'priya.natarajan@contoso.com' && at >= '2025-03-11T09:00:00Z'
        ? { incidentId: 'INC-7', severity: 'high', since: '2025-03-11T09:00:00Z' }
        : null;
    };
    const withIncident = createMailScorer(directory, undefined, lookup)(mail, facts);
    expect(asked).toEqual([['priya.natarajan@contoso.com', '2025-03-11T14:02:10.000Z']]);
    expect(withIncident.verdict).toBe('hold');
    const reason = withIncident.reasons.find((r) => r.code === 'sender.compromised-account');
    expect(reason?.weight).toBeGreaterThanOrEqual(60);
    expect(reason?.text).toContain('INC-7');
    expect(withIncident.userNarrative).toContain('INC-7');

    // the same message before the incident began, and a scorer without identity input: judged on the message alone
    const before = createMailScorer(directory, undefined, lookup)(mail, { ...facts, receivedAt: '2025-03-11T08:00:00Z' });
    expect(before.reasons.map((r) => r.code)).not.toContain('sender.compromised-account');
    const plain = createMailScorer(directory)(mail, facts);
    expect(plain.reasons.map((r) => r.code)).not.toContain('sender.compromised-account');
    expect(plain.score).toBeLessThan(withIncident.score);
  });

  it('keeps scoring when the lookup throws', async () => {
    const failing: SenderCompromiseLookup = () => {
      throw new Error('identity store unavailable');
    };
    const a = createMailScorer(directory, undefined, failing)(await parseMime(raw), facts);
    expect(a.reasons.map((r) => r.code)).not.toContain('sender.compromised-account');
  });
});
