import type { MailDetection } from '../mail-detection.ts';
import { domainParts } from '../mail-features.ts';
import { randomLabelReason } from '../random-label.ts';

export const detection: MailDetection = {
  id: 'sender.random-looking-domain',
  title: 'Sender address looks machine-generated',
  description: 'The From domain, or the local part together with an unknown domain, looks generated ("q3u7u@1gody6s0zz.com", "hduovtyelmopjvy@fvnyklha0dj9sumus4fr.com"): bulk throw-away sending infrastructure.',
  category: 'sender',
  maxWeight: 25,
  references: ['https://unit42.paloaltonetworks.com/strategically-aged-domain-detection/', 'https://attack.mitre.org/techniques/T1583/001/'],
  falsePositives: ['Bounce and VERP addresses of mailing platforms (random local part on the platform\'s domain: only the domain is judged unless both look random).'],
  gaps: ['Pronounceable generated names are not caught.'],
  evaluate(m) {
    if (!m.fromDomain || !m.fromAddress) return [];
    const p = domainParts(m.fromDomain);
    const labels = m.fromDomain.slice(0, m.fromDomain.length - p.suffix.length).split('.').filter(Boolean);
    const single = labels.filter((l) => l.length === 1).length;
    if (single >= 4) {
      return [{ weight: 20, evidence: `sender domain ${m.fromDomain} is a chain of ${single} one-letter labels`, plain: `the sender's address ${m.fromAddress} looks randomly generated` }];
    }
    for (const label of labels) {
      const why = randomLabelReason(label);
      if (why) {
        return [{ weight: 20, evidence: `sender domain ${m.fromDomain}: '${label}' looks generated (${why})`, plain: `the sender's address ${m.fromAddress} looks randomly generated` }];
      }
    }
    return [];
  },
  cases: [
    { name: 'generated domain', kind: 'true-positive', fires: true, mail: { from: 'Hilton <q3u7u@1gody6s0zz.com>' } },
    { name: 'ordinary domain', kind: 'true-negative', fires: false, mail: { from: 'A <marcus@gmail.com>' } },
    { name: 'random local part on a known domain', kind: 'near-miss', fires: false, mail: { from: 'Notifications <bounce-x8d7f6s5a@mailer.example.com>' } },
  ],
};
