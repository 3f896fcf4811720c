// The shape of one mail detection: metadata beside the logic, and its own cases as data.
import type { MailContext } from './mail-context.ts';
import type { MailFeatures } from './mail-features.ts';
import type { MailSpec } from './mail-spec.ts';

/** `message` is the message as a whole: whether it could be read at all. */
export type DetectionCategory = 'link' | 'sender' | 'content' | 'attachment' | 'context' | 'message';

export interface DetectionHit {
  /** Points (before the detection's cap and the tenant's multiplier); 0 for the hits of a 'label' detection. */
  weight: number;
  /** For the security team: what was seen, with the concrete evidence. */
  evidence: string;
  /** For the recipient: a short plain clause, e.g. "the link behind 'Click Here' leads to docsend.com". */
  plain: string;
  /** URLs of the links this hit concerns. */
  links?: string[];
  /** sha256 of the attachments this hit concerns. */
  attachments?: string[];
}

export interface DetectionCase {
  name: string;
  kind: 'true-positive' | 'true-negative' | 'near-miss';
  mail: MailSpec;
  context?: MailContext;
  /** Whether the detection must fire on this case. */
  fires: boolean;
}

export interface MailDetection {
  /** `<category>.<name>`, equal to the file name without `.ts`. */
  id: string;
  title: string;
  description: string;
  category: DetectionCategory;
  /**
   * 'risk' (the default): hits add points. 'label': hits weigh 0 and only say what the message is ("marketing"),
   * for the reader, the analyst and a learned combiner; they never raise the score.
   */
  effect?: 'risk' | 'label';
  /** Upper bound of the points this detection adds to a message (its hits are summed, then capped). */
  maxWeight: number;
  /** Threat research and documentation behind the detection. */
  references: string[];
  /** Legitimate mail it is known to flag. */
  falsePositives: string[];
  /** What it does not cover. */
  gaps: string[];
  evaluate(message: MailFeatures, context: MailContext): DetectionHit[];
  cases: DetectionCase[];
}
