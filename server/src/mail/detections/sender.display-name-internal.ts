import type { MailDetection } from '../mail-detection.ts';
import { fold } from '../mail-features.ts';
import { quote } from '../phrases.ts';

export const detection: MailDetection = {
  id: 'sender.display-name-internal',
  title: 'Display name of a colleague on an outside address',
  description:
    "The From display name matches a person in the organisation's directory while the address is outside the tenant's domains: the CEO-fraud / payroll-diversion pattern.",
  category: 'sender',
  maxWeight: 40,
  references: ['https://www.fbi.gov/how-we-can-help-you/scams-and-safety/common-frauds-and-scams/business-email-compromise', 'https://attack.mitre.org/techniques/T1656/'],
  falsePositives: ['Colleagues writing from a personal mailbox; people outside who share a colleague\'s name.'],
  gaps: ['Silent without context.internalDisplayNames and context.tenantDomains; nicknames and reordered names are not matched.'],
  evaluate(m, ctx) {
    const names = ctx.internalDisplayNames;
    const domains = ctx.tenantDomains;
    if (!names?.length || !domains?.length || !m.fromName || !m.fromRegistrable) return [];
    const tenant = new Set(domains.map((d) => d.toLowerCase()));
    if (tenant.has(m.fromDomain ?? '') || tenant.has(m.fromRegistrable)) return [];
    const shown = fold(m.fromName).replace(/["']/g, '').trim();
    const match = names.find((n) => fold(n).trim() === shown);
    if (!match) return [];
    return [
      {
        weight: 40,
        evidence: `display name ${quote(m.fromName)} matches colleague ${quote(match)} but the address ${m.fromAddress} is outside the organisation`,
        plain: `the sender uses the name of your colleague ${match} but writes from an outside address (${m.fromAddress})`,
      },
    ];
  },
  cases: [
    {
      name: 'CEO name from gmail',
      kind: 'true-positive',
      fires: true,
      context: { tenantDomains: ['contoso.com'], internalDisplayNames: ['Megan Bowen'] },
      mail: { from: 'Megan Bowen <megan.bowen.ceo@gmail.com>', text: 'Are you at your desk?' },
    },
    {
      name: 'the colleague herself',
      kind: 'true-negative',
      fires: false,
      context: { tenantDomains: ['contoso.com'], internalDisplayNames: ['Megan Bowen'] },
      mail: { from: 'Megan Bowen <megan@contoso.com>' },
    },
    {
      name: 'similar but different name outside',
      kind: 'near-miss',
      fires: false,
      context: { tenantDomains: ['contoso.com'], internalDisplayNames: ['Megan Bowen'] },
      mail: { from: 'Megan Bowers <megan@fabrikam.com>' },
    },
  ],
};
