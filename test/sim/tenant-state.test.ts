// The mutable tenant behind the simulator: time-gated visibility and the state API tests and the demo use.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/src/clock.ts';
import { TenantState } from '../../server/src/sim/tenant-state.ts';
import { HOUR, iso, smallScenario, userId } from './sim-fixture.ts';

const PHISH = [
  'Received: from mail.bad.example (203.0.113.9) by mx.contoso.test',
  'Authentication-Results: spf=fail smtp.mailfrom=bad.example;',
  '  dkim=none',
  'From: "IT Helpdesk" <helpdesk@bad.example>',
  'To: User One <user1@contoso.test>',
  'Subject: =?utf-8?B?UGFzc3dvcmQgZXhwaXJ5IOKAkyBhY3Qgbm93?=',
  'Message-ID: <phish-1@bad.example>',
  'Date: Sun, 01 Mar 2026 09:00:00 +0000',
  'Content-Type: text/plain',
  '',
  'Click https://bad.example/login',
].join('\r\n');

describe('TenantState', () => {
  it('takes a message’s fields and headers from its MIME, and serves the MIME back unchanged', () => {
    const clock = new ManualClock(iso(12 * HOUR));
    const state = new TenantState(smallScenario(), clock);
    const m = state.addMessage({ userId: userId(1), message: {}, mime: PHISH });
    expect(m.message.subject).toBe('Password expiry – act now');
    expect(m.message.from?.emailAddress).toEqual({ name: 'IT Helpdesk', address: 'helpdesk@bad.example' });
    expect(m.message.internetMessageId).toBe('<phish-1@bad.example>');
    expect(m.message.internetMessageHeaders?.find((h) => h.name === 'Authentication-Results')?.value).toBe('spf=fail smtp.mailfrom=bad.example; dkim=none');
    expect(state.mimeOf(m)).toBe(PHISH);
    expect(state.whereIs(userId(1), '<phish-1@bad.example>')?.wellKnownName).toBe('inbox');
  });

  it('hides messages, sign-ins and snapshots until the clock reaches them', () => {
    const clock = new ManualClock(iso(2 * HOUR));
    const state = new TenantState(smallScenario(), clock);
    expect(state.visibleSignIns()).toHaveLength(3);
    expect(state.message(userId(1), 'm-late')).toBeUndefined();
    expect(state.messagesIn(userId(1), 'inbox').map((m) => m.originalId)).toEqual(['m-2', 'm-1']);
    expect(state.inboxRules(userId(1)).map((r) => r.id)).toEqual(['r1']);
    clock.set(iso(31 * HOUR));
    expect(state.message(userId(1), 'm-late')?.message.subject).toBe('arrives later');
    expect(state.inboxRules(userId(1))).toEqual([]);
    expect(state.authenticationMethods(userId(1))[0]?.['@odata.type']).toBe('#microsoft.graph.passwordAuthenticationMethod');
  });

  it('delivers sent mail to tenant recipients only, and records every send', () => {
    const state = new TenantState(smallScenario(), new ManualClock(iso(12 * HOUR)));
    const sent = state.sendMail(
      userId(2),
      { subject: 'Digest', body: { contentType: 'html', content: '<p>3 held</p>' }, toRecipients: [{ emailAddress: { address: 'USER4@contoso.test' } }, { emailAddress: { address: 'someone@outside.example' } }] },
      [{ name: 'report.eml', contentType: 'message/rfc822', contentBase64: Buffer.from(PHISH).toString('base64') }],
    );
    expect(sent.deliveredTo).toEqual([userId(4)]);
    const inbox = state.messagesIn(userId(4), 'inbox');
    expect(inbox.map((m) => m.message.subject)).toEqual(['Digest']);
    expect(state.mimeOf(inbox[0] as (typeof inbox)[number])).toMatch(/filename="report.eml"/);
    expect(state.messagesIn(userId(2), 'sentitems')).toHaveLength(1);
    expect(state.sentMail()).toHaveLength(1);
  });
});
