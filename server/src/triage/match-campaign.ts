// Campaign matching over Lantern's index of inbound mail metadata: the same message, or the same lure (sender and
// normalised subject, the same link, or the same subject with the same uncommon link domain) in other mailboxes.
// Pure: the store fetches candidates, this decides which belong.

/** One row of the inbound mail index, as the triage core sees it. */
export interface IndexedMessage {
  mailbox: string;
  messageId: string;
  internetMessageId: string | null;
  /** Lower-cased sender address, or null. */
  sender: string | null;
  senderDomain: string | null;
  subject: string | null;
  subjectNorm: string;
  /** Final hosts of the message's links (after unwrapping), lower-cased. */
  linkHosts: string[];
  /** Registrable domains of those hosts. */
  linkDomains: string[];
  /** Short hashes of the final link URLs (scheme, host and path; no query), for exact-link matching. */
  linkKeys: string[];
  receivedAt: string;
  /** The live scorer's verdict for this copy (deliver/tag/lock-links/hold), or null. */
  verdict: string | null;
  score: number | null;
}

export type CampaignMatch = 'same-message' | 'same-sender-subject' | 'same-link' | 'subject-and-link-domain' | 'same-sender-and-link-domain';

export interface CampaignMember {
  message: IndexedMessage;
  matchedOn: CampaignMatch[];
}

export interface CampaignOptions {
  /** Copies received this many hours either side of the seed belong; older mail is another wave. */
  windowHours: number;
  /** Link domains too common to tie two messages together (the tenant's own, big platforms). */
  commonDomains: ReadonlySet<string>;
  /** Subjects shorter than this (after normalisation) are too generic to match on. */
  minSubjectLength: number;
  /** The tenant's own sender domains: colleagues' mail is only tied together by message or subject. */
  internalDomains: ReadonlySet<string>;
}

export const defaultCampaignOptions: CampaignOptions = {
  windowHours: 72,
  commonDomains: new Set([
    'microsoft.com', 'office.com', 'office365.com', 'outlook.com', 'live.com', 'google.com', 'apple.com',
    'linkedin.com', 'facebook.com', 'twitter.com', 'x.com', 'youtube.com', 'instagram.com', 'w3.org',
    'docsend.com', 'dropbox.com', 'sharepoint.com', 'box.com', 'wetransfer.com', 'zoom.us', 'teams.microsoft.com',
    'aka.ms', 'bit.ly', 'mailchimp.com', 'list-manage.com', 'sendgrid.net', 'hubspot.com',
  ]),
  minSubjectLength: 6,
  internalDomains: new Set(),
};

function within(a: string, b: string, hours: number): boolean {
  const d = Math.abs(new Date(a).getTime() - new Date(b).getTime());
  return Number.isFinite(d) && d <= hours * 3_600_000;
}

/** Which rules tie `other` to `seed` (empty when none). */
export function campaignMatches(seed: IndexedMessage, other: IndexedMessage, opts: CampaignOptions): CampaignMatch[] {
  const out: CampaignMatch[] = [];
  if (seed.internetMessageId && seed.internetMessageId === other.internetMessageId) out.push('same-message');
  if (!within(seed.receivedAt, other.receivedAt, opts.windowHours)) return out;
  const subjectOk = seed.subjectNorm.length >= opts.minSubjectLength && seed.subjectNorm === other.subjectNorm;
  if (subjectOk && seed.sender && seed.sender === other.sender) out.push('same-sender-subject');
  const seedKeys = new Set(seed.linkKeys);
  const uncommonSeedHosts = new Set(
    seed.linkHosts.filter((h, i) => !opts.commonDomains.has(seed.linkDomains[i] ?? h) && !opts.commonDomains.has(h)),
  );
  const keyMatch = other.linkKeys.some((k) => seedKeys.has(k));
  // An exact link only ties messages together when it is not a common platform's generic page.
  if (keyMatch && other.linkHosts.some((h) => uncommonSeedHosts.has(h) || isSharedDocument(h))) out.push('same-link');
  const seedDomains = new Set(seed.linkDomains.filter((d) => !opts.commonDomains.has(d)));
  if (subjectOk && other.linkDomains.some((d) => seedDomains.has(d))) out.push('subject-and-link-domain');
  // An outside sender rotating subjects ("Invoice 4471 for Alice") around the same uncommon link domain.
  const external = seed.senderDomain !== null && !opts.internalDomains.has(seed.senderDomain);
  if (external && seed.sender && seed.sender === other.sender && other.linkDomains.some((d) => seedDomains.has(d))) {
    out.push('same-sender-and-link-domain');
  }
  return out;
}

function isSharedDocument(host: string): boolean {
  // The same DocSend/Dropbox document URL sent to many people is the same lure even though the platform is common.
  return /(^|\.)(docsend\.com|dropbox\.com|box\.com|sharepoint\.com|wetransfer\.com)$/.test(host);
}

/** The seed plus every candidate that matches it (deduplicated by mailbox and message id), seed first. */
export function matchCampaign(
  seed: IndexedMessage,
  candidates: readonly IndexedMessage[],
  opts: CampaignOptions = defaultCampaignOptions,
): CampaignMember[] {
  const members: CampaignMember[] = [{ message: seed, matchedOn: ['same-message'] }];
  const seen = new Set([`${seed.mailbox}\u0000${seed.messageId}`]);
  for (const c of candidates) {
    const key = `${c.mailbox}\u0000${c.messageId}`;
    if (seen.has(key)) continue;
    const m = campaignMatches(seed, c, opts);
    if (m.length === 0) continue;
    seen.add(key);
    members.push({ message: c, matchedOn: m });
  }
  return members;
}

/** A stable key for a campaign: its earliest internetMessageId, else sender + subject. */
export function campaignKey(members: readonly CampaignMember[]): string {
  const first = members[0]?.message;
  if (!first) return 'empty';
  if (first.sender && first.subjectNorm) return `s:${first.sender}|${first.subjectNorm}`.slice(0, 400);
  return `m:${first.internetMessageId ?? first.messageId}`.slice(0, 400);
}
