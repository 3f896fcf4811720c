// shared/src/sentences.ts: narratives are split into whole sentences, never at the dots of addresses,
// domains, URLs or numbers (the held list and digests used to show fragments of such sentences).
import { describe, expect, it } from 'vitest';
import { firstSentences, splitSentences } from '../../shared/src/sentences.ts';

describe('splitSentences', () => {
  it.each<[string, string[]]>([
    [
      'Nobody at contoso.test has received mail from security-alert@micros0ft-verify.example before. The link goes to https://docsend-share.example/d/8f2k. Do not sign in.',
      ['Nobody at contoso.test has received mail from security-alert@micros0ft-verify.example before.', 'The link goes to https://docsend-share.example/d/8f2k.', 'Do not sign in.'],
    ],
    ['It scored 72.5 out of 100, above the 70.0 threshold! Is that right? Yes.', ['It scored 72.5 out of 100, above the 70.0 threshold!', 'Is that right?', 'Yes.']],
    ['The sender wrote "urgent." Then asked for a code.', ['The sender wrote "urgent."', 'Then asked for a code.']],
    ['No terminator at all from ana@contoso.test', ['No terminator at all from ana@contoso.test']],
    ['  Spaces   around.   Kept whole.  ', ['Spaces   around.', 'Kept whole.']],
    ['', []],
  ])('%s', (text, expected) => {
    expect(splitSentences(text)).toEqual(expected);
  });

  it('loses nothing: the sentences joined are the text', () => {
    const text = 'Mail from a.b@c.d.example (v2.1) arrived. Twice... Really?! ok';
    expect(splitSentences(text).join(' ')).toBe(text);
  });
});

describe('firstSentences', () => {
  const narrative = 'This message came from ana@contoso.test. It asks for a payment of 1.250,00 EUR. Check with Ana by phone.';
  it('keeps whole sentences, never fragments', () => {
    expect(firstSentences(narrative, 2, 400)).toBe('This message came from ana@contoso.test. It asks for a payment of 1.250,00 EUR.');
    expect(firstSentences(narrative, 2, 60)).toBe('This message came from ana@contoso.test.');
  });
  it('cuts an overlong first sentence at a word, with an ellipsis', () => {
    const out = firstSentences('word '.repeat(100).trim() + '.', 1, 50);
    expect(out.length).toBeLessThanOrEqual(50);
    expect(out.endsWith('word…')).toBe(true);
  });
});
