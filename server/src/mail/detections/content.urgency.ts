import type { MailDetection } from '../mail-detection.ts';
import { lurePatterns } from '../lure-lexicon.ts';
import { allMatches, quote } from '../phrases.ts';

const patterns: RegExp[] = [
  /\b(within|in the next|in) (24|48|12|72) ?(hours|hrs|h)\b|\bwithin (one|1|two|2) (hour|day)s?\b/,
  /\b(immediate(ly)?|urgent(ly)?|as soon as possible|right away|final (notice|warning|reminder)|last (chance|warning|notice|reminder)|act now|action required|expires? today|ending today|ends today|expiring (soon|today))\b/,
  /\b(failure to|if you (do not|don'?t|fail to)) (respond|comply|verify|confirm|update|act)/,
  /\b(urgente|imediatamente|hoje mesmo|ultimo aviso|ultima chance|expira(m)? hoje|expirando hoje|prazo final|em ate (24|48) horas|evite (a perda|o bloqueio|o cancelamento))\b/,
  /\b(urgent|immediatement|dernier (avis|rappel)|expire aujourd'?hui|dans les (24|48) heures)\b/,
  /\b(dringend|sofort|letzte (mahnung|warnung|chance)|endet heute|innerhalb von (24|48) stunden)\b/,
  /\b(urgente|inmediatamente|ultimo aviso|vence hoy|en las proximas (24|48) horas)\b/,
];

// and the lexicon's deadlines and threats in English, German, Dutch, French, Spanish, Portuguese and Italian
patterns.push(...lurePatterns.urgency);

export const detection: MailDetection = {
  id: 'content.urgency',
  title: 'Pressure to act now',
  description: 'Deadlines and threats that rush the reader ("within 24 hours", "final notice", "expires today", "failure to respond"), in several languages.',
  category: 'content',
  maxWeight: 15,
  references: ['https://www.cisa.gov/news-events/news/avoiding-social-engineering-and-phishing-attacks', 'https://attack.mitre.org/techniques/T1566/'],
  falsePositives: ['Genuine deadlines (conference submissions, sales ending today): weighted low on its own.'],
  gaps: ['Urgency expressed by tone rather than stock phrases.'],
  evaluate(m) {
    const found = allMatches(m.content, patterns, 3);
    if (found.length === 0) return [];
    return [{ weight: found.length >= 2 ? 12 : 7, evidence: `urgency phrases: ${found.map((f) => quote(f)).join(', ')}`, plain: `it pressures you to act quickly (${quote(found[0]!, 40)})` }];
  },
  cases: [
    { name: 'final notice within 24 hours', kind: 'true-positive', fires: true, mail: { subject: 'FINAL NOTICE', text: 'Respond within 24 hours or lose access.' } },
    { name: 'Italian deadline', kind: 'true-positive', fires: true, mail: { subject: 'Ultimo avviso', text: 'Rispondi entro 24 ore.' } },
    { name: 'calm mail', kind: 'true-negative', fires: false, mail: { text: 'Thanks for the logs, I will look at them next week.' } },
    { name: 'the word hours without a deadline', kind: 'near-miss', fires: false, mail: { text: 'The capture ran for 24 hours without overflows.' } },
  ],
};
