import { describe, expect, it } from 'vitest';
import { contentTokens, withoutAddressesOrLinks } from '../../server/src/mail/content-tokens.ts';
import { prng } from './prng.ts';

// The regular expression the linear scan replaces: the scan must remove exactly what it removed.
const reference = /\S+@\S+|\b(?:https?:\/\/|www\.)\S+/g;

describe('withoutAddressesOrLinks', () => {
  it('removes addresses and links as the reference expression does, on generated text', () => {
    const pieces = ['a', 'h', 't', 'p', 's', ':', '/', 'w', '.', '@', ' ', '\n', '_', '1', '-', 'é', '\u00a0', '\t', '\u2028', '\ufeff', '\u3000', '\u200b', '\u0085', 'x', 'http://', 'https://', 'www.', 'mailto:'];
    const next = prng(9);
    for (let i = 0; i < 20_000; i++) {
      let s = '';
      const n = Math.floor(next() * 24);
      for (let j = 0; j < n; j++) s += pieces[Math.floor(next() * pieces.length)];
      expect(withoutAddressesOrLinks(s), JSON.stringify(s)).toBe(s.replace(reference, ' '));
    }
  });

  it('keeps the words around an address or a link, and what precedes a link glued to a word', () => {
    expect(withoutAddressesOrLinks('write to ann@example.com or see https://example.com/a now')).toBe('write to   or see   now');
    expect(withoutAddressesOrLinks('(www.example.com) xhttp://a.b @lead trail@')).toBe('(  xhttp://a.b @lead trail@');
  });

  it('reads a long run without an address in linear time', () => {
    const blob = 'x'.repeat(200_000) + ' http://example.com/';
    const t0 = performance.now();
    expect(withoutAddressesOrLinks(blob)).toBe('x'.repeat(200_000) + '  ');
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('contentTokens', () => {
  it('drops addresses, links, numbers and function words', () => {
    expect(contentTokens({ content: 'verify your mailbox at https://evil.example/login or mail admin@evil.example 2002 x310 now' })).toEqual(['mailbox', 'verify']);
  });
});
