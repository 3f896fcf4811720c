import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assessMail, defaultMailPolicy, type MailPolicy } from '../../server/src/mail/assess.ts';
import { mailFromSpec } from '../../server/src/mail/mail-spec.ts';
import { parseMime } from '../../server/src/mail/parse.ts';

const fixture = (name: string): Buffer => readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fixtures', name));

describe('assessMail', () => {
  it('delivers an ordinary authenticated message with nothing to say', async () => {
    const a = assessMail(await parseMime(fixture('benign-colleague.eml')));
    expect(a.verdict).toBe('deliver');
    expect(a.reasons).toEqual([]);
    expect(a.userNarrative).toBe('Nothing in this message looks risky. It was delivered as usual.');
    expect(a.sender).toEqual({ address: 'marta@fabrikam.com', name: 'Marta Ruiz', replyTo: null, authentication: 'spf=pass dkim=pass dmarc=pass compauth=pass (100)' });
  });

  it('explains the bait-and-switch link and acts on it', async () => {
    const a = assessMail(await parseMime(fixture('phish-prezi-docsend.eml')));
    expect(a.verdict).not.toBe('deliver');
    const codes = a.reasons.map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['link.document-platform-mismatch', 'sender.authentication-failure', 'sender.display-name-brand', 'link.file-sharing-stepping-stone']));
    expect(a.userNarrative.toLowerCase()).toContain("the link behind 'click here' leads to docsend.com, not prezi as the text says");
    expect(a.userNarrative).toMatch(/It was held away from your inbox|Links in this message are locked/);
    const link = a.links.find((l) => l.url === 'https://docsend.com/view/q2schedule');
    expect(link).toMatchObject({ text: 'Click Here', host: 'docsend.com', risky: true });
    expect(link?.why).toContain('not Prezi');
    // the analyst narrative lists every reason with its evidence
    for (const r of a.reasons) expect(a.analystNarrative).toContain(`${r.code} (+${r.weight})`);
    expect(a.score).toBe(Math.min(100, a.reasons.reduce((s, r) => s + r.weight, 0)));
  });

  it('marks risky attachments with the reason', async () => {
    const zip = assessMail(await parseMime(fixture('encrypted-zip.eml')));
    expect(zip.attachments[0]).toMatchObject({ name: 'documents.zip', contentType: 'application/zip', risky: true });
    expect(zip.reasons.map((r) => r.code)).toContain('attachment.risky-type');
    const smuggling = assessMail(await parseMime(fixture('html-smuggling.eml')));
    expect(smuggling.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['attachment.risky-type', 'attachment.html-smuggling']));
    expect(smuggling.verdict).not.toBe('deliver');
  });

  it('is deterministic', async () => {
    const mail = await parseMime(fixture('phish-prezi-docsend.eml'));
    expect(assessMail(mail)).toEqual(assessMail(mail));
  });

  it('maps the score to a verdict through the tenant policy', () => {
    const mail = mailFromSpec({ from: 'Microsoft account team <no-reply@access-accsecurity.example>', text: 'Unusual sign-in activity. Verify your account within 24 hours.' });
    const base = assessMail(mail);
    const strict: MailPolicy = { ...defaultMailPolicy, tagAt: 1, lockLinksAt: 2, holdAt: base.score };
    expect(assessMail(mail, {}, strict).verdict).toBe('hold');
    const lax: MailPolicy = { ...defaultMailPolicy, tagAt: 101, lockLinksAt: 101, holdAt: 101 };
    expect(assessMail(mail, {}, lax).verdict).toBe('deliver');
    const off: MailPolicy = { ...defaultMailPolicy, disabledDetections: ['sender.display-name-brand'] };
    expect(assessMail(mail, {}, off).reasons.map((r) => r.code)).not.toContain('sender.display-name-brand');
  });

  it('uses tenant context when given and stays silent without it', () => {
    const mail = mailFromSpec({ from: 'Megan Bowen <megan.bowen.ceo@gmail.com>', text: 'Are you at your desk? I need a quick favour.' });
    expect(assessMail(mail).reasons.map((r) => r.code)).not.toContain('sender.display-name-internal');
    const withContext = assessMail(mail, {
      tenantDomains: ['contoso.com'],
      internalDisplayNames: ['Megan Bowen'],
      sender: { messagesToRecipient: 0, messagesToOrganisation: 0, domainMessagesToOrganisation: 9000 },
    });
    expect(withContext.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['sender.display-name-internal', 'context.first-time-sender']));
    expect(withContext.userNarrative).toContain('your colleague Megan Bowen');
  });

  it('writes two or three plain sentences for the recipient', async () => {
    for (const name of ['phish-prezi-docsend.eml', 'encrypted-zip.eml', 'html-smuggling.eml']) {
      const a = assessMail(await parseMime(fixture(name)));
      const sentences = a.userNarrative.split(/(?<=[.!?])\s+(?=[A-Z])/);
      expect(sentences.length).toBeGreaterThanOrEqual(2);
      expect(sentences.length).toBeLessThanOrEqual(3);
    }
  });
});
