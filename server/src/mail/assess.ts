// The pure scorer: ParsedMail (+ tenant context, policy) → MailAssessment. Synchronous, no IO.
import type { AssessedAttachment, AssessedLink, MailAssessment, MailReason } from '@lantern/shared/assessment';
import { mailDetections } from './detection-registry.ts';
import type { MailContext } from './mail-context.ts';
import type { DetectionHit, MailDetection } from './mail-detection.ts';
import { mailFeatures } from './mail-features.ts';
import { defaultMailPolicy, verdictFor, type MailPolicy } from './mail-policy.ts';
import { analystNarrative, userNarrative, type NarrativeReason } from './narrative.ts';
import type { ParsedMail } from './parsed-mail.ts';

export type { MailContext, SenderAccount, SenderHistory } from './mail-context.ts';
export type { MailPolicy } from './mail-policy.ts';
export { defaultMailPolicy } from './mail-policy.ts';

const maxAssessedLinks = 100;

function authSummary(mail: ParsedMail): string | null {
  const a = mail.authentication[0];
  if (!a) return null;
  const parts = [`spf=${a.spf ?? 'none'}`, `dkim=${a.dkim ?? 'none'}`, `dmarc=${a.dmarc ?? 'none'}`];
  if (a.compauth) parts.push(`compauth=${a.compauth}${a.compauthReason ? ` (${a.compauthReason})` : ''}`);
  return parts.join(' ');
}

/** Runs one detection; a detection that throws is reported as a reason-less failure rather than failing the message. */
function run(d: MailDetection, features: ReturnType<typeof mailFeatures>, context: MailContext): DetectionHit[] {
  try {
    return d.evaluate(features, context);
  } catch {
    return [];
  }
}

export function assessMail(mail: ParsedMail, context: MailContext = {}, policy: MailPolicy = defaultMailPolicy): MailAssessment {
  const features = mailFeatures(mail);
  const disabled = new Set(policy.disabledDetections);
  const reasons: MailReason[] = [];
  const narrativeReasons: NarrativeReason[] = [];
  const linkWhy = new Map<string, string[]>();
  const attachmentWhy = new Map<string, string[]>();
  for (const d of mailDetections) {
    if (disabled.has(d.id)) continue;
    const hits = run(d, features, context);
    if (hits.length === 0) continue;
    const ordered = [...hits].sort((a, b) => b.weight - a.weight);
    const raw = Math.min(d.maxWeight, ordered.reduce((s, h) => s + h.weight, 0));
    const weight = Math.round(raw * (policy.weightMultipliers[d.id] ?? 1));
    if (weight <= 0) continue;
    const evidence = ordered.map((h) => h.evidence);
    reasons.push({ code: d.id, weight, text: evidence.join('; ') });
    narrativeReasons.push({ code: d.id, weight, plain: ordered.map((h) => h.plain), evidence });
    for (const h of ordered) {
      for (const url of h.links ?? []) linkWhy.set(url, [...(linkWhy.get(url) ?? []), h.plain]);
      for (const sha of h.attachments ?? []) attachmentWhy.set(sha, [...(attachmentWhy.get(sha) ?? []), h.plain]);
    }
  }
  const strong = reasons.filter((r) => r.weight >= policy.corroborationMinWeight).map((r) => r.code);
  const lure = strong.some((c) => c.startsWith('content.'));
  const anomaly = strong.some((c) => c.startsWith('link.') || c.startsWith('attachment.') || c.startsWith('sender.'));
  // two different kinds of lure in one message (a prize and a sales pitch, an inheritance and a romance opener)
  const lures = strong.filter((c) => c.startsWith('content.')).length;
  if (policy.corroborationBonus > 0 && (strong.length >= policy.corroborationMinSignals || (lure && anomaly) || lures >= 2)) {
    const text =
      strong.length >= policy.corroborationMinSignals
        ? `${strong.length} independent detections agree (${strong.join(', ')})`
        : lure && anomaly
          ? `a lure in the text and a technical anomaly agree (${strong.join(', ')})`
          : `two different lures in the text agree (${strong.join(', ')})`;
    reasons.push({ code: 'score.corroboration', weight: policy.corroborationBonus, text });
    narrativeReasons.push({ code: 'score.corroboration', weight: policy.corroborationBonus, plain: [], evidence: [text] });
  }
  reasons.sort((a, b) => b.weight - a.weight || a.code.localeCompare(b.code));
  const score = Math.min(100, reasons.reduce((s, r) => s + r.weight, 0));
  const verdict = verdictFor(score, policy);
  // links in other schemes (search-ms:, file:, mailto: …) first: padding with web links must not push them off the list
  const links: AssessedLink[] = [...features.schemeLinks, ...features.links].slice(0, maxAssessedLinks).map((l) => {
    const why = linkWhy.get(l.url);
    return { text: l.text, url: l.url, host: l.hostUnicode, risky: !!why, why: why ? [...new Set(why)].join('; ') : null };
  });
  const attachments: AssessedAttachment[] = mail.attachments.map((a) => {
    const why = attachmentWhy.get(a.sha256);
    return { name: a.name, contentType: a.detectedType, size: a.size, sha256: a.sha256, risky: !!why, why: why ? [...new Set(why)].join('; ') : null };
  });
  const sender = {
    address: mail.from?.address ?? null,
    name: mail.from?.name || null,
    replyTo: mail.replyTo[0]?.address ?? null,
    authentication: authSummary(mail),
  };
  return {
    score,
    verdict,
    reasons,
    userNarrative: userNarrative(verdict, narrativeReasons),
    analystNarrative: analystNarrative(score, verdict, policy, sender, narrativeReasons),
    sender,
    subject: mail.subject,
    links,
    attachments,
  };
}
