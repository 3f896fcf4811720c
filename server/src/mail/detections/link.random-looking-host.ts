import type { DetectionHit, MailDetection } from '../mail-detection.ts';
import { randomLabelReason } from '../random-label.ts';

export const detection: MailDetection = {
  id: 'link.random-looking-host',
  title: 'Link host looks machine-generated',
  description:
    'A link whose domain or subdomain labels look generated ("rz8js7sjbef.latovafineart.life"): throw-away infrastructure registered or configured in bulk for a campaign.',
  category: 'link',
  maxWeight: 20,
  references: ['https://unit42.paloaltonetworks.com/strategically-aged-domain-detection/', 'https://attack.mitre.org/techniques/T1568/002/'],
  falsePositives: ['CDN and cloud hosts with hashed names (d1a2b3c4.cloudfront.net) and ESP tracking hosts with account ids.'],
  gaps: ['Dictionary-word generated domains ("blue-river-table.com") look human and are not flagged.'],
  evaluate(m) {
    const hits: DetectionHit[] = [];
    const seen = new Set<string>();
    for (const l of m.links) {
      if (l.isIp || seen.has(l.host)) continue;
      seen.add(l.host);
      const labels = l.host.slice(0, l.host.length - l.suffix.length).split('.').filter(Boolean);
      for (const label of labels) {
        const why = randomLabelReason(label);
        if (!why) continue;
        hits.push({ weight: 10, evidence: `link host ${l.host}: label '${label}' looks generated (${why})`, plain: `a link leads to a random-looking address (${l.host})`, links: [l.url] });
        break;
      }
      if (hits.length >= 2) break;
    }
    return hits;
  },
  cases: [
    { name: 'generated subdomain', kind: 'true-positive', fires: true, mail: { from: 'A <a@example.org>', html: '<a href="https://rz8js7sjbef.latovafineart.life/x">Open</a>' } },
    { name: 'ordinary host', kind: 'true-negative', fires: false, mail: { from: 'A <a@example.org>', text: 'https://files.ettus.com/manual/page_usrp_b200.html' } },
    { name: 'long but pronounceable', kind: 'near-miss', fires: false, mail: { from: 'A <a@example.org>', text: 'https://documentation.internationalization.example.com/' } },
  ],
};
