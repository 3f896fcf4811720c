// Every link scheme is a link: listed in the assessment (the pane), scored by link.dangerous-scheme when it opens a
// program or runs code, harmless when it only addresses someone.
import { describe, expect, it } from 'vitest';
import { assessMail, defaultMailPolicy } from '../../server/src/mail/assess.ts';
import { mailFeatures } from '../../server/src/mail/mail-features.ts';
import { parseMime } from '../../server/src/mail/parse.ts';
import { extractTextLinks } from '../../server/src/mail/text-links.ts';

const SEARCH_MS = 'search-ms:query=Invoice&crumb=location:\\\\203.0.113.7@80\\invoices&displayname=Invoices';
const MS_MSDT = 'ms-msdt:/id PCWDiagnostic /skip force /param "IT_RebrowseForFile=? IT_BrowseForFile=$(calc)"';

function lure(): string {
  const html = [
    '<p>Hello, your invoice INV-20931 is overdue. Please review it today.</p>',
    `<p><a href="${SEARCH_MS.replace(/&/g, '&amp;')}">Open invoice INV-20931</a></p>`,
    `<p>If the invoice does not open, <a href='${MS_MSDT}'>run the viewer fix</a>.</p>`,
    '<p><a href="https://billing.example-supplier.com/help">Help</a> · <a href="mailto:billing@example-supplier.com">billing@example-supplier.com</a> · <a href="tel:+441234567890">call us</a></p>',
  ].join('\n');
  return `From: Accounts <accounts@example-supplier.com>\r\nTo: user1@contoso.test\r\nSubject: Overdue invoice INV-20931\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}\r\n`;
}

describe('links in every scheme', () => {
  it('lists all five links of a search-ms: + ms-msdt: lure (scheme links first) and locks it', async () => {
    const a = assessMail(await parseMime(lure()));
    expect(a.links.map((l) => l.url)).toEqual([SEARCH_MS, MS_MSDT, 'mailto:billing@example-supplier.com', 'tel:+441234567890', 'https://billing.example-supplier.com/help']);
    expect(a.score).toBeGreaterThanOrEqual(defaultMailPolicy.lockLinksAt);
    expect(['lock-links', 'hold']).toContain(a.verdict);
    const reason = a.reasons.find((r) => r.code === 'link.dangerous-scheme');
    expect(reason?.weight).toBe(50);
    expect(reason?.text).toMatch(/search-ms: scheme behind 'Open invoice INV-20931' \(remote host 203\.0\.113\.7\)/);
    expect(a.links.find((l) => l.url === SEARCH_MS)).toMatchObject({ risky: true, host: '203.0.113.7' });
    expect(a.links.find((l) => l.url === MS_MSDT)?.why).toMatch(/Support Diagnostic Tool/);
    expect(a.links.find((l) => l.url === 'mailto:billing@example-supplier.com')).toMatchObject({ risky: false, why: null });
    expect(a.userNarrative).toMatch(/opens (Windows Search|the Microsoft Support Diagnostic Tool)/);
  });

  it('scores javascript:, vbscript:, data:text/html and file: links, and leaves mailto:/tel: alone', async () => {
    const cases: Array<[string, boolean]> = [
      ['javascript:alert(document.domain)', true],
      ['vbscript:msgbox(1)', true],
      ['data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', true],
      ['file://198.51.100.4/share/report.lnk', true],
      ['\\\\198.51.100.4\\share\\report.lnk', true],
      ['ms-officecmd:{"id":3,"LocalProviders.LaunchOfficeAppForResult":{}}', true],
      ['ms-word:ofe|u|https://198.51.100.4/report.docx', true],
      ['mailto:someone@example.org', false],
      ['tel:+15551234567', false],
    ];
    for (const [href, dangerous] of cases) {
      const raw = `From: A <a@example.org>\r\nSubject: s\r\nContent-Type: text/html\r\n\r\n<a href="${href.replace(/"/g, '&quot;')}">open</a>\r\n`;
      const a = assessMail(await parseMime(raw));
      expect(a.links.map((l) => l.url), href).toEqual([href]);
      expect(a.reasons.some((r) => r.code === 'link.dangerous-scheme'), href).toBe(dangerous);
    }
  });

  it('finds other schemes written in plain text, not inside a web URL, and not in prose', () => {
    const text = `Open ${SEARCH_MS} now. Or mailto:a@example.org. Note: nothing here. See https://x.example/?next=file:abc and data:text/html,<b>`;
    expect(extractTextLinks(text, 50).map((l) => l.href)).toEqual([SEARCH_MS, 'mailto:a@example.org', 'https://x.example/?next=file:abc', 'data:text/html']);
  });

  it('keeps web links and scheme links apart in the features, relative links and fragments in neither', async () => {
    const raw = 'From: a@example.org\r\nSubject: s\r\nContent-Type: text/html\r\n\r\n<a href="#top">top</a><a href="/rel">rel</a><a href="java&#x09;script:alert(1)">x</a><a href="https://example.org/">w</a>\r\n';
    const f = mailFeatures(await parseMime(raw));
    expect(f.links.map((l) => l.url)).toEqual(['https://example.org/']);
    expect(f.schemeLinks.map((l) => [l.scheme, l.url])).toEqual([['javascript', 'javascript:alert(1)']]);
  });
});
