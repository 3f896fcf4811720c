import type { DetectionHit, MailDetection } from '../mail-detection.ts';

const privateRange = /^(10\.|127\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.|::1$|fe80:|fc|fd)/;

export const detection: MailDetection = {
  id: 'link.ip-literal-host',
  title: 'Link to a bare IP address',
  description: 'A link whose host is an IP address instead of a domain name: legitimate services almost never send these to users.',
  category: 'link',
  maxWeight: 30,
  references: ['https://attack.mitre.org/techniques/T1566/002/', 'https://www.phishtank.com/faq.php'],
  falsePositives: ['Technical mail about devices on the local network (private addresses are ignored); monitoring alerts linking to a server by IP.'],
  gaps: ['Decimal and hexadecimal IP forms are normalised by the URL parser; IPv6 is covered, but not hosts that merely resolve to IPs.'],
  evaluate(m) {
    const hits: DetectionHit[] = [];
    for (const l of m.links) {
      if (!l.isIp || privateRange.test(l.host)) continue;
      hits.push({ weight: 25, evidence: `link to the IP address ${l.host}: ${l.url}`, plain: `a link leads to a bare internet address (${l.host}) instead of a named site`, links: [l.url] });
      break;
    }
    return hits;
  },
  cases: [
    { name: 'public IP', kind: 'true-positive', fires: true, mail: { from: 'A <a@example.org>', html: '<a href="http://45.13.22.7/owa/">Outlook</a>' } },
    { name: 'named host', kind: 'true-negative', fires: false, mail: { from: 'A <a@example.org>', text: 'http://example.org/x' } },
    { name: 'device on the LAN', kind: 'near-miss', fires: false, mail: { from: 'A <a@example.org>', text: 'open http://192.168.10.2/ to configure the radio' } },
  ],
};
