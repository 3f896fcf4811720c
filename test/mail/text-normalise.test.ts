// Text normalisation before the content detections: what it undoes, what it counts, what it leaves alone.
import { describe, expect, it } from 'vitest';
import { fold } from '../../server/src/mail/mail-features.ts';
import { normaliseText } from '../../server/src/mail/text-normalise.ts';

describe('normaliseText', () => {
  it('removes combining marks of other scripts from Latin letters and counts them', () => {
    const n = normaliseText('Co\u073fnfi\u073frmation');
    expect(n.text).toBe('Confirmation');
    expect(n.foreignMarks).toBe(2);
  });

  it('folds Cyrillic and Greek look-alikes inside Latin words only', () => {
    const n = normaliseText('\u0421\u043eurt \u0391ccount and \u041f\u0440\u0438\u0432\u0435\u0442');
    expect(n.text).toBe('Court Account and \u041f\u0440\u0438\u0432\u0435\u0442');
    expect(n.confusables).toBe(3);
  });

  it('removes zero-width characters and soft hyphens inside words', () => {
    const n = normaliseText('Pa\u200bss\u00adw\u2060ord');
    expect(n.text).toBe('Password');
    expect(n.invisible).toBe(3);
  });

  it('maps compatibility forms (mathematical bold, full width) to plain letters', () => {
    expect(normaliseText('\u{1D418}\u{1D40E}\u{1D414}\u{1D411} \uff26\uff55\uff4c\uff4c').text).toBe('YOUR Full');
  });

  it('keeps ordinary accented text unflagged (fold removes the accents as before)', () => {
    const n = normaliseText('Café naïve señor');
    expect(n.foreignMarks).toBe(0);
    expect(n.confusables).toBe(0);
    expect(fold('Café NAÏVE  señor')).toBe('cafe naive senor');
  });
});
