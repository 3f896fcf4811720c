import { brands } from '../brands.ts';
import { imitates, imitatesLabel, lookalikeTarget, mainLabel } from '../lookalike.ts';
import type { DetectionHit, MailDetection } from '../mail-detection.ts';
import { registrableOf } from '../mail-features.ts';

const brandDomains = brands.flatMap((b) => b.domains.filter((d) => d.includes('.')).map((d) => ({ brand: b.name, domain: d, target: lookalikeTarget(d) })));

export const detection: MailDetection = {
  id: 'sender.lookalike-domain',
  title: "Sender domain imitates the organisation's or a brand's domain",
  description:
    "The From domain is a look-alike of one of the tenant's own domains or of a known brand's: same skeleton with confusable characters (rn/m, 0/o, Cyrillic letters), one or two typos, or the real name with words added (contoso-payroll.com).",
  category: 'sender',
  maxWeight: 40,
  references: ['https://attack.mitre.org/techniques/T1583/001/', 'https://github.com/elceef/dnstwist'],
  falsePositives: ['Genuinely different organisations with similar names (a typo distance of one on long names).', 'Brand subsidiaries on hyphenated domains not in the brand list.'],
  gaps: ["Tenant look-alikes need context.tenantDomains; a look-alike in a link rather than in From is judged by the link detections."],
  evaluate(m, ctx) {
    if (!m.fromRegistrable) return [];
    const hits: DetectionHit[] = [];
    for (const d of ctx.tenantDomains ?? []) {
      const target = registrableOf(d);
      if (!target) continue;
      const how = imitates(m.fromRegistrable, target);
      if (how) {
        hits.push({
          weight: 40,
          evidence: `sender domain ${m.fromRegistrable} imitates the organisation's domain ${target} (${how})`,
          plain: `the sender's address ${m.fromAddress} imitates your organisation's own domain ${target}`,
        });
        return hits;
      }
    }
    const label = mainLabel(m.fromRegistrable);
    for (const { brand, domain, target } of brandDomains) {
      if (m.fromRegistrable === domain) continue;
      const how = imitatesLabel(label, target);
      if (!how) continue;
      if (brands.find((b) => b.name === brand)?.domains.includes(m.fromRegistrable)) continue;
      hits.push({
        weight: how === 'embedded' ? 20 : 30,
        evidence: `sender domain ${m.fromRegistrable} imitates ${brand}'s ${domain} (${how})`,
        plain: `the sender's domain ${m.fromRegistrable} imitates ${brand}'s ${domain}`,
      });
      break;
    }
    return hits;
  },
  cases: [
    { name: 'rn for m in the tenant domain', kind: 'true-positive', fires: true, context: { tenantDomains: ['modern-tech.com'] }, mail: { from: 'CFO <cfo@rnodern-tech.com>' } },
    { name: 'paypal typo', kind: 'true-positive', fires: true, mail: { from: 'Service <service@paypa1.com>' } },
    { name: 'the tenant itself', kind: 'true-negative', fires: false, context: { tenantDomains: ['contoso.com'] }, mail: { from: 'A <a@contoso.com>' } },
    { name: 'unrelated short domain one letter away from a short name', kind: 'near-miss', fires: false, mail: { from: 'A <a@ups.edu>' } },
  ],
};
