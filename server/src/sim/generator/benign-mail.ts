// Ordinary inbound mail: newsletters (bulk, List-Unsubscribe), colleague mail (internal) and vendor
// invoices (a PDF attachment), delivered during working hours in the recipient's time zone.
import type { GeneratorContext } from './generator-context.ts';
import { externalTransportHeaders, internalTransportHeaders, makeMessage, type Address, type MailSpec } from './mail-factory.ts';
import { MAIL_SERVICES, ipInNetwork } from './networks.ts';
import type { Prng } from './prng.ts';
import type { Persona } from './tenant-model.ts';
import { localMidnightUtc, weekday } from './time-zones.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface Newsletter {
  from: Address;
  domain: string;
  title: string;
}

export const NEWSLETTERS: readonly Newsletter[] = [
  { from: { name: 'Industry Weekly', address: 'newsletter@industryweekly.com' }, domain: 'industryweekly.com', title: 'This week in industry' },
  { from: { name: 'SaaS Digest', address: 'digest@saasdigest.io' }, domain: 'saasdigest.io', title: 'Your SaaS Digest' },
  { from: { name: 'CloudTech News', address: 'news@cloudtechnews.com' }, domain: 'cloudtechnews.com', title: 'CloudTech briefing' },
  { from: { name: 'The Finance Brief', address: 'brief@financebrief.net' }, domain: 'financebrief.net', title: 'Markets this morning' },
  { from: { name: 'HR Leaders', address: 'updates@hrleaders.org' }, domain: 'hrleaders.org', title: 'People leadership roundup' },
  { from: { name: 'DevOps Daily', address: 'hello@devopsdaily.dev' }, domain: 'devopsdaily.dev', title: 'DevOps Daily' },
];

const VENDORS: readonly { name: string; domain: string }[] = [
  { name: 'Acme Office Supplies', domain: 'acmeofficesupplies.com' },
  { name: 'Northbridge Logistics', domain: 'northbridgelogistics.com' },
  { name: 'Brightline Cleaning Services', domain: 'brightlinecleaning.com' },
  { name: 'Summit IT Consulting', domain: 'summititconsulting.com' },
];

const COLLEAGUE_SUBJECTS = [
  'Notes from today\'s sync', 'Re: Q3 planning', 'Agenda for Thursday', 'Quick question about the budget',
  'Re: customer escalation', 'Draft for review', 'Team offsite dates', 'Re: hiring plan', 'Updated slides',
  'Lunch on Friday?', 'Re: project timeline', 'Follow-up from the all-hands',
];

/** A tiny but well-formed PDF, base64-encoded, used as invoice attachments. */
const PDF_BASE64 = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
).toString('base64');

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function assignSubscriptions(ctx: GeneratorContext, prng: Prng): void {
  for (const p of ctx.personas) {
    const n = prng.chance(0.7) ? prng.between(1, 2) : 0;
    ctx.subscriptions.set(p.id, prng.sample(Array.from(NEWSLETTERS.keys()), n));
  }
}

/** Destination folder of a newsletter for `p` at `t`, following the user's newsletter rule if any. */
export type NewsletterRouter = (p: Persona, t: number) => string;

export function newsletterMail(ctx: GeneratorContext, prng: Prng, p: Persona, t: number, newsletter: Newsletter, folder: string): MailSpec {
  const sender = MAIL_SERVICES[0]!;
  const ip = ipInNetwork(sender, () => prng.next());
  const issue = prng.between(100, 400);
  const story = prng.pick(['five trends to watch', 'what the latest survey says', 'an interview with a CIO', 'the quarter in numbers']);
  const unsubscribe = `https://${newsletter.domain}/unsubscribe?u=${prng.chars(16, 'abcdef0123456789')}`;
  const read = `https://${newsletter.domain}/issues/${issue}`;
  return {
    receivedMs: t,
    transitSeconds: prng.between(2, 40),
    recipientUserId: p.id,
    mailbox: ctx.mailboxes.get(p.id)!,
    folder,
    from: newsletter.from,
    to: [{ name: p.displayName, address: p.userPrincipalName }],
    subject: `${newsletter.title} #${issue}: ${story}`,
    text: `${newsletter.title}, issue ${issue}.\n\nThis week: ${story}.\nRead online: ${read}\n\nUnsubscribe: ${unsubscribe}`,
    html: `<html><body><h1>${escapeHtml(newsletter.title)}</h1><p>This week: ${escapeHtml(story)}.</p><p><a href="${read}">Read online</a></p><p style="font-size:10px"><a href="${unsubscribe}">Unsubscribe</a></p></body></html>`,
    transportHeaders: externalTransportHeaders(prng, t, newsletter.domain, ip, sender.country, true),
    extraHeaders: [
      { name: 'List-Unsubscribe', value: `<${unsubscribe}>` },
      { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
      { name: 'Precedence', value: 'bulk' },
    ],
    messageIdHost: `mail.${newsletter.domain}`,
  };
}

function colleagueMail(ctx: GeneratorContext, prng: Prng, p: Persona, t: number, folder: string): MailSpec | null {
  const from = ctx.personas[prng.int(ctx.personas.length)]!;
  if (from === p) return null;
  const subject = prng.pick(COLLEAGUE_SUBJECTS);
  const text = `Hi ${p.displayName.split(' ')[0]},\n\nSee my notes below and let me know what you think. Happy to discuss at our next check-in.\n\nThanks,\n${from.displayName.split(' ')[0]}`;
  return {
    receivedMs: t,
    transitSeconds: prng.between(1, 5),
    recipientUserId: p.id,
    mailbox: ctx.mailboxes.get(p.id)!,
    folder,
    from: { name: from.displayName, address: from.userPrincipalName },
    to: [{ name: p.displayName, address: p.userPrincipalName }],
    subject,
    text,
    html: `<html><body><p>${escapeHtml(text).replace(/\n/g, '<br>')}</p></body></html>`,
    transportHeaders: internalTransportHeaders(prng, t, ctx.org.domain),
    messageIdHost: `${prng.pick(['BY5PR', 'SA1PR', 'PH0PR'])}${prng.between(10, 19)}MB${prng.between(1000, 9999)}.namprd${prng.between(10, 20)}.prod.outlook.com`,
  };
}

function invoiceMail(ctx: GeneratorContext, prng: Prng, p: Persona, t: number, folder: string): MailSpec {
  const vendor = prng.pick(VENDORS);
  const sender = MAIL_SERVICES[1]!;
  const ip = ipInNetwork(sender, () => prng.next());
  const number = `INV-${prng.between(10000, 99999)}`;
  const amount = `${prng.between(120, 9800)}.${prng.between(10, 99)}`;
  const text = `Hello,\n\nPlease find attached invoice ${number} for ${amount} USD, due in 30 days.\nYou can also view it in our customer portal at https://billing.${vendor.domain}/invoices/${number}.\n\nKind regards,\n${vendor.name} Accounts Receivable`;
  return {
    receivedMs: t,
    transitSeconds: prng.between(2, 30),
    recipientUserId: p.id,
    mailbox: ctx.mailboxes.get(p.id)!,
    folder,
    from: { name: `${vendor.name} Billing`, address: `billing@${vendor.domain}` },
    to: [{ name: p.displayName, address: p.userPrincipalName }],
    subject: `Invoice ${number} from ${vendor.name}`,
    text,
    html: `<html><body><p>${escapeHtml(text).replace(/\n/g, '<br>').replace(`https://billing.${vendor.domain}/invoices/${number}`, `<a href="https://billing.${vendor.domain}/invoices/${number}">https://billing.${vendor.domain}/invoices/${number}</a>`)}</p></body></html>`,
    transportHeaders: externalTransportHeaders(prng, t, vendor.domain, ip, sender.country, false),
    attachment: { name: `${number}.pdf`, contentType: 'application/pdf', base64: PDF_BASE64 },
    messageIdHost: `mail.${vendor.domain}`,
  };
}

/** Generates each user's benign inbound mail at about `perDay` messages per working day. */
export function generateBenignMail(ctx: GeneratorContext, root: Prng, perDay: number, routeNewsletter: NewsletterRouter): void {
  const firstDay = Math.floor(ctx.startMs / DAY_MS) - 1;
  const lastDay = Math.floor(ctx.endMs / DAY_MS) + 1;
  for (const p of ctx.personas) {
    const prng = root.fork(`mail:${p.index}`);
    const subs = ctx.subscriptions.get(p.id) ?? [];
    const finance = p.department === 'Finance' || p.department === 'Operations';
    for (let day = firstDay; day <= lastDay; day++) {
      const wd = weekday(day);
      const midnight = localMidnightUtc(p.home.timeZone, day);
      for (const index of subs) {
        // Each newsletter arrives on a fixed weekday, early in the morning.
        if (wd !== 1 + ((index * 2) % 5)) continue;
        const t = midnight + prng.real(5.5, 7.5) * HOUR_MS;
        if (!ctx.builder.inRange(t)) continue;
        const nl = NEWSLETTERS[index]!;
        ctx.builder.addMessage(t, makeMessage(prng, newsletterMail(ctx, prng, p, t, nl, routeNewsletter(p, t))));
      }
      if (wd === 0 || wd === 6) continue;
      let count = Math.floor(perDay) + (prng.chance(perDay - Math.floor(perDay)) ? 1 : 0);
      while (count-- > 0) {
        const t = midnight + prng.real(8, 18) * HOUR_MS;
        if (!ctx.builder.inRange(t)) continue;
        const spec = prng.chance(finance ? 0.3 : 0.06) ? invoiceMail(ctx, prng, p, t, 'inbox') : colleagueMail(ctx, prng, p, t, 'inbox');
        if (spec) ctx.builder.addMessage(t, makeMessage(prng, spec));
      }
    }
  }
}
