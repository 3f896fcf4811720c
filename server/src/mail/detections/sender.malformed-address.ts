import type { MailDetection } from '../mail-detection.ts';
import { parse as parseDomain } from 'tldts';

export const detection: MailDetection = {
  id: 'sender.malformed-address',
  title: 'Sender address is missing or not a real internet address',
  description:
    'The From header carries no usable address, or one whose domain has no public suffix ("contato@correios", "noreply@brand,de", "<undefined>"): no legitimate mail system sends like this, and replies or authentication cannot work.',
  category: 'sender',
  maxWeight: 30,
  references: ['https://www.rfc-editor.org/rfc/rfc5322#section-3.6.2', 'https://www.rfc-editor.org/rfc/rfc7489#section-6.6.1'],
  falsePositives: ['Internal systems on private domains (.local, .lan, .internal) relaying through the tenant: add those domains to context.tenantDomains.'],
  gaps: ['A syntactically valid address on an unregistered domain is not caught (no DNS lookups).'],
  evaluate(m, ctx) {
    const tenant = new Set((ctx.tenantDomains ?? []).map((d) => d.toLowerCase()));
    const address = m.fromAddress;
    if (m.mail.fromEntries > 1) {
      return [{ weight: 30, evidence: `the From header holds ${m.mail.fromEntries} entries (shown name split from the address ${address ?? '(none)'})`, plain: 'the sender line is deliberately malformed, a trick to show a name that does not match the address' }];
    }
    if (!address) return [{ weight: 30, evidence: 'the From header has no address', plain: 'the message has no sender address' }];
    if (!m.fromDomain) return [{ weight: 30, evidence: `From address '${address}' has no domain`, plain: `the sender address '${address}' is not a real address` }];
    if (tenant.has(m.fromDomain)) return [];
    const p = parseDomain(m.fromDomain);
    if (p.isIp || (p.domain && p.isIcann)) return [];
    return [{ weight: 30, evidence: `From domain '${m.fromDomain}' has no public suffix`, plain: `the sender address ${address} is not on a real internet domain` }];
  },
  cases: [
    { name: 'domain without suffix', kind: 'true-positive', fires: true, mail: { from: 'Correios <contato@correios>' } },
    { name: 'name-only entry before the address', kind: 'true-positive', fires: true, mail: { from: 'KundenService <service@example.de>', fromEntries: 2 } },
    { name: 'ordinary address', kind: 'true-negative', fires: false, mail: { from: 'A <a@example.org>' } },
    { name: 'internal relay domain listed as tenant', kind: 'near-miss', fires: false, context: { tenantDomains: ['corp.internal'] }, mail: { from: 'Printer <scan@corp.internal>' } },
  ],
};
