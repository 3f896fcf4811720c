// Undoes the tricks that keep words from matching while they still read normally: compatibility forms (𝐘𝐎𝐔𝐑, Ⓐ,
// full-width letters), invisible characters inside words (zero-width spaces and joiners, soft hyphens, Unicode tags,
// variation selectors), combining marks stacked on Latin letters ("Coܿnfiܿrmation" with Syriac marks), and Cyrillic,
// Greek, Armenian or Cherokee look-alikes inside Latin words ("Сonfirm" with a Cyrillic С). Counts what it undid:
// needing it is itself evidence (content.obfuscated-text).

export interface Normalisation {
  text: string;
  /** Invisible characters removed from inside words. */
  invisible: number;
  /** Combining marks removed from Latin letters that are not accents of Latin languages (overlays, marks of other scripts). */
  foreignMarks: number;
  /** Look-alike letters of other scripts replaced inside words that also hold Latin letters. */
  confusables: number;
  /** Characters changed by compatibility normalisation (mathematical, enclosed, full-width forms). */
  compatibility: number;
}

const invisible = /[\u00ad\u034f\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufe00-\ufe0f]|\udb40[\udc00-\udc7f\udd00-\uddef]/g;

// look-alikes of Latin letters in other scripts (Unicode TR39 confusables, the common ones), as data
const confusableMap: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', ѕ: 's', і: 'i', ј: 'j', ԁ: 'd', һ: 'h', ӏ: 'l', ԛ: 'q', ԝ: 'w', ь: 'b', ү: 'y', ɡ: 'g',
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', У: 'Y', Х: 'X', Ѕ: 'S', І: 'I', Ј: 'J', Ԁ: 'D', Һ: 'H', Ӏ: 'I', Ԛ: 'Q', Ԝ: 'W',
  // Greek
  α: 'a', β: 'b', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', γ: 'y',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
  // Armenian
  օ: 'o', ս: 'u', հ: 'h', ո: 'n', ց: 'g', զ: 'q', ա: 'w',
  // Cherokee capitals
  Ꭺ: 'A', Ᏼ: 'B', Ꮯ: 'C', Ꭰ: 'D', Ꭼ: 'E', Ꮐ: 'G', Ꮋ: 'H', Ꭻ: 'J', Ꮶ: 'K', Ꮮ: 'L', Ꮇ: 'M', Ꮲ: 'P', Ꮢ: 'R', Ꮪ: 'S', Ꭲ: 'T', Ꮩ: 'V', Ꮃ: 'W', Ꮓ: 'Z',
  // Roman numerals and letter-like symbols
  'Ⅰ': 'I', 'Ⅴ': 'V', 'Ⅹ': 'X', 'Ⅼ': 'L', 'Ⅽ': 'C', 'Ⅾ': 'D', 'Ⅿ': 'M', 'ⅰ': 'i', 'ⅴ': 'v', 'ⅹ': 'x', 'ⅼ': 'l', 'ⅽ': 'c', 'ⅾ': 'd', 'ⅿ': 'm',
};
const confusableChars = new RegExp(`[${Object.keys(confusableMap).join('')}]`, 'u');
// a word (letters and marks) holding at least one Latin letter and one look-alike from another script
const wordWithLatin = /[\p{L}\p{M}\u2160-\u217f]+/gu;
const latinLetter = /\p{Script=Latin}/u;
// accents of Latin languages (the combining diacritical marks block) are ordinary after NFKD; other marks on Latin letters are not
const latinThenMarks = /(\p{Script=Latin})(\p{M}+)/gu;
const ordinaryAccents = /^[\u0300-\u0333\u0339-\u036f]+$/;
const foreignMark = /(?![\u0300-\u0333\u0339-\u036f])\p{M}/u;

// nothing to undo in plain ASCII, by far the most common text
const nonAscii = /[^\x00-\x7f]/;

export function normaliseText(input: string): Normalisation {
  if (!nonAscii.test(input)) return { text: input, invisible: 0, foreignMarks: 0, confusables: 0, compatibility: 0 };
  let invisibleCount = 0;
  let compatibility = 0;
  let s = input.replace(invisible, () => {
    invisibleCount++;
    return '';
  });
  // one decomposition serves all: compatibility forms become plain letters, accents and other marks come apart
  const nfd = s.normalize('NFD');
  const nfkd = s.normalize('NFKD');
  if (nfkd !== nfd) for (const c of nfd) if (c.charCodeAt(0) > 0x7f && c.normalize('NFKD') !== c) compatibility++;
  s = nfkd;
  let confusables = 0;
  if (confusableChars.test(s)) {
    s = s.replace(wordWithLatin, (w) => {
      if (!latinLetter.test(w) || !confusableChars.test(w)) return w;
      return [...w]
        .map((c) => {
          const r = confusableMap[c];
          if (r) confusables++;
          return r ?? c;
        })
        .join('');
    });
  }
  let foreignMarks = 0;
  if (foreignMark.test(s)) {
    s = s.replace(latinThenMarks, (_, letter: string, marks: string) => {
      foreignMarks += [...marks].filter((c) => !ordinaryAccents.test(c)).length;
      return letter;
    });
  }
  // accents (on any letter), as fold always removed them
  s = s.replace(/[\u0300-\u036f]/g, '');
  return { text: s, invisible: invisibleCount, foreignMarks, confusables, compatibility };
}
