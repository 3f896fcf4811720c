// Thresholds and weights of secondary triage, as data. Every reason's weight comes from here.

export interface TriagePolicy {
  /** Malicious verdicts at or above this confidence remove every copy of the campaign and close the report. */
  remediateAt: number;
  /** Benign verdicts at or above this confidence close the report with feedback to the reporter. */
  closeBenignAt: number;
  /** Spam verdicts at or above this confidence close the report with feedback. */
  closeSpamAt: number;
  /** Distinct reporters of one campaign that contain it (hold every copy) even before a verdict. */
  containOnReporters: number;
  /** Score (sum of weights) from which a message is malicious / suspicious. */
  maliciousFrom: number;
  suspiciousFrom: number;
  /** An external sender counts as established after this many earlier messages over this many days. */
  establishedMessages: number;
  establishedDays: number;
  /** A message reaching at least this many mailboxes is bulk. */
  bulkMailboxes: number;
  /** Weights of the evidence (positive: towards malicious; negative: towards benign). */
  weights: Readonly<Record<TriageSignal, number>>;
}

export type TriageSignal =
  | 'mail.score'
  | 'link.hidden-destination'
  | 'link.redirect-chain'
  | 'link.base64-redirect'
  | 'link.unresolved-shortener'
  | 'link.file-share-lure'
  | 'link.ip-host'
  | 'link.risky'
  | 'sender.compromised'
  | 'sender.history-malicious'
  | 'sender.bad-reputation'
  | 'sender.first-contact'
  | 'sender.established'
  | 'sender.history-benign'
  | 'sender.internal'
  | 'campaign.internal-blast'
  | 'campaign.multiple-reporters'
  | 'campaign.known-malicious'
  | 'campaign.first-contact-blast'
  | 'campaign.bulk';

export const defaultTriagePolicy: TriagePolicy = {
  remediateAt: 0.8,
  closeBenignAt: 0.75,
  closeSpamAt: 0.75,
  containOnReporters: 3,
  maliciousFrom: 60,
  suspiciousFrom: 30,
  establishedMessages: 5,
  establishedDays: 10,
  bulkMailboxes: 10,
  weights: {
    /** Multiplied by the first-pass score (0–100). */
    'mail.score': 0.5,
    'link.hidden-destination': 25,
    'link.redirect-chain': 15,
    'link.base64-redirect': 20,
    'link.unresolved-shortener': 10,
    'link.file-share-lure': 20,
    'link.ip-host': 20,
    'link.risky': 10,
    'sender.compromised': 45,
    'sender.history-malicious': 35,
    /** Multiplied by the negative reputation (0–1). */
    'sender.bad-reputation': 25,
    'sender.first-contact': 8,
    'sender.established': -35,
    'sender.history-benign': -20,
    'sender.internal': -15,
    'campaign.internal-blast': 20,
    /** Per reporter beyond the first, up to three. */
    'campaign.multiple-reporters': 5,
    'campaign.known-malicious': 60,
    'campaign.first-contact-blast': 20,
    'campaign.bulk': -5,
  },
};
