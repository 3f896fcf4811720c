import { describe, expect, it } from 'vitest';
import { matchCampaign, defaultCampaignOptions } from '../../server/src/triage/match-campaign.ts';
import { toIndexedMessage } from '../../server/src/triage/mail-index.ts';
import { assessment } from './fixtures.ts';

function copy(mailbox: string, id: string, over: Parameters<typeof assessment>[0], imid: string | null, at = '2026-11-20T09:00:00.000Z', names: string[] = []) {
  return toIndexedMessage({ mailbox, messageId: id, internetMessageId: imid, receivedAt: at, assessment: assessment(over), recipientNames: names });
}

describe('matchCampaign', () => {
  const lure = { subject: 'Invoice 1001 for Alice', sender: { address: 'billing@pay-portal.example', name: 'Billing', replyTo: null, authentication: 'fail' }, links: [{ text: 'View invoice', url: 'https://pay-portal.example/inv/1001' }] };
  const seed = copy('alice', 'm1', lure, '<a@x>', undefined, ['Alice']);

  it('gathers the same message, the same sender and subject pattern, and the same lure domain from rotating senders', () => {
    const same = copy('bob', 'm2', lure, '<a@x>');
    const pattern = copy('carol', 'm3', { ...lure, subject: 'Invoice 2002 for Carol', links: [{ text: 'View invoice', url: 'https://pay-portal.example/inv/2002' }] }, '<b@x>', '2026-11-20T10:00:00.000Z', ['Carol']);
    const rotated = copy('dave', 'm4', { ...lure, subject: 'Invoice 3003 for Dave', sender: { address: 'acct@other-sender.example', name: 'A', replyTo: null, authentication: 'fail' }, links: [{ text: 'x', url: 'https://pay-portal.example/inv/3003' }] }, '<c@x>', '2026-11-20T11:00:00.000Z', ['Dave']);
    const unrelated = copy('erin', 'm5', { subject: 'Lunch on Friday?', sender: { address: 'frank@contoso.example', name: 'Frank', replyTo: null, authentication: 'pass' } }, '<d@x>');
    const members = matchCampaign(seed, [same, pattern, rotated, unrelated, seed]);
    expect(members.map((m) => m.message.mailbox).sort()).toEqual(['alice', 'bob', 'carol', 'dave']);
    expect(members.find((m) => m.message.mailbox === 'bob')?.matchedOn).toContain('same-message');
    expect(members.find((m) => m.message.mailbox === 'carol')?.matchedOn).toContain('same-sender-subject');
    expect(members.find((m) => m.message.mailbox === 'dave')?.matchedOn).toContain('subject-and-link-domain');
  });

  it('does not tie messages together through common platforms or outside the window', () => {
    const a = copy('x', 'n1', { subject: 'Team meeting notes', links: [{ text: 'notes', url: 'https://www.microsoft.com/en-us' }] }, '<p@x>');
    const b = copy('y', 'n2', { subject: 'Holiday rota', sender: { address: 'hr@contoso.example', name: 'HR', replyTo: null, authentication: 'pass' }, links: [{ text: 'x', url: 'https://www.microsoft.com/en-us' }] }, '<q@x>');
    expect(matchCampaign(a, [b])).toHaveLength(1);
    const late = copy('bob', 'm9', lure, '<z@x>', '2026-12-20T09:00:00.000Z');
    expect(matchCampaign(seed, [late], defaultCampaignOptions)).toHaveLength(1);
  });
});
