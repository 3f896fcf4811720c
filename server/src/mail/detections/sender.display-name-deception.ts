import type { MailDetection } from '../mail-detection.ts';
import { registrableOf } from '../mail-features.ts';
import { quote } from '../phrases.ts';

const addressInName = /([a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,})/i;
const domainInName = /^[^@]*?\b([a-z0-9-]{2,}(?:\.[a-z0-9-]{2,})*\.(?:com|net|org|me|io|co|de|fr|br|com\.br|uk|co\.uk|info|biz|us|eu|app))$/;

export const detection: MailDetection = {
  id: 'sender.display-name-deception',
  title: 'Display name shows a different address',
  description: 'The display name contains an e-mail address other than the real sender ("support@paypal.com" <x@evil.example>), so the reader sees a trusted address that is not the sender.',
  category: 'sender',
  maxWeight: 25,
  references: ['https://attack.mitre.org/techniques/T1656/', 'https://www.rfc-editor.org/rfc/rfc5322#section-3.4'],
  falsePositives: ['Some systems put the original author\'s address in the name when relaying ("jane@example.com via Service").'],
  gaps: ['Names that imitate an address without an @ ("paypal.com support") are judged by the brand detection.'],
  evaluate(m) {
    const inName = addressInName.exec(m.fromName)?.[1]?.toLowerCase();
    if (!inName && m.fromAddress && m.fromRegistrable) {
      // a display name that is itself a domain name ("proton.me", "Easy Canvas.com") other than the sender's
      const shown = domainInName.exec(m.fromName.toLowerCase().replace(/\s+/g, ''))?.[1];
      const reg = shown ? registrableOf(shown) : null;
      if (shown && reg && reg !== m.fromRegistrable && !m.fromDomain?.endsWith(shown) && /\.[a-z]{2,}$/.test(reg)) {
        return [{ weight: 15, evidence: `display name ${quote(m.fromName)} shows the domain ${shown} but the message is from ${m.fromAddress}`, plain: `the sender's name shows ${shown}, but the message really comes from ${m.fromRegistrable}` }];
      }
    }
    if (!inName || !m.fromAddress || inName === m.fromAddress) return [];
    const nameDomain = inName.split('@')[1] ?? '';
    if (m.fromDomain && (nameDomain === m.fromDomain || nameDomain.endsWith('.' + m.fromDomain) || m.fromDomain.endsWith('.' + nameDomain))) return [];
    return [
      {
        weight: 20,
        evidence: `display name ${quote(m.fromName)} shows ${inName} but the message is from ${m.fromAddress}`,
        plain: `the sender's name shows the address ${inName}, but the message really comes from ${m.fromAddress}`,
      },
    ];
  },
  cases: [
    { name: 'paypal address in the name', kind: 'true-positive', fires: true, mail: { from: '"service@paypal.com" <noreply@evil.example.net>' } },
    { name: 'domain as the display name', kind: 'true-positive', fires: true, mail: { from: 'proton.me <support@tik.example-industries.com>' } },
    { name: 'ordinary name', kind: 'true-negative', fires: false, mail: { from: 'Jane Doe <jane@example.org>' } },
    { name: 'own address repeated in the name', kind: 'near-miss', fires: false, mail: { from: '"jane@example.org" <jane@example.org>' } },
  ],
};
