import { brandNamedIn, isBrandDomain } from '../brands.ts';
import { freemailDomains } from '../link-platforms.ts';
import type { MailDetection } from '../mail-detection.ts';
import { quote } from '../phrases.ts';

export const detection: MailDetection = {
  id: 'sender.display-name-brand',
  title: 'Display name claims a brand the sender domain does not belong to',
  description:
    'The From display name names a well-known brand or service ("Microsoft account team", "PayPal", "Webmail Administrator") while the address is on a domain that brand does not use, often a free mailbox.',
  category: 'sender',
  maxWeight: 35,
  references: ['https://attack.mitre.org/techniques/T1656/', 'https://learn.microsoft.com/en-us/defender-office-365/anti-phishing-policies-about#impersonation-settings-in-anti-phishing-policies'],
  falsePositives: ['Resellers, partners and agencies mailing on behalf of a brand from their own domain ("Contoso Microsoft Partner Team").', 'Brand newsletters sent from a marketing domain not in the brand list.'],
  gaps: ['Only brands in the shipped list; tenant-specific partners need adding to the data.'],
  evaluate(m) {
    if (!m.fromName) return [];
    const brand = brandNamedIn(m.fromName);
    if (!brand) return [];
    if (isBrandDomain(brand, m.fromRegistrable, m.fromDomain)) return [];
    const free = m.fromRegistrable != null && freemailDomains.has(m.fromRegistrable);
    if (brand.domains.length === 0 && !free && !m.links.length) return [];
    return [
      {
        weight: brand.domains.length === 0 && !free ? 20 : 35,
        evidence: `display name ${quote(m.fromName)} claims ${brand.name} but the address is ${m.fromAddress ?? '(none)'}${free ? ', a free mailbox' : ''}`,
        plain: `the sender calls itself ${quote(m.fromName, 40)} but writes from ${m.fromRegistrable ?? 'an unknown address'}, which is not ${brand.name}`,
      },
    ];
  },
  cases: [
    { name: 'Microsoft team from a random domain', kind: 'true-positive', fires: true, mail: { from: 'Microsoft account team <no-reply@access-accsecurity.com>', subject: 'Unusual sign-in' } },
    { name: 'real Microsoft', kind: 'true-negative', fires: false, mail: { from: 'Microsoft account team <account-security-noreply@accountprotection.microsoft.com>' } },
    { name: 'person whose name contains no brand', kind: 'near-miss', fires: false, mail: { from: 'Chase Miller <chase.miller@example.org>' } },
  ],
};
