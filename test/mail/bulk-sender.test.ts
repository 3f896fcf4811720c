// The bulk-sender signals: what makes a message mass mail, and which domains are the sender's own infrastructure.
import { describe, expect, it } from 'vitest';
import { mailFeatures } from '../../server/src/mail/mail-features.ts';
import { mailFromSpec, type MailSpec } from '../../server/src/mail/mail-spec.ts';
import { parseMime } from '../../server/src/mail/parse.ts';

const bulkOf = (spec: MailSpec) => mailFeatures(mailFromSpec(spec)).bulk;

describe('bulkSender', () => {
  it('recognises a platform newsletter with one-click unsubscribe and aligned DKIM', () => {
    const b = bulkOf({
      from: 'Shop <news@shop.example.com>',
      auth: 'spf=pass smtp.mailfrom=em.shop.example.com; dkim=pass (signature was verified) header.d=shop.example.com; dkim=pass header.d=sendgrid.net; dmarc=pass header.from=shop.example.com',
      returnPath: 'bounces+123-abc=contoso.com@em.shop.example.com',
      headers: [
        { name: 'List-Unsubscribe', value: '<https://u.shop.example.com/x>, <mailto:u@shop.example.com>' },
        { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
      ],
      text: 'hi',
    });
    expect(b.isBulk).toBe(true);
    expect(b.alignedDkim).toBe(true);
    expect(b.authFailed).toBe(false);
    expect(b.marks.map(([k]) => k).sort()).toEqual(['aligned-dkim', 'bounce-address', 'one-click-unsubscribe', 'platform', 'unsubscribe']);
    expect(b.platforms).toEqual(['SendGrid']);
    expect([...b.infrastructure]).toEqual(expect.arrayContaining(['example.com', 'sendgrid.net']));
  });

  it('needs more than an unsubscribe header, and one-click needs an https URI', () => {
    const b = bulkOf({ from: 'a@example.org', headers: [{ name: 'List-Unsubscribe', value: '<mailto:u@example.org>' }, { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' }] });
    expect(b.isBulk).toBe(false);
    expect(b.marks.map(([k]) => k)).toEqual(['unsubscribe']);
  });

  it('does not take a shared domain (onmicrosoft.com) signing for everyone as alignment, nor as the sender infrastructure', () => {
    const b = bulkOf({ from: 'x@tenant.onmicrosoft.com', auth: 'dkim=pass header.d=tenant.onmicrosoft.com; dmarc=pass', text: 'x' });
    expect(b.alignedDkim).toBe(false);
  });

  it('flags failing authentication', () => {
    expect(bulkOf({ from: 'a@bank.example', auth: 'spf=fail smtp.mailfrom=x.top; dkim=none; dmarc=fail header.from=bank.example' }).authFailed).toBe(true);
  });

  it('reads List-Unsubscribe, Precedence and the mailing software from raw MIME, and the relays of mass mail', async () => {
    const raw = [
      'Received: from mta4.news-example.com (mta4.news-example.com [192.0.2.10]) by mx.contoso.com with ESMTP',
      'Return-Path: <bounce-lgtech-2534369@sprocket.letters-example.com>',
      'From: Letters <subscriptions@letters-example.com>',
      'To: alex@contoso.com',
      'Subject: Weekly',
      'List-Unsubscribe: <mailto:leave-lgtech-2534369U@sprocket.letters-example.com>',
      'Precedence: bulk',
      'X-Mailer: ListManager Web Interface',
      '',
      'Hello',
    ].join('\r\n');
    const b = mailFeatures(await parseMime(raw)).bulk;
    expect(b.isBulk).toBe(true);
    expect(b.marks.map(([k]) => k).sort()).toEqual(['bounce-address', 'mailer', 'precedence', 'unsubscribe']);
    expect(b.infrastructure.has('news-example.com')).toBe(true);
  });
});
