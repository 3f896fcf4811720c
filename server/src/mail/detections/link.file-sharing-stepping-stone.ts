import { fileSharingHosts, hostMatches } from '../link-platforms.ts';
import type { DetectionHit, MailDetection } from '../mail-detection.ts';

const tenantAware = /(^|\.)(sharepoint\.com|onedrive\.live\.com|1drv\.ms)$/;

export const detection: MailDetection = {
  id: 'link.file-sharing-stepping-stone',
  title: 'Link to a file-sharing or document platform',
  description:
    'Links to DocSend, Prezi, Dropbox, Google Docs/Drive, DocuSign, WeTransfer, SharePoint/OneDrive of another tenant and similar platforms: attackers host a lure document there that links on to the phishing page, so the first hop looks reputable.',
  category: 'link',
  maxWeight: 20,
  references: ['https://attack.mitre.org/techniques/T1608/005/', 'https://attack.mitre.org/techniques/T1102/', 'https://attack.mitre.org/techniques/T1566/002/'],
  falsePositives: [
    'Colleagues and partners sharing real documents (weight is low on its own; pair with sender context).',
    "The tenant's own SharePoint/OneDrive links are ignored when tenant domains are given in the context.",
  ],
  gaps: ['Does not follow the link to see what the hosted document says (no network access by design).'],
  evaluate(m, ctx) {
    const hits: DetectionHit[] = [];
    const tenantLabels = (ctx.tenantDomains ?? []).map((d) => d.split('.')[0]!.toLowerCase());
    const seen = new Set<string>();
    for (const l of m.links) {
      const hit = hostMatches(fileSharingHosts, l.host, l.pathAndQuery);
      if (!hit) continue;
      if (tenantAware.test(l.host) && tenantLabels.some((t) => l.host.startsWith(t + '.') || l.host.startsWith(t + '-my.'))) continue;
      if (m.fromRegistrable && (l.registrable === m.fromRegistrable || hit.endsWith(m.fromRegistrable))) continue; // the platform mailing about itself
      if (seen.has(hit)) continue;
      seen.add(hit);
      hits.push({
        weight: 12,
        evidence: `link to file-sharing platform ${l.host} (${hit})`,
        plain: `a link leads to a shared document on ${hit}, a common stepping stone to a fake sign-in page`,
        links: [l.url],
      });
    }
    return hits;
  },
  cases: [
    { name: 'DocSend lure', kind: 'true-positive', fires: true, mail: { from: 'A <a@example.org>', html: '<a href="https://docsend.com/view/x1">Open document</a>' } },
    { name: 'plain company link', kind: 'true-negative', fires: false, mail: { from: 'A <a@example.org>', html: '<a href="https://www.example.org/x">Open</a>' } },
    {
      name: "tenant's own SharePoint",
      kind: 'near-miss',
      fires: false,
      context: { tenantDomains: ['contoso.com'] },
      mail: { from: 'A <a@contoso.com>', html: '<a href="https://contoso.sharepoint.com/sites/x">Open</a>' },
    },
  ],
};
