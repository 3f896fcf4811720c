import type { MailDetection } from '../mail-detection.ts';
import { lurePatterns } from '../lure-lexicon.ts';
import { allMatches, quote } from '../phrases.ts';

// Folded text: lower case, accents removed. English, Portuguese, Spanish, French, German, Dutch, Italian.
const patterns: RegExp[] = [
  /\b(verify|confirm|validate|update|re-?activate|restore|unlock|secure) (your|the) (account|identity|e-?mail|mailbox|password|login|credentials|details|information|wallet|payment (details|information|method)|billing)/,
  /\b(your|the) (account|mailbox|password|e-?mail|access|card|subscription|wallet)( has been| was| will be| is (being )?| is| got)? (suspended|locked|limited|restricted|disabled|deactivated|closed|blocked|compromised|on hold|terminated|expir\w*|deleted)/,
  /\bunusual (sign-?in|login|activity)|\bsuspicious (sign-?in|login|activity)|\bsomeone (tried|attempted) to (log|sign) ?in|\bnew sign-?in (to|on)\b|\b(sign|log) ?in attempt/,
  /\bpassword (will )?(expire|expires|expiring|expired|reset required)|\bmailbox (is )?(full|quota|storage)|\bstorage (is )?(full|almost full)|\bquota (exceeded|limit)|\bpending (incoming )?(messages|e-?mails)|\b(messages|e-?mails) (are )?(on hold|held|pending)/,
  /\b(log ?in|sign ?in) (to|into) (your|the) (account|mailbox|portal)|\bclick (here|below|the (link|button)) to (verify|confirm|validate|log ?in|sign ?in|update|unlock|restore|reactivate|keep)/,
  /\b(enter|provide|submit) your (password|credentials|login|card (number|details)|pin|seed phrase|recovery phrase)|\b(seed|recovery|secret) phrase\b/,
  /\b(sua conta|seu cartao|seu acesso|seu cadastro|seus dados)( foi| sera| esta| serao)? (bloquead|suspens|desativad|cancelad|expirad|limitad|atualizad|vencid|restrit)\w*/,
  /\b(atualize|confirme|valide|regularize|desbloqueie|verifique) (seus|sua|o seu|a sua|os seus) (dados|cadastro|conta|acesso|cartao|senha|informacoes)/,
  /\b(su cuenta|tu cuenta|su tarjeta)( ha sido| fue| sera| esta)? (bloquead|suspendid|desactivad|limitad|restringid)\w*|\b(verifique|confirme|actualice) (su|tu|sus) (cuenta|datos|informacion|identidad)/,
  /\b(votre compte|votre carte|votre acces|votre abonnement)( a ete| est| sera)? (suspendu|bloque|desactive|limite|restreint|expire)\w*|\b(verifiez|confirmez|mettez a jour) (votre|vos) (compte|identite|informations|coordonnees)/,
  /\b(ihr konto|ihre karte|ihr zugang)( wurde| ist| wird)? (gesperrt|eingeschrankt|deaktiviert|gekundigt|blockiert)|\b(bestatigen|verifizieren|aktualisieren) sie (ihr|ihre) (konto|daten|identitat|zahlungsdaten)/,
  /\b(a )?senha (da sua|do seu|de sua) (conta|caixa postal|e-?mail)\b.{0,40}\b(expir|venc|bloque)\w*|\bcaixa postal (esta )?(cheia|lotada)|\b(storage|mailbox) has reached its (limit|quota)/,
  /\b(bestatigen|verifizieren|aktualisieren) sie (jetzt )?(ihre|ihr) (angaben|daten|konto|identitat|zahlungsinformationen|kontoinformationen)|\bihr (konto|abonnement|passwort) (lauft|ist) (bald )?(ab|abgelaufen)\b/,
  /\b(connect|link|sync(hroni[sz]e)?|validate|verify) (your )?(crypto )?wallet\b|\bwallet (connect|synchroni[sz]ation|validation) (is )?required\b/,
  /\b(uw account|uw rekening)( is| wordt)? (geblokkeerd|opgeschort|beperkt)|\b(bevestig|verifieer) uw (account|gegevens|identiteit)/,
];

// the same lures composed from the lexicon in English, German, Dutch, French, Spanish, Portuguese and Italian:
// a verb near the reader's account noun, the reader's account noun near a restricted state, a claimed security event
patterns.push(...lurePatterns.credentialAsk, ...lurePatterns.restrictedAccount, ...lurePatterns.securityEvent);

export const detection: MailDetection = {
  id: 'content.credential-request',
  title: 'The message asks the reader to sign in or confirm account details',
  description:
    'Phrases that push the reader to verify, unlock or restore an account, or that claim a suspended account, unusual sign-in, expiring password or full mailbox: the lure of credential phishing, in English, German, Dutch, French, Spanish, Portuguese and Italian (phrases composed from the lure lexicon, lure-lexicon.ts).',
  category: 'content',
  maxWeight: 33,
  references: ['https://attack.mitre.org/techniques/T1566/002/', 'https://apwg.org/trendsreports/'],
  falsePositives: ['Real security notifications from services the user has (check the sender and the links).', 'IT announcements about password policy.'],
  gaps: ['Lures carried entirely in an image or a PDF are not read (no OCR).', 'Languages other than those listed.'],
  evaluate(m) {
    const found = allMatches(m.content, patterns, 3);
    if (found.length === 0) return [];
    // the ask plus somewhere else to do it: a link to a domain that is not the sender's
    const elsewhere = m.links.find((l) => l.registrable !== m.fromRegistrable);
    return [
      {
        weight: (found.length >= 2 ? 25 : 20) + (elsewhere ? 8 : 0),
        evidence: `credential lure phrases: ${found.map((f) => quote(f)).join(', ')}${elsewhere ? `, with a link to ${elsewhere.registrable}, not the sender's domain` : ''}`,
        plain: `it asks you to sign in or confirm your account (${quote(found[0]!, 50)})`,
      },
    ];
  },
  cases: [
    { name: 'mailbox verification', kind: 'true-positive', fires: true, mail: { subject: 'Action required', text: 'Your mailbox is full. Click here to verify your account or it will be suspended.' } },
    { name: 'Portuguese blocked account', kind: 'true-positive', fires: true, mail: { subject: 'Aviso', text: 'Sua conta foi bloqueada. Atualize seus dados agora.' } },
    { name: 'Italian suspended account', kind: 'true-positive', fires: true, mail: { subject: 'Avviso', text: 'Il tuo account è stato temporaneamente sospeso. Verifica i tuoi dati.' } },
    { name: 'Dutch verify your details', kind: 'true-positive', fires: true, mail: { subject: 'Melding', text: 'Controleer vandaag nog uw gegevens via de onderstaande knop.' } },
    { name: 'technical discussion', kind: 'true-negative', fires: false, mail: { subject: 'Re: B210 firmware', text: 'Can you verify the FPGA image version? I reflashed the EEPROM and it works.' } },
    { name: 'an update about the project, not the reader', kind: 'near-miss', fires: false, mail: { text: 'Please update the wiki page; our account manager confirmed the new build.' } },
    { name: 'the word account and password without the lure', kind: 'near-miss', fires: false, mail: { text: 'The account team meeting moved to 3pm; the wifi password is on the whiteboard.' } },
  ],
};
