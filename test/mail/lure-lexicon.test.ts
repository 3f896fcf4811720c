// The lure lexicon composes phrases in seven languages; each language must catch its lures and leave ordinary text alone.
import { describe, expect, it } from 'vitest';
import { fold } from '../../server/src/mail/mail-features.ts';
import { lurePatterns, passwordWords, signInWords } from '../../server/src/mail/lure-lexicon.ts';

const any = (res: readonly RegExp[], text: string): boolean => res.some((r) => r.test(fold(text)));

describe('lure lexicon', () => {
  it.each([
    ['en', 'Please verify your account details today.', 'Your mailbox has been temporarily suspended.'],
    ['de', 'Bitte bestätigen Sie jetzt Ihr Konto.', 'Ihr Konto wurde vorübergehend gesperrt.'],
    ['nl', 'Bevestig uw gegevens.', 'Uw rekening is tijdelijk geblokkeerd.'],
    ['fr', 'Veuillez vérifier votre compte.', 'Votre compte a été suspendu.'],
    ['es', 'Verifique su cuenta hoy.', 'Su cuenta ha sido bloqueada.'],
    ['pt', 'Atualize seus dados cadastrais.', 'Sua conta foi bloqueada.'],
    ['it', 'Verifica il tuo account.', 'Il tuo account è stato sospeso.'],
  ])('%s: a credential ask and a restricted account', (_lang, ask, restricted) => {
    expect(any(lurePatterns.credentialAsk, ask)).toBe(true);
    expect(any(lurePatterns.restrictedAccount, restricted)).toBe(true);
  });

  it('leaves ordinary sentences alone', () => {
    for (const t of [
      'Secure wireless access to your corporate email with our new gateway.',
      'Update the driver; your B210 account of the bug was helpful.',
      'Your email address will be removed from this list if you unsubscribe.',
      'Het pakket is gisteren bezorgd.',
      'Wir haben die neue Version veröffentlicht.',
    ]) {
      expect(any(lurePatterns.credentialAsk, t), t).toBe(false);
      expect(any(lurePatterns.restrictedAccount, t), t).toBe(false);
      expect(any(lurePatterns.deliveryProblem, t), t).toBe(false);
    }
  });

  it('reads lures hidden with look-alike letters once the text is normalised', () => {
    expect(any(lurePatterns.restrictedAccount, 'Y\u043eur acc\u043eunt has been l\u043ecked')).toBe(true);
  });

  it('knows password and sign-in words across languages', () => {
    for (const w of ['password', 'passwort', 'wachtwoord', 'mot de passe', 'contrasena', 'senha', 'codice pin']) expect(passwordWords.test(w), w).toBe(true);
    for (const w of ['sign in', 'anmelden', 'inloggen', 'se connecter', 'iniciar sesion', 'entrar', 'accedi']) expect(signInWords.test(w), w).toBe(true);
    expect(passwordWords.test('search')).toBe(false);
    expect(signInWords.test('subscribe')).toBe(false);
  });
});
