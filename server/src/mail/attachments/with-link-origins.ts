// Link detections judge every link alike, wherever it was found. This wrapper names the attachment a flagged link
// came from in the detection's reasons, so the narrative says "a QR code in the attached PDF invoice.pdf leads to
// …" rather than "a link leads to …", without each link detection knowing about attachments.
import type { DetectionHit, MailDetection } from '../mail-detection.ts';
import type { LinkFeature } from '../mail-features.ts';

function describe(hit: DetectionHit, byUrl: Map<string, LinkFeature>): DetectionHit {
  const from = (hit.links ?? []).map((u) => byUrl.get(u)).filter((l): l is LinkFeature => !!l?.origin);
  const first = from[0];
  if (!first?.origin || from.length !== (hit.links ?? []).length) return hit;
  const o = first.origin;
  const plain = /^a link /.test(hit.plain) ? `${o.description} ${hit.plain.slice('a link '.length)}` : `${hit.plain} (${o.description} leads to ${first.hostUnicode})`;
  return { ...hit, plain, evidence: `${hit.evidence} [found in ${o.path.join(' → ')}: ${o.kind}${o.where ? `, ${o.where}` : ''}]` };
}

export function withLinkOrigins(d: MailDetection): MailDetection {
  if (d.category !== 'link') return d;
  return {
    ...d,
    evaluate(message, context) {
      const hits = d.evaluate(message, context);
      if (hits.length === 0 || !message.links.some((l) => l.origin)) return hits;
      const byUrl = new Map(message.links.map((l) => [l.url, l]));
      return hits.map((h) => describe(h, byUrl));
    },
  };
}
