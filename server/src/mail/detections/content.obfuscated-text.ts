import type { MailDetection } from '../mail-detection.ts';
import { quote } from '../phrases.ts';

const mathAlnum = /[\u{1D400}-\u{1D7FF}]/gu;
const combiningOverlay = /[a-z][\u0334-\u0338\u0336\u0335]/gi;
const zeroWidthInWord = /[a-z][\u200b\u200c\u200d\u2060\ufeff\u00ad][a-z]/gi;
// invisible Unicode tag characters and variation selectors after letters ("Tr\u{E0139}us\u{E0139}t"): invisible, but they break words for filters
const invisibleTagInWord = /[a-z][\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}]/giu;
// a word with both Latin letters and Cyrillic/Greek/Armenian/Cherokee look-alikes ("Соurt" with a Cyrillic С)
const mixedWord = /(?=[\p{L}]*[a-zA-Z])(?=[\p{L}]*[\u0370-\u03ff\u0400-\u04ff\u0530-\u058f\u13a0-\u13ff\u2160-\u217f])[\p{L}\u2160-\u217f]{3,}/gu;
// cheap pre-checks: any character of the families below at all
const suspiciousChars = /[\u0334-\u0338\u200b-\u200d\u2060\ufeff\u00ad\u0370-\u03ff\u0400-\u04ff\u0530-\u058f\u13a0-\u13ff\u2160-\u217f\u24b6-\u24e9\ud835\ud83c\udb40]/;
const otherScripts = /[\u0370-\u03ff\u0400-\u04ff\u0530-\u058f\u13a0-\u13ff\u2160-\u217f]/;
// capitals with a digit 0 for the letter O or a small l for the capital I ("C0NTA", "lTAUCARD", "WlN", "7O% off")
const swappedLookalike = /\b[A-Z]{1,}0[A-Z]{2,}\b|\b[A-Z]{2,}0[A-Z]+\b|\b[A-Z]{2,}l[A-Z]{2,}\b|\bl[A-Z]{4,}\b|\b[A-Z]l[A-Z]\b|\b[1-9]O ?%/;
// a random tag at the end of the subject or sender name (". SNVJB", "# dwbQGK", "..CCzt") that makes every copy unique
const hashBuster = /(?:[.#_]{1,}|\s{3,})\s*([A-Za-z0-9]{4,12})\s*\.?\s*$/;

function randomTag(field: string): string | null {
  const t = hashBuster.exec(field)?.[1];
  if (!t) return null;
  const letters = t.replace(/[0-9]/g, '');
  if (/[a-z]/.test(t) && /[A-Z]/.test(t) && !/^[A-Z][a-z]+$/.test(t)) return t;
  if (letters.length >= 4 && (letters.match(/[aeiouy]/gi)?.length ?? 0) / letters.length < 0.2) return t;
  if (/[A-Za-z]/.test(t) && /[0-9]/.test(t) && t.length >= 7) return t;
  return null;
}

const enclosed = /[\u{1F130}-\u{1F189}\u24B6-\u24E9]/gu;

function count(re: RegExp, s: string): number {
  return s.match(re)?.length ?? 0;
}

export const detection: MailDetection = {
  id: 'content.obfuscated-text',
  title: 'Text disguised to slip past filters',
  description:
    'Subject, sender name or body written in look-alike Unicode (mathematical bold letters 𝐘𝐎𝐔𝐑, strike-through overlays C̷a̷r̷, enclosed letters, Cyrillic or Greek letters inside Latin words), with zero-width characters inside words, or with combining marks of other scripts stacked on Latin letters ("Coܿnfiܿrmation"): the words read normally to people but not to keyword filters. The content detections read the text after undoing these tricks (text-normalise.ts); needing to undo them is the evidence here.',
  category: 'content',
  maxWeight: 35,
  references: ['https://www.unicode.org/reports/tr39/', 'https://attack.mitre.org/techniques/T1027/'],
  falsePositives: ['Stylised marketing subjects and signatures using Unicode "fonts".'],
  gaps: ['Hidden text made with CSS (font-size 0, white on white) is not measured.'],
  evaluate(m) {
    const visible = `${m.mail.subject ?? ''}\n${m.fromName}\n${(m.mail.htmlText || m.mail.text).slice(0, 20000)}`;
    const raw = `${m.mail.subject ?? ''}\n${m.fromName}\n${m.mail.html.slice(0, 200000)}${m.mail.text.slice(0, 20000)}`;
    const header = `${m.mail.subject ?? ''}\n${m.fromName}`;
    const swapped = swappedLookalike.exec(header)?.[0] ?? randomTag(m.mail.subject ?? '') ?? randomTag(m.fromName);
    // what normalising the text before the content detections had to undo (text-normalise.ts)
    const { foreignMarks, confusables } = m.normalisation;
    if (!suspiciousChars.test(raw) && foreignMarks < 3 && confusables < 3) {
      if (!swapped) return [];
      return [{ weight: 20, evidence: `look-alike swaps or a random tag in the subject or sender name (${quote(swapped)})`, plain: 'its subject or sender name is disguised (look-alike characters or a random tag), a trick to get past spam filters' }];
    }
    const math = count(mathAlnum, visible);
    const overlay = count(combiningOverlay, visible);
    const zw = count(zeroWidthInWord, raw) + count(invisibleTagInWord, raw);
    const enc = count(enclosed, visible);
    const mixed = !otherScripts.test(visible) ? 0 : (`${m.mail.subject ?? ''} ${m.fromName} ${(m.mail.htmlText || m.mail.text).slice(0, 5000)}`.match(mixedWord) ?? []).length;
    const found: string[] = [];
    if (math >= 4) found.push(`${math} mathematical-alphabet letters`);
    if (overlay >= 3) found.push(`${overlay} letters with strike-through overlays`);
    if (zw >= 5) found.push(`${zw} zero-width characters inside words`);
    if (enc >= 4) found.push(`${enc} enclosed letters`);
    if (swapped) found.push(`look-alike swaps or a random tag in the subject or sender name (${quote(swapped)})`);
    if (mixed >= 2) found.push(`${mixed} words mixing Latin with look-alike Cyrillic, Greek or Armenian letters`);
    else if (confusables >= 3) found.push(`${confusables} look-alike letters of other scripts inside Latin words`);
    if (foreignMarks >= 3) found.push(`${foreignMarks} combining marks of other scripts stacked on Latin letters`);
    if (found.length === 0) return [];
    const sample = (m.mail.subject ?? m.fromName).slice(0, 40);
    // letters from two scripts inside one word never happen by accident: that is deliberate deception
    const deliberate = mixed >= 2 || foreignMarks >= 3;
    return [{ weight: deliberate ? 35 : 20, evidence: `${found.join(', ')} (e.g. subject ${quote(sample)})`, plain: 'its text is written with disguised characters, a trick to get past spam filters' }];
  },
  cases: [
    { name: 'math bold subject', kind: 'true-positive', fires: true, mail: { subject: '𝐘𝐎𝐔𝐑 𝐏𝐇𝐎𝐓𝐎𝐒 𝐎𝐍 𝐂𝐀𝐍𝐕𝐀𝐒', text: 'Order now' } },
    { name: 'Cyrillic look-alikes inside Latin words', kind: 'true-positive', fires: true, mail: { subject: '\u0421\u043eurt System Case, N\u0435w D\u043e\u0441um\u0435nts', text: 'open' } },
    { name: 'invisible tag characters inside the sender name', kind: 'true-positive', fires: true, mail: { from: 'Tr\u{E0139}us\u{E0139}t\u{E0139} Wal\u{E0139}l\u{E0139}et <a@example.net>', subject: 'Verify your wallet', text: 'open' } },
    { name: 'digit zero for the letter O in a capitalised subject', kind: 'true-positive', fires: true, mail: { subject: 'HABILITE SUA C0NTA DE P0NT0S', text: 'open' } },
    { name: 'random tag after the subject', kind: 'true-positive', fires: true, mail: { subject: 'We tried to reach you. Please respond!     . SNVJB', text: 'open' } },
    { name: 'Syriac marks stacked on Latin letters', kind: 'true-positive', fires: true, mail: { subject: 'Coܿnfiܿrmation requiܿred', text: 'Your accoܿunt' } },
    { name: 'plain subject', kind: 'true-negative', fires: false, mail: { subject: 'Your photos on canvas', text: 'Order now' } },
    { name: 'device names with digits', kind: 'near-miss', fires: false, mail: { subject: 'B210 and X310 on UHD 4.0: GPIO0 and RFNoC', text: 'see attached' } },
    { name: 'board name in parentheses at the end', kind: 'near-miss', fires: false, mail: { subject: 'Exception in uhd_usrp_make (b205mini)', text: 'log attached' } },
    { name: 'accented words and a Russian sentence', kind: 'near-miss', fires: false, mail: { subject: 'Café naïve Ærø — Привет мир', text: 'À bientôt, señor' } },
    { name: 'one styled symbol', kind: 'near-miss', fires: false, mail: { subject: 'Results for 𝑥 = 3', text: 'see attached' } },
  ],
};
