import { describe, expect, it } from 'vitest';
import { decideVerdict } from '../../server/src/triage/decide-verdict.ts';
import { defaultTriagePolicy as policy } from '../../server/src/triage/triage-policy.ts';
import { assessment, campaign, history } from './fixtures.ts';

describe('decideVerdict', () => {
  it('judges a DocSend "Click Here" blast from a compromised colleague malicious with high confidence', () => {
    const d = decideVerdict(
      {
        assessment: assessment({
          score: 22,
          verdict: 'tag',
          subject: 'Shared document: Q4 bonus plan',
          sender: { address: 'carol@contoso.example', name: 'Carol', replyTo: null, authentication: 'pass' },
          links: [{ text: 'Click Here', url: 'https://docsend.com/view/q4bonus' }],
        }),
        sender: history({ address: 'carol@contoso.example', domain: 'contoso.example', internal: true, compromised: true, earlierMessages: 40, earlierMailboxes: 12, firstSeen: '2026-09-01T00:00:00Z' }),
        campaign: campaign({ mailboxes: 14, copies: 14, lastReceivedAt: '2026-11-20T09:06:00.000Z' }),
      },
      policy,
    );
    expect(d.verdict).toBe('malicious');
    expect(d.confidence).toBeGreaterThanOrEqual(policy.remediateAt);
    const codes = d.reasons.map((r) => r.code);
    expect(codes).toContain('sender.compromised');
    expect(codes).toContain('link.file-share-lure');
    expect(codes).toContain('campaign.internal-blast');
    expect(d.summary).toMatch(/malicious/);
  });

  it('judges a newsletter from an established sender benign with confidence enough to close', () => {
    const d = decideVerdict(
      {
        assessment: assessment({ score: 8, links: [{ text: 'Read more', url: 'https://news.contoso-news.example/article/5' }] }),
        sender: history({ earlierMessages: 120, earlierMailboxes: 60, firstSeen: '2026-06-01T00:00:00Z', earlierVerdicts: { malicious: 0, suspicious: 0, spam: 0, benign: 2 } }),
        campaign: campaign({ mailboxes: 60, copies: 60 }),
      },
      policy,
    );
    expect(d.verdict).toBe('benign');
    expect(d.confidence).toBeGreaterThanOrEqual(policy.closeBenignAt);
    expect(d.reasons.some((r) => r.code === 'sender.established' && r.weight < 0)).toBe(true);
  });

  it('sees through a Safe Links wrapper hiding a different destination than the text shows', () => {
    const inner = 'https://micros0ft-login.example/auth';
    const d = decideVerdict(
      {
        assessment: assessment({
          score: 45,
          verdict: 'lock-links',
          subject: 'Your password expires today',
          sender: { address: 'it-support@helpdesk-mail.example', name: 'IT Support', replyTo: null, authentication: 'fail' },
          links: [{ text: 'https://login.microsoftonline.com', url: `https://nam02.safelinks.protection.outlook.com/?url=${encodeURIComponent(inner)}&data=x` }],
        }),
        sender: history({ address: 'it-support@helpdesk-mail.example', domain: 'helpdesk-mail.example' }),
        campaign: campaign({ mailboxes: 3, copies: 3 }),
      },
      policy,
    );
    expect(d.reasons.map((r) => r.code)).toContain('link.hidden-destination');
    expect(['malicious', 'suspicious']).toContain(d.verdict);
    expect(d.score).toBeGreaterThan(policy.suspiciousFrom);
  });

  it('calls unknown bulk mail without risky links spam, and a near miss (same bulk mail, established sender) benign', () => {
    const mail = assessment({ score: 12, subject: 'Last chance: 50% off', sender: { address: 'deals@promo-blast.example', name: 'Deals', replyTo: null, authentication: 'pass' }, links: [{ text: 'Shop now', url: 'https://promo-blast.example/shop' }] });
    const spam = decideVerdict({ assessment: mail, sender: history({ address: 'deals@promo-blast.example', domain: 'promo-blast.example' }), campaign: campaign({ mailboxes: 25, copies: 25 }) }, policy);
    expect(spam.verdict).toBe('spam');
    const known = decideVerdict(
      { assessment: mail, sender: history({ address: 'deals@promo-blast.example', domain: 'promo-blast.example', earlierMessages: 30, earlierMailboxes: 25, firstSeen: '2026-08-01T00:00:00Z' }), campaign: campaign({ mailboxes: 25, copies: 25 }) },
      policy,
    );
    expect(known.verdict).toBe('benign');
  });

  it('lets earlier malicious verdicts and a known-malicious campaign copy decide', () => {
    const d = decideVerdict(
      { assessment: assessment({ score: 20 }), sender: history({ earlierVerdicts: { malicious: 1, suspicious: 0, spam: 0, benign: 0 }, reputation: -0.5 }), campaign: campaign({ knownMalicious: true }) },
      policy,
    );
    expect(d.verdict).toBe('malicious');
    expect(d.reasons[0]?.code).toBe('campaign.known-malicious');
  });
});
