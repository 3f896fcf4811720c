// Hostile MIME for tests: a phishing lure padded past the parser's bounds.

export const LURE_HTML = '<p>Your mailbox is full. <a href="https://m1crosoft-verify.example/owa/login.php">Verify now</a></p>';

/** A phishing message whose lure is the first part, padded with `pad` more text parts. */
export function manyParts(pad: number): string {
  const parts = [`--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${LURE_HTML}\r\n`];
  for (let i = 0; i < pad; i++) parts.push(`--b\r\nContent-Type: text/plain\r\n\r\npadding ${i} ${'x'.repeat(20)}\r\n`);
  return [
    'From: IT Service Desk <helpdesk@m1crosoft-verify.example>',
    'To: user1@contoso.test',
    'Subject: Mailbox quota exceeded',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    parts.join('') + '--b--',
    '',
  ].join('\r\n');
}

/** A phishing message whose top header block is over 1 MB of padding, with From and Subject after the padding. */
export function hugeHeader(): string {
  const pad = Array.from({ length: 13_000 }, (_, i) => `X-Pad-${i}: ${'a'.repeat(78)}`).join('\r\n');
  return `Received: from mx.example (203.0.113.9)\r\n${pad}\r\nFrom: IT Service Desk <helpdesk@m1crosoft-verify.example>\r\nSubject: Mailbox quota exceeded\r\nContent-Type: text/html\r\n\r\n${LURE_HTML}\r\n`;
}

/** An invoice lure whose links open Windows Search on a remote share and the Support Diagnostic Tool. */
export function schemeLure(): string {
  return [
    'From: Accounts <accounts@example-supplier.com>',
    'To: user1@contoso.test',
    'Subject: Overdue invoice INV-20931',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>Your invoice INV-20931 is overdue.</p>',
    '<p><a href="search-ms:query=Invoice&amp;crumb=location:\\\\203.0.113.7@80\\invoices">Open invoice</a></p>',
    '<p><a href="ms-msdt:/id PCWDiagnostic /skip force">run the viewer fix</a> · <a href="javascript:alert(1)">x</a></p>',
    '<p><a href="vbscript:msgbox(1)">y</a> <a href="data:text/html;base64,PHNjcmlwdD4=">z</a> <a href="https://example-supplier.com/help">Help</a></p>',
    '',
  ].join('\r\n');
}
