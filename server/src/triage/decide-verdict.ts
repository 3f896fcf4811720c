// Secondary triage's verdict: the first-pass assessment, every link's full structure, the sender's history in
// the tenant and the campaign around the message, weighed into malicious / suspicious / spam / benign with a
// confidence and reasons (a code, its weight and a sentence with the evidence). Pure.
import type { MailAssessment } from '@lantern/shared';
import { analyseLinkChain, registrableDomain, type LinkChain } from './link-chain.ts';
import type { TriagePolicy, TriageSignal } from './triage-policy.ts';

export type TriageVerdict = 'malicious' | 'suspicious' | 'spam' | 'benign';

export interface TriageReason {
  code: string;
  weight: number;
  text: string;
}

/** What the tenant knows about the sender before this message (see reputation/sender-history.ts). */
export interface SenderHistory {
  address: string | null;
  domain: string | null;
  /** The sender's domain is one of the tenant's own. */
  internal: boolean;
  /** The sender's account has an open identity incident (takeover). */
  compromised: boolean;
  firstSeen: string | null;
  /** Earlier inbound messages from this sender in the index (this campaign excluded). */
  earlierMessages: number;
  earlierMailboxes: number;
  /** Verdicts of earlier triaged reports about this sender. */
  earlierVerdicts: Record<TriageVerdict, number>;
  /** Combined sender and domain reputation, -1 (bad) … 1 (good); 0 unknown. */
  reputation: number;
}

export interface CampaignFacts {
  /** Distinct mailboxes holding a copy. */
  mailboxes: number;
  copies: number;
  /** Distinct users who reported a copy. */
  reporters: number;
  firstReceivedAt: string | null;
  lastReceivedAt: string | null;
  /** Some copy of this campaign was already judged malicious. */
  knownMalicious: boolean;
}

export interface TriageInput {
  assessment: MailAssessment;
  sender: SenderHistory;
  campaign: CampaignFacts;
}

export interface TriageDecision {
  verdict: TriageVerdict;
  /** 0.5 … 0.99. */
  confidence: number;
  /** Sum of the reasons' weights. */
  score: number;
  reasons: TriageReason[];
  links: LinkChain[];
  /** Two or three sentences for the analyst. */
  summary: string;
}

const LURE = /\b(click here|view (the )?(document|file|pdf)|open (the )?(document|file|pdf)|review (the )?document|sign[ -]?in|log[ -]?in|verify|download|access (the )?(file|document)|shared (a|the) (file|document)|secure (message|document)|view (message|invoice)|docsend)\b/i;
const DOMAINISH = /^(https?:\/\/)?([a-z0-9-]+\.)+[a-z]{2,}(\/\S*)?$/i;

function linkReasons(assessment: MailAssessment, policy: TriagePolicy, add: Adder): LinkChain[] {
  const chains: LinkChain[] = [];
  const flagged = new Set<TriageSignal>();
  const once = (signal: TriageSignal, text: string, factor = 1) => {
    if (flagged.has(signal)) return;
    flagged.add(signal);
    add(signal, text, factor);
  };
  const subjectLure = LURE.test(assessment.subject ?? '');
  for (const link of assessment.links.slice(0, 200)) {
    const chain = analyseLinkChain(link.url, link.text);
    if (!chain) continue;
    chains.push(chain);
    const text = link.text.trim();
    if (DOMAINISH.test(text)) {
      const shownHost = text.replace(/^https?:\/\//i, '').split(/[/?#]/)[0] ?? '';
      const shown = registrableDomain(shownHost);
      if (shown && shown !== chain.finalDomain && !chain.unresolvedShortener) {
        once('link.hidden-destination', `A link reads "${text.slice(0, 80)}" but leads to ${chain.finalHost}.`);
      }
    }
    const redirectHops = chain.hops.filter((h) => h.kind === 'redirect-param' || h.kind === 'base64-param');
    if (redirectHops.length > 0 && chain.finalDomain !== registrableDomain(chain.hops[0]?.host ?? '')) {
      once('link.redirect-chain', `A link passes through ${chain.hops.map((h) => h.host).join(' → ')} (${redirectHops.map((h) => h.via).join(', ')}).`);
    }
    if (chain.hops.some((h) => h.kind === 'base64-param')) {
      once('link.base64-redirect', `A link hides its destination ${chain.finalHost} base64-encoded in a parameter.`);
    }
    if (chain.unresolvedShortener) {
      once('link.unresolved-shortener', `A link goes through the shortener ${chain.finalHost}, hiding where it leads.`);
    }
    if (chain.fileShare && (LURE.test(text) || subjectLure)) {
      once('link.file-share-lure', `"${text.slice(0, 60)}" points to a file-sharing page (${chain.finalHost}), a common credential lure.`);
    }
    if (chain.ipHost) once('link.ip-host', `A link goes straight to the IP address ${chain.finalHost}.`);
    if (link.risky) once('link.risky', `The first pass flagged a link to ${link.host}: ${link.why ?? 'risky'}.`);
  }
  return chains;
}

/** Link evidence from the link's structure (not the first pass's opinion): it rules out "just spam". */
const STRUCTURAL_LINK_SIGNALS: ReadonlySet<string> = new Set([
  'link.hidden-destination', 'link.redirect-chain', 'link.base64-redirect', 'link.unresolved-shortener', 'link.file-share-lure', 'link.ip-host',
]);

type Adder = (signal: TriageSignal, text: string, factor?: number) => void;

function days(a: string | null, b: string | null): number {
  if (!a || !b) return 0;
  return Math.max(0, (new Date(b).getTime() - new Date(a).getTime()) / 86_400_000);
}

export function decideVerdict(input: TriageInput, policy: TriagePolicy): TriageDecision {
  const reasons: TriageReason[] = [];
  const add: Adder = (signal, text, factor = 1) => {
    const weight = Math.round(policy.weights[signal] * factor * 10) / 10;
    if (weight !== 0) reasons.push({ code: signal, weight, text });
  };
  const { assessment, sender, campaign } = input;

  const top = [...assessment.reasons].sort((a, b) => b.weight - a.weight).slice(0, 3);
  add(
    'mail.score',
    `The first pass scored it ${assessment.score}/100 (${assessment.verdict})${top.length ? `: ${top.map((r) => r.text).join(' ')}` : '.'}`,
    Math.max(0, Math.min(100, assessment.score)),
  );
  const links = linkReasons(assessment, policy, add);

  const who = sender.address ?? 'the sender';
  if (sender.compromised) add('sender.compromised', `${who}'s account has an open identity incident: it is likely controlled by an attacker.`);
  const earlierBad = sender.earlierVerdicts.malicious;
  if (earlierBad > 0) add('sender.history-malicious', `${earlierBad} earlier report(s) about ${who} were judged malicious.`);
  if (sender.reputation < 0) add('sender.bad-reputation', `${who} and its domain have a poor reputation here (${sender.reputation.toFixed(2)}).`, -sender.reputation);
  const established =
    sender.earlierMessages >= policy.establishedMessages && days(sender.firstSeen, campaign.firstReceivedAt) >= policy.establishedDays;
  if (sender.internal && !sender.compromised) {
    add('sender.internal', `${who} is a colleague inside the organisation, with no sign of account takeover.`);
  } else if (!sender.internal && sender.earlierMessages === 0) {
    add('sender.first-contact', `${who} has never written to anyone here before.`);
  }
  if (established && earlierBad === 0 && !sender.compromised) {
    add(
      'sender.established',
      `${who} has sent ${sender.earlierMessages} earlier messages to ${sender.earlierMailboxes} people here since ${sender.firstSeen?.slice(0, 10)}.`,
    );
  }
  if (sender.earlierVerdicts.benign > 0 && earlierBad === 0) {
    add('sender.history-benign', `${sender.earlierVerdicts.benign} earlier report(s) about ${who} were judged harmless.`);
  }

  const blastHours = days(campaign.firstReceivedAt, campaign.lastReceivedAt) * 24;
  if (sender.internal && campaign.mailboxes >= 5 && blastHours <= 2 && links.some((l) => l.fileShare || l.unresolvedShortener)) {
    add('campaign.internal-blast', `${who} sent the same link to ${campaign.mailboxes} colleagues within ${Math.max(1, Math.round(blastHours * 60))} minutes.`);
  }
  const hiddenLink = reasons.some((r) => STRUCTURAL_LINK_SIGNALS.has(r.code));
  if (!sender.internal && sender.earlierMessages === 0 && campaign.mailboxes >= 5 && hiddenLink) {
    add('campaign.first-contact-blast', `A sender nobody here has heard from sent ${campaign.mailboxes} people a link that hides where it leads.`);
  }
  if (campaign.reporters > 1) {
    add('campaign.multiple-reporters', `${campaign.reporters} people reported this campaign.`, Math.min(3, campaign.reporters - 1));
  }
  if (campaign.knownMalicious) add('campaign.known-malicious', 'Another copy of this campaign was already judged malicious.');
  const bulk = campaign.mailboxes >= policy.bulkMailboxes;
  if (bulk && established) add('campaign.bulk', `It went to ${campaign.mailboxes} mailboxes, like ${who}'s earlier bulk mail.`);

  const score = Math.round(reasons.reduce((s, r) => s + r.weight, 0) * 10) / 10;
  const linkEvidence = reasons.some((r) => STRUCTURAL_LINK_SIGNALS.has(r.code));
  const spammy =
    !sender.internal && !sender.compromised && !established && !linkEvidence && sender.earlierVerdicts.malicious === 0 &&
    (bulk || sender.earlierVerdicts.spam > 0 || sender.reputation < -0.2);
  let verdict: TriageVerdict;
  let confidence: number;
  if (score >= policy.maliciousFrom) {
    verdict = 'malicious';
    confidence = 0.5 + (score - policy.maliciousFrom) / 50;
  } else if (spammy && score < policy.maliciousFrom - 10) {
    verdict = 'spam';
    confidence = 0.65 + (bulk ? 0.1 : 0) + (sender.earlierVerdicts.spam > 0 ? 0.15 : 0) + (score <= policy.suspiciousFrom ? 0.05 : 0);
  } else if (score >= policy.suspiciousFrom) {
    verdict = 'suspicious';
    confidence = 0.5 + Math.min(score - policy.suspiciousFrom, policy.maliciousFrom - score) / 60;
  } else {
    verdict = 'benign';
    confidence = 0.5 + (policy.suspiciousFrom - score) / 60 - (linkEvidence ? 0.15 : 0);
  }
  confidence = Math.round(Math.max(0.5, Math.min(0.99, confidence)) * 100) / 100;
  reasons.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  return { verdict, confidence, score, reasons, links, summary: summarise(verdict, confidence, reasons, campaign) };
}

function summarise(verdict: TriageVerdict, confidence: number, reasons: TriageReason[], campaign: CampaignFacts): string {
  const pct = Math.round(confidence * 100);
  const head = `Verdict: ${verdict} (${pct}% confidence); the campaign reached ${campaign.mailboxes} mailbox(es) and ${campaign.reporters} person(s) reported it.`;
  const key = reasons.filter((r) => (verdict === 'benign' ? r.weight < 0 : r.weight > 0)).slice(0, 3);
  return key.length ? `${head} ${key.map((r) => r.text).join(' ')}` : head;
}
