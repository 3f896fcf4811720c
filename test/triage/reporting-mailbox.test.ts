// Report intake from the reporting mailbox: the attached .eml is the reported message; the reporter's copy
// in the index is the one triage removes.
import { afterAll, describe, expect, it } from 'vitest';
import { assessMail } from '../../server/src/mail/assess.ts';
import { ManualClock } from '../../server/src/clock.ts';
import { extractReportedMessage, intakeFromReportingMailbox, ReportIntakeError } from '../../server/src/triage/reporting-mailbox.ts';
import { TriageService } from '../../server/src/triage/triage-service.ts';
import { MemoryMailbox } from './memory-mailbox.ts';
import { StoreFixture } from './store-fixture.ts';

const fixture = new StoreFixture();
afterAll(() => fixture.close());

const ORIGINAL = [
  'From: "Payroll" <payroll@payro11-update.example>',
  'To: dana@contoso.example',
  'Subject: Confirm your bank details before Friday',
  'Date: Fri, 20 Nov 2026 08:00:00 +0000',
  'Message-ID: <bank-1@payro11-update.example>',
  'Authentication-Results: spf=fail smtp.mailfrom=payro11-update.example; dkim=none; dmarc=fail header.from=payro11-update.example',
  'MIME-Version: 1.0',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>Confirm your salary account.</p><p><a href="https://tracking.example/c?redirect=https%3A%2F%2Fpayroll-portal.payro11-update.example%2Flogin">https://portal.contoso.example/payroll</a></p>',
  '',
].join('\r\n');

function reportMessage(attachmentName = 'original.eml', type = 'message/rfc822'): string {
  return [
    'From: "Dana" <dana@contoso.example>',
    'To: phish-reports@contoso.example',
    'Subject: Phishing report',
    'Date: Fri, 20 Nov 2026 09:00:00 +0000',
    'Message-ID: <report-1@contoso.example>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'This message was reported as phishing.',
    '--b1',
    `Content-Type: ${type}; name="${attachmentName}"`,
    `Content-Disposition: attachment; filename="${attachmentName}"`,
    '',
    ORIGINAL,
    '--b1--',
    '',
  ].join('\r\n');
}

describe('reporting mailbox intake', () => {
  it('extracts the attached original, as message/rfc822 or as an .eml file', async () => {
    const a = await extractReportedMessage(reportMessage());
    expect(a.reporter).toBe('dana@contoso.example');
    expect(a.original.toString('utf8')).toContain('Message-ID: <bank-1@payro11-update.example>');
    const b = await extractReportedMessage(reportMessage('forwarded.eml', 'application/octet-stream'));
    expect(b.original.toString('utf8')).toContain('Confirm your bank details');
    await expect(extractReportedMessage(ORIGINAL)).rejects.toBeInstanceOf(ReportIntakeError);
  });

  it('triages the reported message against the reporter\'s own indexed copy', async () => {
    const { db } = await fixture.open('sqlite');
    const clock = new ManualClock('2026-11-20T09:01:00Z');
    const mailbox = new MemoryMailbox();
    const triage = new TriageService({ db, mailbox, clock, tenantDomains: ['contoso.example'] });
    const { parseMime } = await import('../../server/src/mail/parse.ts');
    const parsed = await parseMime(ORIGINAL);
    const assess = (m: typeof parsed) => assessMail(m, { tenantDomains: ['contoso.example'] });
    for (const u of ['dana', 'eli', 'fay', 'gus', 'hal']) {
      mailbox.deliver(u, `m-${u}`, '<bank-1@payro11-update.example>', '2026-11-20T08:00:00.000Z', assess(parsed));
      await triage.indexInbound({ mailbox: u, messageId: `m-${u}`, internetMessageId: '<bank-1@payro11-update.example>', receivedAt: '2026-11-20T08:00:00.000Z', assessment: assess(parsed) });
    }
    const result = await intakeFromReportingMailbox(
      { triage, assess, resolveUser: async (a) => (a.endsWith('@contoso.example') ? { id: a.split('@')[0]!, upn: a } : null) },
      { id: 'rm-1', raw: reportMessage(), receivedAt: clock.now().toISOString() },
    );
    const report = await triage.report('rm-1');
    expect(report?.source).toBe('reporting-mailbox');
    expect(report?.message_id).toBe('m-dana');
    expect(result.decision?.reasons.map((r) => r.code)).toContain('link.hidden-destination');
    expect(['malicious', 'suspicious']).toContain(result.decision?.verdict);
    if (result.decision?.verdict === 'malicious') for (const u of ['dana', 'eli', 'fay', 'gus', 'hal']) expect(mailbox.folderOf(u, `m-${u}`)).toBe('Lantern Held');
    await expect(
      intakeFromReportingMailbox({ triage, assess, resolveUser: async () => null }, { id: 'rm-2', raw: reportMessage(), receivedAt: clock.now().toISOString() }),
    ).rejects.toMatchObject({ reason: 'unknown-reporter' });
  });
});
