// The pure scorer: ParsedMail (+ tenant context, policy, learned model) → MailAssessment. Synchronous, no IO.
// The detections say what they see; the learned model (mail-model.ts) says how much each of them counts.
import type { AssessedAttachment, AssessedLink, MailAssessment, MailReason } from '@lantern/shared/assessment';
import { mailDetections } from './detection-registry.ts';
import type { MailContext } from './mail-context.ts';
import { contentTokens } from './content-tokens.ts';
import type { MailDetection } from './mail-detection.ts';
import { mailFeatures, type MailFeatures } from './mail-features.ts';
import { defaultMailModel, scoreSignals, strongPoints, type MailModel } from './mail-model.ts';
import { detectionOutputs, type DetectionOutput, type MessageSignals } from './mail-signals.ts';
import { defaultMailPolicy, verdictFor, type MailPolicy } from './mail-policy.ts';
import { analystNarrative, userNarrative, type NarrativeReason } from './narrative.ts';
import { byImportance } from './reason-order.ts';
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

export interface AssessedSignals {
  assessment: MailAssessment;
  /** What the detections said (every fired detection, whatever its share of the score), for evaluation and training. */
  signals: MessageSignals;
}

const detectionsById: ReadonlyMap<string, MailDetection> = new Map(mailDetections.map((d) => [d.id, d]));

/** Runs the detections and computes the content tokens: what the score is made from. */
export function mailSignals(mail: ParsedMail, context: MailContext = {}, policy: MailPolicy = defaultMailPolicy): { features: MailFeatures; outputs: DetectionOutput[]; signals: MessageSignals } {
  const features = mailFeatures(mail);
  const outputs = detectionOutputs(mailDetections, features, context, new Set(policy.disabledDetections));
  const points: Record<string, number> = {};
  for (const o of outputs) points[o.detection.id] = o.points;
  return { features, outputs, signals: { points, tokens: contentTokens(features) } };
}

function corroborationText(code: string, points: Readonly<Record<string, number>>): string {
  const strong = Object.entries(points)
    .filter(([, p]) => p >= strongPoints)
    .map(([id]) => id)
    .sort();
  const what =
    code === 'score.lure-and-anomaly' ? 'a lure in the text and a technical anomaly agree' : code === 'score.two-lures' ? 'two different lures in the text agree' : `${strong.length} independent detections agree`;
  return `${what} (${strong.join(', ')})`;
}

export function assessMail(mail: ParsedMail, context: MailContext = {}, policy: MailPolicy = defaultMailPolicy, model: MailModel = defaultMailModel): MailAssessment {
  return assessMailSignals(mail, context, policy, model).assessment;
}

export function assessMailSignals(mail: ParsedMail, context: MailContext = {}, policy: MailPolicy = defaultMailPolicy, model: MailModel = defaultMailModel): AssessedSignals {
  const { features, outputs, signals } = mailSignals(mail, context, policy);
  const scored = scoreSignals(model, signals, detectionsById, policy.weightMultipliers);
  const byId = new Map(outputs.map((o) => [o.detection.id, o]));
  const reasons: MailReason[] = [];
  const narrativeReasons: NarrativeReason[] = [];
  const linkWhy = new Map<string, string[]>();
  const attachmentWhy = new Map<string, string[]>();
  for (const term of scored.terms) {
    const weight = Math.round(term.points);
    if (weight === 0) continue;
    const output = byId.get(term.code);
    if (output) {
      const evidence = output.hits.map((h) => h.evidence);
      reasons.push({ code: term.code, weight, text: evidence.join('; ') });
      narrativeReasons.push({ code: term.code, weight, plain: output.hits.map((h) => h.plain), evidence });
      if (weight > 0) {
        for (const h of output.hits) {
          for (const url of h.links ?? []) linkWhy.set(url, [...(linkWhy.get(url) ?? []), h.plain]);
          for (const sha of h.attachments ?? []) attachmentWhy.set(sha, [...(attachmentWhy.get(sha) ?? []), h.plain]);
        }
      }
    } else if (term.tokens) {
      const top = term.tokens.slice(0, 8);
      const text = `wording the model learned from phishing: ${top.map((t) => `'${t.token}' (+${t.points.toFixed(1)})`).join(', ')}`;
      reasons.push({ code: term.code, weight, text });
      narrativeReasons.push({ code: term.code, weight, plain: [`its wording resembles phishing seen before (${top.slice(0, 3).map((t) => `'${t.token}'`).join(', ')})`], evidence: [text] });
    } else {
      const text = corroborationText(term.code, signals.points);
      reasons.push({ code: term.code, weight, text });
      narrativeReasons.push({ code: term.code, weight, plain: [], evidence: [text] });
    }
  }
  // labels ("marketing mail from …") weigh nothing and are not in the score's terms, but the reader is told them
  for (const o of outputs) {
    if (o.detection.effect !== 'label' || o.hits.length === 0 || reasons.some((r) => r.code === o.detection.id)) continue;
    const evidence = o.hits.map((h) => h.evidence);
    reasons.push({ code: o.detection.id, weight: 0, text: evidence.join('; ') });
    narrativeReasons.push({ code: o.detection.id, weight: 0, plain: o.hits.map((h) => h.plain), evidence });
  }
  reasons.sort(byImportance);
  const score = Math.max(0, Math.min(100, reasons.reduce((s, r) => s + r.weight, 0)));
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
  const assessment: MailAssessment = {
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
  return { assessment, signals };
}
