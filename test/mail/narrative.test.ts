// Labels (zero-weight reasons such as sender.bulk-marketing) are said plainly, never as a warning.
import { describe, expect, it } from 'vitest';
import { analystNarrative, userNarrative, type NarrativeReason } from '../../server/src/mail/narrative.ts';
import { defaultMailPolicy } from '../../server/src/mail/mail-policy.ts';

const marketing: NarrativeReason = {
  code: 'sender.bulk-marketing',
  weight: 0,
  plain: ['it is marketing mail from shop.example.com sent through SendGrid, with an unsubscribe link'],
  evidence: ['marketing mail: List-Unsubscribe <mailto:u@shop.example.com>'],
};
const mismatch: NarrativeReason = { code: 'link.text-target-mismatch', weight: 30, plain: ['the link shown as paypal.com really leads to evil.example'], evidence: ['x'] };

describe('userNarrative with a label', () => {
  it('says a delivered promotion is marketing, without a warning', () => {
    const s = userNarrative('deliver', [marketing]);
    expect(s).toBe('It is marketing mail from shop.example.com sent through SendGrid, with an unsubscribe link. Nothing in it looks risky. It was delivered as usual.');
    expect(s).not.toMatch(/unusual|suspicious/);
  });

  it('does not present the label as the unusual detail when something else fired', () => {
    const weak: NarrativeReason = { ...mismatch, weight: 8 };
    expect(userNarrative('deliver', [marketing, weak])).toContain('One detail is unusual: the link shown as paypal.com');
  });

  it('keeps the warning about what is dangerous when the message is acted on', () => {
    const s = userNarrative('tag', [marketing, mismatch]);
    expect(s.startsWith('The link shown as paypal.com really leads to evil.example.')).toBe(true);
    expect(s).not.toContain('marketing');
  });

  it('lists the label for the analyst without points', () => {
    const s = analystNarrative(0, 'deliver', defaultMailPolicy, { address: 'news@shop.example.com', authentication: null }, [marketing]);
    expect(s).toContain('- sender.bulk-marketing (label): marketing mail');
  });
});
