import type { ParseShortfallKind } from '../parse-limits.ts';
import type { DetectionHit, MailDetection } from '../mail-detection.ts';

// A message past a parse bound is held whatever else it scores: the bound is the attacker's tool (pad the
// phishing part behind 1,000 MIME parts or a 1 MB header block and nothing behind it is seen). Data, not branches.
const shortfallWeight: Record<ParseShortfallKind, number> = { bytes: 100, parts: 100, 'header-bytes': 100, timeout: 100, structure: 100 };
// A body, the link list or the attachment list cut to its bound: what was cut was not checked.
const truncatedWeight = 35;

export const detection: MailDetection = {
  id: 'message.not-fully-checked',
  title: 'The message could not be fully checked',
  description:
    'The message went past a parse bound (size, MIME parts, header block size, parse time) or its MIME structure could not be read, so only part of it was scored: padding a lure past the parser\'s limits is a way to slip it through unchecked, so such a message is held. A body, link list or attachment list cut to its bound adds a smaller amount.',
  category: 'message',
  maxWeight: 100,
  references: [
    'https://attack.mitre.org/techniques/T1027/',
    'https://attack.mitre.org/techniques/T1566/',
    'https://www.rfc-editor.org/rfc/rfc2046#section-5.1',
  ],
  falsePositives: [
    'Very large legitimate mail (scanned documents over the size bound, mail merges with more than 1,000 parts, newsletters with more than 500 links); raise the bounds in ParseLimits when a tenant receives such mail.',
    'Mail whose MIME the parser cannot read for want of support rather than hostility.',
  ],
  gaps: [
    'What lies past the bound is not looked at at all: the verdict says "not checked", not "phishing".',
    'Messages Graph itself refuses to return are not seen here.',
  ],
  evaluate(m) {
    const hits: DetectionHit[] = [];
    for (const s of m.mail.shortfalls) {
      hits.push({
        weight: shortfallWeight[s.kind],
        evidence: `could not be fully checked: ${s.detail}`,
        plain: 'this message could not be checked in full (it goes past the limits of what Lantern reads, a trick used to hide phishing), so treat it with care',
      });
    }
    if (hits.length === 0 && m.mail.truncated) {
      hits.push({
        weight: truncatedWeight,
        evidence: 'could not be fully checked: a body, the link list or the attachment list was cut to its parse limit',
        plain: 'this message is too large to be checked in full, so treat it with care',
      });
    }
    return hits;
  },
  cases: [
    {
      name: 'padded past the MIME part limit',
      kind: 'true-positive',
      fires: true,
      mail: { from: 'IT <it@example.org>', text: 'Your mailbox is full', shortfalls: [{ kind: 'parts', detail: 'the message has at least 1,003 MIME parts, over the limit of 1,000' }] },
    },
    {
      name: 'links cut at the link limit',
      kind: 'true-positive',
      fires: true,
      mail: { from: 'News <news@example.org>', text: 'Weekly digest', truncated: true },
    },
    { name: 'ordinary message read in full', kind: 'true-negative', fires: false, mail: { from: 'Ana <ana@example.org>', text: 'Lunch at noon?' } },
    {
      name: 'a large message still inside every bound',
      kind: 'near-miss',
      fires: false,
      mail: { from: 'Ana <ana@example.org>', html: `<p>${'Minutes of the meeting. '.repeat(20_000)}</p>` },
    },
  ],
};
