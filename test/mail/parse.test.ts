import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MailParseError, parseGraphMessage, parseMime } from '../../server/src/mail/parse.ts';

const fixture = (name: string): Buffer => readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fixtures', name));

describe('parseMime', () => {
  it('normalises sender, reply-to, authentication, received chain and links', async () => {
    const m = await parseMime(fixture('phish-prezi-docsend.eml'));
    expect(m.from).toEqual({ address: 'dana@reyes-consult.top', name: 'Dana Reyes via Prezi', domain: 'reyes-consult.top' });
    expect(m.replyTo.map((r) => r.address)).toEqual(['dana.reyes.docs@gmail.com']);
    expect(m.returnPath).toBe('bounce@mailer.reyes-consult.top');
    expect(m.authentication[0]).toMatchObject({ spf: 'softfail', dkim: 'none', dmarc: 'fail', compauth: 'fail', compauthReason: '001', headerFrom: 'reyes-consult.top' });
    expect(m.received[0]).toMatchObject({ from: 'rz8js7sjbef.latovafineart.life', ip: '203.0.113.45' });
    expect(m.links).toContainEqual({ text: 'Click Here', href: 'https://docsend.com/view/q2schedule', source: 'html-anchor' });
    expect(m.htmlText).toContain('Dana shared a Prezi presentation with you.');
  });

  it('detects attachment types from content, hashes them and sees encrypted ZIP entries', async () => {
    const zip = await parseMime(fixture('encrypted-zip.eml'));
    const a = zip.attachments[0]!;
    expect(a.name).toBe('documents.zip');
    expect(a.detectedType).toBe('application/zip');
    expect(a.encrypted).toBe(true);
    expect(a.archiveEntries).toEqual(['invoice.exe']);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    const html = await parseMime(fixture('html-smuggling.eml'));
    expect(html.attachments[0]!.detectedType).toBe('text/html');
    expect(html.attachments[0]!.scriptSample).toContain('atob(');
  });

  it('returns a normal result for malformed MIME rather than throwing', async () => {
    const m = await parseMime(fixture('malformed.eml'));
    expect(m.origin).toBe('mime');
    expect(Array.isArray(m.links)).toBe(true);
  });

  it('refuses empty input and input without a header block with a typed error', async () => {
    await expect(parseMime(Buffer.alloc(2048, 'a'), { maxBytes: 1024 })).rejects.toMatchObject({ name: 'MailParseError', code: 'malformed' });
    await expect(parseMime('')).rejects.toBeInstanceOf(MailParseError);
  });

  it('bounds bodies and links', async () => {
    const anchors = Array.from({ length: 2000 }, (_, i) => `<a href="https://example.org/${i}">x</a>`).join('');
    const raw = `From: a@example.org\r\nSubject: many\r\nContent-Type: text/html\r\n\r\n<html>${anchors}</html>`;
    const m = await parseMime(raw, { maxLinks: 100 });
    expect(m.links.length).toBe(100);
    expect(m.truncated).toBe(true);
    expect(m.shortfalls).toEqual([]);
  });

  it('keeps the address when the From header splits the name from it', async () => {
    const m = await parseMime('From: KundenService, <service@example.de>\r\nSubject: x\r\n\r\nhi');
    expect(m.from?.address).toBe('service@example.de');
    expect(m.fromEntries).toBe(2);
  });
});

describe('parseGraphMessage', () => {
  const graph = {
    id: 'AAMk1',
    subject: 'Invoice',
    from: { emailAddress: { name: 'Microsoft 365', address: 'billing@m365-renewals.example' } },
    replyTo: [{ emailAddress: { address: 'help@gmail.com' } }],
    toRecipients: [{ emailAddress: { name: 'Alex', address: 'alex@contoso.example' } }],
    body: { contentType: 'html', content: '<p>Your subscription expired. <a href="https://bit.ly/x">Renew</a></p>' },
    internetMessageHeaders: [
      { name: 'Authentication-Results', value: 'spf=fail smtp.mailfrom=m365-renewals.example; dkim=none; dmarc=fail action=quarantine header.from=m365-renewals.example;compauth=fail reason=000' },
      { name: 'Received', value: 'from evil (192.0.2.1) by mx' },
    ],
  };

  it('normalises body content, headers and addresses', () => {
    const m = parseGraphMessage(graph);
    expect(m.origin).toBe('graph');
    expect(m.from?.address).toBe('billing@m365-renewals.example');
    expect(m.replyTo[0]?.address).toBe('help@gmail.com');
    expect(m.authentication[0]?.dmarc).toBe('fail');
    expect(m.received[0]?.ip).toBe('192.0.2.1');
    expect(m.links[0]).toEqual({ text: 'Renew', href: 'https://bit.ly/x', source: 'html-anchor' });
    expect(m.text).toContain('Your subscription expired.');
  });

  it('rejects a wrong shape at the edge with a typed error', () => {
    expect(() => parseGraphMessage(null)).toThrow(MailParseError);
    expect(() => parseGraphMessage({ ...graph, body: { contentType: 'rtf', content: 1 } })).toThrow(/body must be/);
    expect(() => parseGraphMessage({ ...graph, internetMessageHeaders: [{ name: 1 }] })).toThrow(/internetMessageHeaders\[0\]/);
    expect(() => parseGraphMessage({ ...graph, from: { emailAddress: { address: 7 } } })).toThrow(/must be a string/);
  });
});
