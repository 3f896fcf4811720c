// Plain-language explanations of an assessment: a short one for the recipient, a complete one for the security team.
import type { MailVerdict } from '@lantern/shared/assessment';
import type { MailPolicy } from './mail-policy.ts';
import { byImportance } from './reason-order.ts';

export interface NarrativeReason {
  code: string;
  weight: number;
  /** Clauses for the recipient, strongest first. */
  plain: string[];
  evidence: string[];
}

const actionSentence: Record<MailVerdict, string> = {
  deliver: 'It was delivered as usual.',
  tag: 'It was marked as suspicious: check who sent it before you reply, open attachments or click.',
  'lock-links': 'Links in this message are locked; ask your security team if you need to open one.',
  hold: 'It was held away from your inbox; ask your security team to release it if you were expecting it.',
};

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function sentence(s: string): string {
  const t = s.trim();
  return /[.!?]$/.test(t) ? t : t + '.';
}

/**
 * Two or three sentences: what is risky (the two strongest reasons), then what was done. Reasons that weigh nothing
 * are labels ("it is marketing mail from …"): said plainly when the message is delivered, never as a warning.
 */
export function userNarrative(verdict: MailVerdict, reasons: readonly NarrativeReason[]): string {
  // only what raised the score is told as a risk; mitigating reasons (negative weight) are for the analyst
  const ordered = reasons.filter((r) => r.weight > 0).sort(byImportance);
  const clauses = ordered.map((r) => r.plain[0]).filter((c): c is string => !!c);
  const label = reasons.find((r) => r.weight === 0 && r.plain[0])?.plain[0];
  if (verdict === 'deliver') {
    if (clauses.length === 0) return label ? `${sentence(capitalise(label))} Nothing in it looks risky. It was delivered as usual.` : 'Nothing in this message looks risky. It was delivered as usual.';
    return `${sentence(capitalise(`one detail is unusual: ${clauses[0]}`))} It is not enough to act on, so it was delivered as usual.`;
  }
  const parts: string[] = [];
  if (clauses.length > 0) parts.push(sentence(capitalise(clauses[0]!)));
  if (clauses.length > 1) parts.push(sentence(capitalise(clauses.length > 2 ? `also, ${clauses[1]}, and ${clauses[2]}` : `also, ${clauses[1]}`)));
  parts.push(actionSentence[verdict]);
  return parts.join(' ');
}

/** "+12" or "-4": a reason's share of the score as the analyst narrative and the CLI print it. */
export function signedPoints(weight: number): string {
  return weight >= 0 ? `+${weight}` : String(weight);
}

/** Every reason with its evidence, for the security team. */
export function analystNarrative(
  score: number,
  verdict: MailVerdict,
  policy: MailPolicy,
  sender: { address: string | null; authentication: string | null },
  reasons: readonly NarrativeReason[],
): string {
  const ordered = [...reasons].sort(byImportance);
  const lines = [
    `Score ${score}/100 → ${verdict} (tag at ${policy.tagAt}, lock links at ${policy.lockLinksAt}, hold at ${policy.holdAt}).`,
    `Sender: ${sender.address ?? '(none)'}; authentication: ${sender.authentication ?? 'no Authentication-Results header'}.`,
  ];
  if (ordered.length === 0) lines.push('No detection fired.');
  for (const r of ordered) lines.push(r.weight === 0 ? `- ${r.code} (label): ${r.evidence.join('; ')}` : `- ${r.code} (${signedPoints(r.weight)}): ${r.evidence.join('; ')}`);
  return lines.join('\n');
}
