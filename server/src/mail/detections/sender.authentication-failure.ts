import type { DetectionHit, MailDetection } from '../mail-detection.ts';

/** The sender's domain is one of the tenant's own (internal mail). */
function isTenantDomain(domain: string | null, tenantDomains: readonly string[] | undefined): boolean {
  return domain !== null && (tenantDomains ?? []).some((d) => d.toLowerCase() === domain);
}

export const detection: MailDetection = {
  id: 'sender.authentication-failure',
  title: 'Sender authentication failed',
  description:
    "SPF, DKIM, DMARC and Microsoft's composite authentication as stamped by the receiving boundary (the topmost Authentication-Results header). A DMARC or compauth failure means the From domain was not proven; the combination with SPF failure is stronger. Messages with no authentication at all score a little.",
  category: 'sender',
  maxWeight: 40,
  references: ['https://www.rfc-editor.org/rfc/rfc8601', 'https://learn.microsoft.com/en-us/defender-office-365/message-headers-eop-mdo#authentication-results-message-header', 'https://attack.mitre.org/techniques/T1566/'],
  falsePositives: [
    'Mailing lists and forwarders that alter the message and break DKIM (a lone DKIM failure weighs little).',
    'Senders with broken SPF/DMARC set-up; compauth reason 905 (complex routing through another gateway) is ignored.',
  ],
  gaps: ["Internal mail (the tenant's own domains) with nothing stamped as passed is not scored: inside Exchange Online it is routinely unstamped.", 'Only the topmost header is trusted: when another gateway sits in front of Exchange Online its results are not read.', 'No verification is redone here (no DNS by design).'],
  evaluate(m, ctx) {
    const a = m.auth;
    if (!a) return [];
    const hits: DetectionHit[] = [];
    const shown = `spf=${a.spf ?? '-'} dkim=${a.dkim ?? '-'} dmarc=${a.dmarc ?? '-'}${a.compauth ? ` compauth=${a.compauth}${a.compauthReason ? ' reason=' + a.compauthReason : ''}` : ''}`;
    const spfBad = a.spf === 'fail' || a.spf === 'softfail';
    const compFail = a.compauth === 'fail' && a.compauthReason !== '905';
    const dmarcFail = a.dmarc === 'fail';
    const unauthenticated = a.spf !== 'pass' && a.dkim !== 'pass' && a.dmarc !== 'pass' && a.compauth !== 'pass';
    if (dmarcFail || compFail) {
      hits.push({
        weight: spfBad || (dmarcFail && compFail) ? 40 : 35,
        evidence: `authentication failed for ${a.headerFrom ?? m.fromDomain ?? 'the sender'}: ${shown}`,
        plain: `the message failed the checks that prove it really comes from ${m.fromDomain ?? 'its sender'}`,
      });
    } else if (spfBad && a.dkim !== 'pass') {
      hits.push({ weight: 15, evidence: `SPF ${a.spf} and no valid DKIM signature: ${shown}`, plain: `the server that sent the message is not allowed to send for ${m.fromDomain ?? 'its sender'}` });
    } else if (unauthenticated && (a.spf != null || a.dkim != null) && !isTenantDomain(m.fromDomain, ctx.tenantDomains)) {
      // A colleague's mail inside the tenant is not stamped the way outside mail is: "nothing passed" says nothing there.
      hits.push({ weight: 10, evidence: `no authentication passed: ${shown}`, plain: `nothing proves the message really comes from ${m.fromDomain ?? 'its sender'}` });
    } else if (a.dkim === 'fail' && a.spf !== 'pass' && a.dmarc !== 'pass') {
      hits.push({ weight: 5, evidence: `DKIM signature failed: ${shown}`, plain: `the message's signature does not match its content` });
    }
    return hits;
  },
  cases: [
    {
      name: 'Exchange Online compauth fail',
      kind: 'true-positive',
      fires: true,
      mail: { from: 'Bank <alerts@bank.example>', auth: 'spf=fail (sender IP is 203.0.113.9) smtp.mailfrom=bank.example; dkim=none (message not signed) header.d=none;dmarc=fail action=quarantine header.from=bank.example;compauth=fail reason=000' },
    },
    {
      name: 'all pass',
      kind: 'true-negative',
      fires: false,
      mail: { from: 'A <a@example.org>', auth: 'spf=pass smtp.mailfrom=example.org; dkim=pass header.d=example.org;dmarc=pass action=none header.from=example.org;compauth=pass reason=100' },
    },
    {
      name: "a colleague's internal mail with nothing stamped as passed",
      kind: 'near-miss',
      fires: false,
      context: { tenantDomains: ['contoso.com'] },
      mail: { from: 'Ana <ana@contoso.com>', auth: 'spf=none smtp.mailfrom=contoso.com; dkim=none; dmarc=none header.from=contoso.com' },
    },
    {
      name: 'complex routing (compauth 905) with SPF pass',
      kind: 'near-miss',
      fires: false,
      mail: { from: 'A <a@example.org>', auth: 'spf=pass smtp.mailfrom=example.org; dkim=none; dmarc=none action=none header.from=example.org;compauth=fail reason=905' },
    },
  ],
};
