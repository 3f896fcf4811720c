import type { MailDetection } from '../mail-detection.ts';
import { distinctMatches, quote } from '../phrases.ts';

const patterns: RegExp[] = [
  /\b(next of kin|beneficiary|inheritance|unclaimed (fund|funds|deposit|asset)s?|dormant account|late (client|husband|father))\b/,
  /\b(\d+(\.\d+)?|one|two|five|ten|fifteen|twenty) million (united states )?(us )?(dollars|usd|euros?|pounds)\b|\busd ?\$? ?\d{1,3}(,\d{3}){2,}\b|[$€£] ?\d{1,3}([,.]\d{3}){2,}([.,]\d+)? ?(usd|eur)?\b|\b(nicht eingeforderten|unclaimed|nao reclamad\w*|no reclamad\w*) (betrag|sum|amount|valor|monto|fundos)\b/,
  /\b(compensation|fund|funds|payment) (release|transfer|approval)\b|\b(atm|visa) card (worth|loaded)\b|\b(diplomat|consignment box|barrister|attorney at law|un ?(compensation|committee)|imf|world bank|federal bureau of investigation|fbi director)\b/,
  /\b(strictly confidential|utmost (confidentiality|secrecy)|mutual benefit|business proposal|partnership proposal)\b/,
  /\b(reply|respond|contact me) (to|at|via|on) (my|this) (private|personal|alternative) (e-?mail|email address)\b/,
  /\b(i am|my name is) (mrs?\.?|barrister|dr\.?|prince|general|captain)\b/,
  /\b(sou a sra\.?|sou o sr\.?|advogado pessoal|beneficiarios?|heranca|indenizacao|fundos recuperados|faleceu apos|morreu (de|em|apos))\b|\b(soy la sra\.?|herencia|beneficiario)\b|\b(je suis (mme|madame|m\.)|beneficiaire)\b/,
  /\b(loan|debt) (forgiveness|relief)\b.{0,80}\b(eligible|approved|case number)\b/,
];
const globalPatterns: RegExp[] = patterns.map((p) => new RegExp(p.source, p.flags + 'g'));

export const detection: MailDetection = {
  id: 'content.advance-fee',
  title: 'Advance-fee or inheritance scam',
  description: 'The "419" family: inheritances, unclaimed funds, compensation payments and millions to share for a fee, with requests for confidentiality or a private reply address.',
  category: 'content',
  maxWeight: 35,
  references: ['https://www.fbi.gov/how-we-can-help-you/scams-and-safety/common-frauds-and-scams/advance-fee-schemes', 'https://en.wikipedia.org/wiki/Advance-fee_scam'],
  falsePositives: ['Legal and estate correspondence; news about large sums.'],
  gaps: ['Romance and recovery scams that build up over several messages.'],
  evaluate(m) {
    // distinct phrases, not distinct patterns: no benign training message holds more than one (2026-12-02)
    const found = distinctMatches(m.content, globalPatterns, 4);
    if (found.length === 0) return [];
    const w = found.length >= 3 ? 35 : found.length === 2 ? 25 : 12;
    return [{ weight: w, evidence: `advance-fee phrases: ${found.map((f) => quote(f)).join(', ')}`, plain: `it reads like an inheritance or money-transfer scam (${quote(found[0]!, 40)})` }];
  },
  cases: [
    { name: 'inheritance', kind: 'true-positive', fires: true, mail: { text: 'I am Mrs. Laura, you are the beneficiary of 10.5 million dollars. Treat this with utmost confidentiality.' } },
    { name: 'ordinary', kind: 'true-negative', fires: false, mail: { text: 'The gain is 10 dB higher on channel B.' } },
    { name: 'sample rate in millions', kind: 'near-miss', fires: false, mail: { text: 'At 61.44 million samples per second the host drops packets.' } },
  ],
};
