import { describe, expect, it } from 'vitest';
import { lurePatterns } from '../../server/src/mail/lure-lexicon.ts';
import { mayMatch, requiredLiterals, TrigramIndex } from '../../server/src/mail/regex-prefilter.ts';
import { prng } from './prng.ts';

describe('requiredLiterals', () => {
  it('combines adjacent alternatives into the strings a match must contain', () => {
    expect(requiredLiterals(/\b(verify|confirm) (your|the) account/)).toEqual([['verify your account', 'verify the account', 'confirm your account', 'confirm the account']]);
  });

  it('keeps every required part of a sequence broken by a repetition', () => {
    expect(requiredLiterals(/\b(package|parcel)\b[^.!?]{0,80}?\b(not delivered|on hold)/)).toEqual([['package', 'parcel'], ['not delivered', 'on hold']]);
  });

  it('takes one set from each branch of an alternation, and nothing when a branch requires nothing', () => {
    expect(requiredLiterals(/\bwire (transfer|payment)|\bgift cards?\b/)).toEqual([['wire transfer', 'wire payment', 'gift cards', 'gift card']]);
    expect(requiredLiterals(/\bwire transfer|\d{6,}/)).toBeNull();
  });

  it('treats optional parts, lookarounds and classes as they match', () => {
    expect(requiredLiterals(/\bre-?activate(?= now)[.!]/)).toEqual([['re-activate.', 're-activate!', 'reactivate.', 'reactivate!']]);
    expect(requiredLiterals(/(a|b)*xyz/)).toEqual([['xyz']]);
  });

  it('says nothing about stateful, case-folding or unreadable expressions', () => {
    expect(requiredLiterals(/verify your account/g)).toBeNull();
    expect(requiredLiterals(/verify your account/i)).toBeNull();
    expect(requiredLiterals(/\k<x>(?<x>abc)/)).toBeNull();
  });
});

describe('mayMatch', () => {
  it('never rules out an expression that matches (generated text over the lure lexicon)', () => {
    const patterns = Object.values(lurePatterns).flat();
    const words = [...new Set(patterns.flatMap((p) => (requiredLiterals(p) ?? []).flat().flatMap((s) => s.split(' '))))];
    expect(words.length).toBeGreaterThan(50);
    const next = prng(17);
    let matched = 0;
    for (let i = 0; i < 300; i++) {
      const parts: string[] = [];
      while (parts.join(' ').length < 700) parts.push(next() < 0.7 ? words[Math.floor(next() * words.length)]! : ['your', 'account', 'the', '.', 'is', 'now'][Math.floor(next() * 6)]!);
      const text = parts.join(' ');
      for (const p of patterns) {
        const m = p.exec(text) !== null;
        if (m) {
          matched++;
          expect(mayMatch(p, text), `${p.source.slice(0, 60)} on ${text.slice(0, 60)}`).toBe(true);
        }
      }
    }
    expect(matched).toBeGreaterThan(100);
  });

  it('rules out an expression whose words are absent', () => {
    const text = 'the quarterly report on firmware builds and test results, nothing else. '.repeat(10);
    expect(mayMatch(/\b(verify|confirm) (your|the) account/, text)).toBe(false);
    expect(mayMatch(/\bfirmware builds\b/, text)).toBe(true);
  });
});

describe('TrigramIndex', () => {
  it('finds every substring of the text', () => {
    const text = 'Sua conta foi bloqueada — atualize seus dados';
    const index = new TrigramIndex(text);
    for (let i = 0; i + 3 <= text.length; i++) expect(index.mayContain(text.slice(i, i + 3 + (i % 5)))).toBe(true);
  });
});
