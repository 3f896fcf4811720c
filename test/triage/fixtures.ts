// Hand-made messages for the triage tests (never the evaluation corpus).
import type { MailAssessment } from '@lantern/shared';
import type { SenderHistory, CampaignFacts } from '../../server/src/triage/decide-verdict.ts';

export type AssessmentOverrides = Omit<Partial<MailAssessment>, 'links'> & { links?: { text: string; url: string }[] };

export function assessment(over: AssessmentOverrides = {}): MailAssessment {
  const links = (over.links ?? []).map((l) => ({ text: l.text, url: l.url, host: new URL(l.url).hostname, risky: false, why: null }));
  return {
    score: 10,
    verdict: 'deliver',
    reasons: [],
    userNarrative: 'Nothing unusual.',
    analystNarrative: 'Nothing unusual.',
    sender: { address: 'news@contoso-news.example', name: 'Contoso News', replyTo: null, authentication: 'pass' },
    subject: 'Weekly digest',
    attachments: [],
    ...over,
    links,
  };
}

export function history(over: Partial<SenderHistory> = {}): SenderHistory {
  return {
    address: 'news@contoso-news.example',
    domain: 'contoso-news.example',
    internal: false,
    compromised: false,
    firstSeen: null,
    earlierMessages: 0,
    earlierMailboxes: 0,
    earlierVerdicts: { malicious: 0, suspicious: 0, spam: 0, benign: 0 },
    reputation: 0,
    ...over,
  };
}

export function campaign(over: Partial<CampaignFacts> = {}): CampaignFacts {
  return {
    mailboxes: 1,
    copies: 1,
    reporters: 1,
    firstReceivedAt: '2026-11-20T09:00:00.000Z',
    lastReceivedAt: '2026-11-20T09:00:00.000Z',
    knownMalicious: false,
    ...over,
  };
}
