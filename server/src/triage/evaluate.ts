// Evaluation of report triage on a generated tenant: the scenario generator's mail (newsletters, colleagues,
// vendors, the classic account-takeover chain's DocSend phish) plus injected external phishing and spam
// campaigns, all parsed and scored by the real mail pipeline, indexed as they arrive; users click and report
// at seeded random times; triage runs at each report. Measures the share of reports closed without a person,
// the share of malicious campaigns contained before a second user clicks, and the reports left for people.
import type { Kysely } from 'kysely';
import type { MailAssessment, TenantScenario } from '@lantern/shared';
import { ManualClock } from '../clock.ts';
import { assessMail } from '../mail/assess.ts';
import { parseMime } from '../mail/parse.ts';
import { generateScenario } from '../sim/generator/generate.ts';
import { Prng } from '../sim/generator/prng.ts';
import type { StoredCopy, TriageMailbox } from './triage-ports.ts';
import { TriageService } from './triage-service.ts';
import type { TriageTables } from './triage-tables.ts';

export interface TriageEvalOptions {
  users: number;
  /** Days of mail before the report week (sender history). */
  historyDays: number;
  seed: number;
  /** External phishing campaigns injected into the report week. */
  phishCampaigns: number;
  spamCampaigns: number;
  /** Probability that a recipient of ordinary mail reports it (over the week). */
  benignReportRate: number;
  /** Use the identity signal (accounts with an open takeover incident), taken from the generator's labels. */
  identitySignal: boolean;
  /** Per-recipient probabilities for malicious mail: click, and report. */
  clickRate: number;
  reportRate: number;
}

export const defaultTriageEvalOptions: TriageEvalOptions = {
  users: 80,
  historyDays: 21,
  seed: 20261120,
  phishCampaigns: 6,
  spamCampaigns: 3,
  benignReportRate: 0.12,
  identitySignal: true,
  clickRate: 0.15,
  reportRate: 0.2,
};

type Truth = 'malicious' | 'spam' | 'benign';

interface Delivery {
  at: number;
  mailbox: string;
  messageId: string;
  internetMessageId: string;
  assessment: MailAssessment;
  truth: Truth;
  /** Campaign ground-truth key (same lure), for containment figures. */
  campaign: string;
}

/** The bench's model of the tenant's mailboxes: where each copy is; holds move it and can be undone. */
class LedgerMailbox implements TriageMailbox {
  readonly folder = new Map<string, string>();
  readonly copies = new Map<string, StoredCopy>();
  readonly holds = new Map<string, { key: string; from: string; active: boolean }>();
  #n = 0;
  async storedAssessment(mailbox: string, messageId: string): Promise<StoredCopy | null> {
    return this.copies.get(`${mailbox}/${messageId}`) ?? null;
  }
  async hold(mailbox: string, messageId: string): Promise<{ holdId: string; messageId: string; created: boolean }> {
    const key = `${mailbox}/${messageId}`;
    const from = this.folder.get(key);
    if (from === undefined) throw new Error('message not found');
    for (const [id, h] of this.holds) if (h.active && h.key === key) return { holdId: id, messageId, created: false };
    const id = `h${++this.#n}`;
    this.holds.set(id, { key, from, active: true });
    this.folder.set(key, 'held');
    return { holdId: id, messageId, created: true };
  }
  async release(holdId: string): Promise<boolean> {
    const h = this.holds.get(holdId);
    if (!h?.active) return false;
    h.active = false;
    this.folder.set(h.key, h.from);
    return true;
  }
  async setReportStatus(): Promise<void> {}
}

function mime(o: { from: string; fromName: string; to: string; subject: string; date: Date; id: string; html: string; auth: string; unsubscribe?: boolean }): string {
  return [
    `Authentication-Results: spf=${o.auth} smtp.mailfrom=${o.from.split('@')[1]}; dkim=${o.auth} header.d=${o.from.split('@')[1]}; dmarc=${o.auth} action=none header.from=${o.from.split('@')[1]};compauth=${o.auth === 'pass' ? 'pass' : 'fail'} reason=${o.auth === 'pass' ? '100' : '001'}`,
    `From: "${o.fromName}" <${o.from}>`,
    `To: <${o.to}>`,
    `Subject: ${o.subject}`,
    `Date: ${o.date.toUTCString()}`,
    `Message-ID: ${o.id}`,
    ...(o.unsubscribe ? [`List-Unsubscribe: <https://${o.from.split('@')[1]}/unsub>`] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset="utf-8"',
    '',
    `<html><body>${o.html}</body></html>`,
    '',
  ].join('\r\n');
}

interface Lure {
  name: string;
  truth: Truth;
  from: (p: Prng) => { address: string; name: string };
  subject: (p: Prng, recipient: string) => string;
  html: (p: Prng, recipient: string) => string;
  auth: string;
  unsubscribe?: boolean;
}

const PHISH_LURES: Lure[] = [
  {
    name: 'mailbox-full',
    truth: 'malicious',
    from: () => ({ address: 'no-reply@micros0ft-support.com', name: 'Microsoft 365' }),
    subject: (p) => `Your mailbox is ${90 + p.int(9)}% full`,
    html: (p) => {
      const inner = `https://login-m365.micros0ft-support.com/owa/?id=${p.int(1e9)}`;
      return `<p>Your mailbox storage is almost full.</p><p><a href="https://eur01.safelinks.protection.outlook.com/?url=${encodeURIComponent(inner)}&amp;data=05%7C02">https://outlook.office365.com/storage</a></p>`;
    },
    auth: 'fail',
  },
  {
    name: 'invoice-redirect',
    truth: 'malicious',
    from: (p) => ({ address: `accounts${p.int(90)}@billing-notice.net`, name: 'Accounts Payable' }),
    subject: (p, r) => `Invoice ${10000 + p.int(89999)} for ${r.split('.')[0]} is overdue`,
    html: (p) => {
      const target = `https://secure-invoice-portal.top/view/${p.int(1e6)}`;
      return `<p>Please review the overdue invoice today.</p><p><a href="https://www.google.com/url?q=${encodeURIComponent(target)}&amp;sa=D">View invoice</a></p>`;
    },
    auth: 'softfail',
  },
  {
    name: 'voicemail-shortener',
    truth: 'malicious',
    from: () => ({ address: 'voicemail@voice-notify.xyz', name: 'Voicemail Service' }),
    subject: (p) => `New voicemail (00:${10 + p.int(49)}) received`,
    html: (p) => `<p>You have a new voice message.</p><p><a href="https://bit.ly/vm${p.int(1e6).toString(36)}">Listen now</a></p>`,
    auth: 'none',
  },
  {
    name: 'shared-doc-b64',
    truth: 'malicious',
    from: () => ({ address: 'share@docu-share-files.com', name: 'Document Share' }),
    subject: () => 'A document was shared with you: Payroll adjustments',
    html: (p) => {
      const target = Buffer.from(`https://payroll-review.docu-share-files.com/s/${p.int(1e6)}`).toString('base64');
      return `<p>A secure document is waiting.</p><p><a href="https://tracking.mailer-cdn.net/c?data=${p.int(1e5)}&amp;redirect=${target}">Click here to view the document</a></p>`;
    },
    auth: 'fail',
  },
];

const SPAM_LURES: Lure[] = [
  {
    name: 'promo',
    truth: 'spam',
    from: (p) => ({ address: `deals@mega-offers${p.int(9)}.shop`, name: 'Mega Offers' }),
    subject: (p) => `Last chance: ${20 + p.int(60)}% off everything`,
    html: () => '<p>Our biggest sale of the year ends tonight.</p><p><a href="https://mega-offers.shop/sale">Shop now</a></p>',
    auth: 'pass',
    unsubscribe: true,
  },
  {
    name: 'webinar',
    truth: 'spam',
    from: () => ({ address: 'events@growth-summit-webinars.com', name: 'Growth Summit' }),
    subject: () => 'Invitation: 10x your pipeline (free webinar)',
    html: () => '<p>Join 5,000 leaders at our free webinar.</p><p><a href="https://growth-summit-webinars.com/register">Register</a></p>',
    auth: 'pass',
    unsubscribe: true,
  },
];

function expDelay(p: Prng, meanMinutes: number): number {
  return Math.round(-Math.log(1 - Math.min(0.999, p.next())) * meanMinutes * 60_000);
}

export async function evaluateTriage(db: Kysely<TriageTables>, opts: TriageEvalOptions = defaultTriageEvalOptions): Promise<Record<string, number | string>> {
  const days = opts.historyDays + 7;
  const end = '2026-11-21T00:00:00.000Z';
  const scenario: TenantScenario = generateScenario({ users: opts.users, days, seed: opts.seed, end, attacks: [{ kind: 'classic-chain', count: 2 }] });
  const tenantDomains = scenario.tenant.domains.map((d) => d.toLowerCase());
  const endMs = new Date(end).getTime();
  const weekStart = endMs - 7 * 86_400_000;
  const prng = new Prng(opts.seed ^ 0x5eed);
  const users = (scenario.users ?? []).map((u) => ({ id: u.id, upn: (u.userPrincipalName ?? u.mail ?? '').toLowerCase(), name: u.displayName ?? '' }));
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  const attackLabels = (scenario.labels ?? []).filter((l) => l.kind === 'attack' && l.name === 'classic-chain');
  const compromisedAt = new Map<string, number>();
  for (const l of attackLabels) {
    for (const uid of l.userIds) {
      const upn = users.find((u) => u.id === uid)?.upn;
      if (upn) compromisedAt.set(upn, Math.min(compromisedAt.get(upn) ?? Infinity, new Date(l.start).getTime()));
    }
  }

  // Deliveries: the generator's inbound mail, then injected campaigns in the report week.
  const deliveries: Delivery[] = [];
  const context = { tenantDomains };
  for (const m of scenario.messages ?? []) {
    if (!m.mime || m.folder === 'sentitems' || m.folder === 'drafts') continue;
    const parsed = await parseMime(m.mime);
    const assessment = assessMail(parsed, context);
    const from = assessment.sender.address?.toLowerCase() ?? '';
    const at = new Date(m.message.receivedDateTime ?? parsed.date ?? end).getTime();
    const malicious = compromisedAt.has(from) && at >= (compromisedAt.get(from) ?? Infinity) && /shared .* with you/i.test(assessment.subject ?? '');
    deliveries.push({
      at,
      mailbox: m.userId,
      messageId: m.message.id,
      internetMessageId: m.message.internetMessageId ?? parsed.messageId ?? m.message.id,
      assessment,
      truth: malicious ? 'malicious' : 'benign',
      campaign: malicious ? `classic:${from}` : `benign:${from}|${assessment.subject ?? ''}`,
    });
  }
  let n = 0;
  const inject = async (lure: Lure, index: number) => {
    const start = weekStart + Math.floor(prng.next() * 6 * 86_400_000);
    const recipients = [...users].sort(() => prng.next() - 0.5).slice(0, 8 + Math.floor(prng.next() * 20));
    const sender = lure.from(prng);
    for (const [i, r] of recipients.entries()) {
      const at = start + i * Math.floor(prng.next() * 90_000);
      const id = `<inj-${lure.name}-${index}-${i}@${sender.address.split('@')[1]}>`;
      const raw = mime({ from: sender.address, fromName: sender.name, to: r.upn, subject: lure.subject(prng, r.upn), date: new Date(at), id, html: lure.html(prng, r.upn), auth: lure.auth, ...(lure.unsubscribe ? { unsubscribe: true } : {}) });
      const assessment = assessMail(await parseMime(raw), context);
      deliveries.push({ at, mailbox: r.id, messageId: `inj-${++n}`, internetMessageId: id, assessment, truth: lure.truth, campaign: `${lure.name}:${index}` });
    }
  };
  for (let i = 0; i < opts.phishCampaigns; i++) await inject(PHISH_LURES[i % PHISH_LURES.length]!, i);
  for (let i = 0; i < opts.spamCampaigns; i++) await inject(SPAM_LURES[i % SPAM_LURES.length]!, i);

  // Clicks and reports, per copy received in the report week.
  type Ev = { at: number; kind: 'deliver'; d: Delivery } | { at: number; kind: 'report'; d: Delivery; reporter: string };
  const events: Ev[] = deliveries.map((d) => ({ at: d.at, kind: 'deliver' as const, d }));
  const clicks = new Map<string, number[]>();
  const truthOfCampaign = new Map<string, Truth>();
  for (const d of deliveries) {
    truthOfCampaign.set(d.campaign, d.truth);
    // Reports happen in the report week; the attack chain's phish is reported whenever the generator placed it.
    if (d.at < weekStart && !d.campaign.startsWith('classic:')) continue;
    const reporter = users.find((u) => u.id === d.mailbox)?.upn ?? d.mailbox;
    if (d.truth === 'malicious') {
      if (prng.next() < opts.clickRate) clicks.set(d.campaign, [...(clicks.get(d.campaign) ?? []), d.at + expDelay(prng, 45)]);
      if (prng.next() < opts.reportRate) events.push({ at: d.at + expDelay(prng, 60), kind: 'report', d, reporter });
    } else if (d.truth === 'spam') {
      if (prng.next() < opts.reportRate / 2) events.push({ at: d.at + expDelay(prng, 240), kind: 'report', d, reporter });
    } else if (prng.next() < opts.benignReportRate) {
      events.push({ at: d.at + expDelay(prng, 240), kind: 'report', d, reporter });
    }
  }
  events.sort((a, b) => a.at - b.at || (a.kind === 'deliver' ? -1 : 1));

  const clock = new ManualClock(new Date(endMs - days * 86_400_000));
  const mailbox = new LedgerMailbox();
  const triage = new TriageService({
    db,
    mailbox,
    clock,
    tenantDomains,
    compromise: opts.identitySignal
      ? { isCompromised: async (address, at) => (compromisedAt.get(address.toLowerCase()) ?? Infinity) <= new Date(at).getTime() }
      : null,
  });

  const containedAt = new Map<string, number>();
  const reportTruth = new Map<string, Truth>();
  let triageMs = 0;
  let reportCount = 0;
  for (const e of events) {
    clock.set(new Date(e.at));
    if (e.kind === 'deliver') {
      const d = e.d;
      mailbox.folder.set(`${d.mailbox}/${d.messageId}`, 'inbox');
      mailbox.copies.set(`${d.mailbox}/${d.messageId}`, { messageId: d.messageId, internetMessageId: d.internetMessageId, receivedAt: new Date(d.at).toISOString(), assessment: d.assessment });
      await triage.indexInbound({ mailbox: d.mailbox, messageId: d.messageId, internetMessageId: d.internetMessageId, receivedAt: new Date(d.at).toISOString(), assessment: d.assessment, recipientNames: [nameOf.get(d.mailbox) ?? ''] });
    } else {
      const d = e.d;
      const id = `r${++reportCount}`;
      reportTruth.set(id, d.truth);
      const t0 = performance.now();
      await triage.triageReport({
        id, source: 'add-in', reporterId: d.mailbox, reporterUpn: e.reporter, mailbox: d.mailbox, messageId: d.messageId,
        internetMessageId: d.internetMessageId, receivedAt: new Date(d.at).toISOString(), reportedAt: new Date(e.at).toISOString(), assessment: d.assessment,
      });
      triageMs += performance.now() - t0;
    }
    // Containment time per true campaign: when every copy delivered so far is out of the inbox.
    if (e.kind === 'report' && e.d.truth === 'malicious' && !containedAt.has(e.d.campaign)) {
      const copies = deliveries.filter((x) => x.campaign === e.d.campaign && x.at <= e.at);
      if (copies.every((x) => mailbox.folder.get(`${x.mailbox}/${x.messageId}`) === 'held')) containedAt.set(e.d.campaign, e.at);
    }
  }

  // Figures.
  const reports = await db.selectFrom('triage_reports').selectAll().execute();
  const auto = reports.filter((r) => r.status === 'closed' && r.closed_by === 'lantern-triage');
  const forPeople = reports.filter((r) => r.status !== 'closed');
  // Malicious campaigns delivered during the report week (earlier ones belong to the history).
  const maliciousCampaigns = [...truthOfCampaign]
    .filter(([c, t]) => t === 'malicious' && deliveries.some((d) => d.campaign === c && (d.at >= weekStart || c.startsWith('classic:'))))
    .map(([c]) => c);
  const reportedMalicious = maliciousCampaigns.filter((c) => events.some((e) => e.kind === 'report' && e.d.campaign === c));
  const fullyRemoved = (c: string) => deliveries.filter((x) => x.campaign === c).every((x) => mailbox.folder.get(`${x.mailbox}/${x.messageId}`) === 'held');
  const beforeSecondClick = reportedMalicious.filter((c) => {
    const t = containedAt.get(c);
    if (t === undefined) return false;
    const cl = (clicks.get(c) ?? []).sort((a, b) => a - b);
    return cl.length < 2 || t < cl[1]!;
  });
  const missed = reports.filter((r) => reportTruth.get(r.id) === 'malicious' && (r.verdict === 'benign' || r.verdict === 'spam') && r.status === 'closed');
  const benignRemoved = deliveries.filter((d) => d.truth !== 'malicious' && mailbox.folder.get(`${d.mailbox}/${d.messageId}`) === 'held').length;
  const byTruth = (t: Truth) => reports.filter((r) => reportTruth.get(r.id) === t).length;
  const share = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 1000) / 1000);
  return {
    inbound_messages: deliveries.length,
    reports: reports.length,
    reports_benign: byTruth('benign'),
    reports_spam: byTruth('spam'),
    reports_malicious: byTruth('malicious'),
    closed_automatically_share: share(auto.length, reports.length),
    reports_left_for_people: forPeople.length,
    malicious_campaigns: maliciousCampaigns.length,
    malicious_campaigns_reported: reportedMalicious.length,
    malicious_campaigns_fully_removed: reportedMalicious.filter(fullyRemoved).length,
    contained_before_second_click_share: share(beforeSecondClick.length, reportedMalicious.length),
    malicious_reports_closed_as_harmless: missed.length,
    harmless_copies_left_held: benignRemoved,
    harmless_reports_called_spam: reports.filter((r) => reportTruth.get(r.id) === 'benign' && r.verdict === 'spam').length,
    triage_ms_per_report: Math.round((triageMs / Math.max(1, reports.length)) * 10) / 10,
    identity_signal: opts.identitySignal ? 'on' : 'off',
  };
}
