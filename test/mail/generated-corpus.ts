// A small labelled corpus written to a temporary folder (phish/, ham/ with list and commercial-* messages), made
// from templates with a counter: the same call always writes the same bytes.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function eml(from: string, subject: string, body: string, i: number, auth: string | null): string {
  return [
    ...(auth ? [`Authentication-Results: ${auth}`] : []),
    `From: ${from}`,
    'To: Alex Wilber <alex@contoso.com>',
    `Subject: ${subject}`,
    `Date: Mon, 3 Mar 2025 10:${String(i % 60).padStart(2, '0')}:00 +0000`,
    `Message-ID: <gen-${i}@corpus.test>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '',
  ].join('\r\n');
}

const phishBodies = [
  'Unusual sign-in activity was detected. Verify your account within 24 hours or it will be suspended: https://bit.ly/verify-{i}',
  'Your mailbox password expires today. Confirm your password now to keep your emails: http://login-{i}.secure-check.xyz/login',
  'Congratulations! You have won a prize. Claim your reward now, limited time offer, act now: http://prize{i}.top/claim',
  'Your wallet payment failed. Update your payment details urgently to avoid suspension: https://tinyurl.com/pay{i}',
];
const listBodies = [
  'The FPGA image on the X310 drops samples at 200 MS/s; I rebuilt it with the default clock and it works. Run {i}.',
  'Has anyone tried the B210 with GNU Radio 3.10? The sink reports underruns after a minute (test {i}).',
  'Thanks, the patch fixed the timing issue. I attach the log from run {i} for reference.',
];
const commercialBodies = [
  'Our spring catalogue is here: new garden tools and seeds. Visit https://www.shop.example/catalogue/{i} to browse. Unsubscribe at any time.',
  'Your order {i} has shipped and will arrive on Thursday. Track it at https://www.shop.example/orders/{i}.',
];

export interface GeneratedCorpus {
  dir: string;
  counts: { phish: number; list: number; commercial: number };
}

/** Writes the corpus; `extraPhish` adds files with chosen names and bodies (e.g. a validation-side name). */
export function generateCorpus(counts = { phish: 40, list: 40, commercial: 12 }, extraPhish: Array<{ name: string; body: string }> = []): GeneratedCorpus {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-corpus-'));
  mkdirSync(join(dir, 'phish'));
  mkdirSync(join(dir, 'ham'));
  for (let i = 0; i < counts.phish; i++) {
    const body = phishBodies[i % phishBodies.length]!.replaceAll('{i}', String(i));
    const from = i % 2 ? `Microsoft account team <no-reply@access-accsecurity${i}.example>` : `PayPal <service@paypa1-${i}.xyz>`;
    writeFileSync(join(dir, 'phish', `gen-phish-${String(i).padStart(3, '0')}.eml`), eml(from, 'Action required on your account', body, i, 'spf=fail smtp.mailfrom=x.example; dkim=none; dmarc=fail'));
  }
  for (const x of extraPhish) writeFileSync(join(dir, 'phish', x.name), eml('Billing <billing@pay-update.xyz>', 'Invoice', x.body, 0, null));
  for (let i = 0; i < counts.list; i++) {
    const body = listBodies[i % listBodies.length]!.replaceAll('{i}', String(i));
    writeFileSync(join(dir, 'ham', `gen-list-${String(i).padStart(3, '0')}.eml`), eml(`Dev ${i} <dev${i}@example.org>`, 'Re: X310 sample rate', body, i, 'spf=pass smtp.mailfrom=example.org; dkim=pass; dmarc=pass'));
  }
  for (let i = 0; i < counts.commercial; i++) {
    const body = commercialBodies[i % commercialBodies.length]!.replaceAll('{i}', String(i));
    writeFileSync(join(dir, 'ham', `commercial-gen-${String(i).padStart(3, '0')}.eml`), eml('Shop <news@shop.example>', 'Your shop news', body, i, 'spf=pass smtp.mailfrom=shop.example; dkim=pass; dmarc=pass'));
  }
  return { dir, counts };
}
