import { freeHostingSuffixes, hostMatches } from '../link-platforms.ts';
import type { MailDetection } from '../mail-detection.ts';

// Support desks send legitimately from their platform subdomains; only app/site hosting platforms count here.
const supportDesks = new Set(['zendesk.com', 'freshdesk.com']);

export const detection: MailDetection = {
  id: 'sender.platform-domain',
  title: 'Sender address on a free app or site hosting platform',
  description: 'The From domain is a subdomain of an app or site hosting platform (firebaseapp.com, web.app, pages.dev, herokuapp.com, …): anyone can create one in minutes, and real organisations do not send mail from them.',
  category: 'sender',
  maxWeight: 20,
  references: ['https://attack.mitre.org/techniques/T1583/006/', 'https://attack.mitre.org/techniques/T1608/005/'],
  falsePositives: ["Developers' test and notification mail from their own Firebase or Heroku apps."],
  gaps: ['Mail from compromised accounts on ordinary domains.'],
  evaluate(m) {
    if (!m.fromDomain) return [];
    const hit = hostMatches(freeHostingSuffixes, m.fromDomain);
    if (!hit || supportDesks.has(hit)) return [];
    return [{ weight: 20, evidence: `sender domain ${m.fromDomain} is on the hosting platform ${hit}`, plain: `the sender writes from a free hosting address (${m.fromDomain})` }];
  },
  cases: [
    { name: 'firebaseapp sender', kind: 'true-positive', fires: true, mail: { from: 'Zahlung <no-reply@manager-2-f801a.firebaseapp.com>' } },
    { name: 'ordinary domain', kind: 'true-negative', fires: false, mail: { from: 'A <a@example.org>' } },
    { name: 'support desk subdomain', kind: 'near-miss', fires: false, mail: { from: 'Support <support@example.zendesk.com>' } },
  ],
};
