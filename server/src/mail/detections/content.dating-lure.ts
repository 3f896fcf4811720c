import type { MailDetection } from '../mail-detection.ts';
import { allMatches, quote } from '../phrases.ts';

const patterns: RegExp[] = [
  /\b(lonely|single|hot|beautiful|attractive|sexy|horny|naughty) (ukrainian|russian|asian|latina|local)? ?(women|girls|ladies|beauties|singles|milfs)\b/,
  /\b(wants to|want to|would like to) (chat|meet|date|hook ?up) (with )?you\b|\b(she|he) (sent|unlocked|shared) (you )?(a |her |his )?(photo|picture|private|message)s?\b/,
  /\b(friend request|looking for (your )?friendship|my dear|minha querida|meu querido|sweetheart|honey,)\b/,
  /\b(filles ukrainiennes|rendez-vous (chaud|coquin)|femmes (seules|russes))\b|\b(nackte frauen|heisse (frauen|girls)|singles in deiner nahe|sucht? du nach (lustigen )?dates|ihr date)\b|\b(russische schoonheden|vrouwen willen)\b/,
  /\b(sexo|mulheres solteiras|encontro (casual|picante))\b/,
  // added 2026-12-02 from the training side's misses: adult solicitation, 'seeking a partner' openers and profile bait
  // in Dutch, German and English (see docs/mail-evaluation.md)
  /\b(sexy|seks|sexdates?|sex gods?|erotic\w*|erotik\w*|erotisch\w*|horny|geile?|ondeugende?|stoute|flirt(en|ing|y|e|t)?|fantase\w*|fantasieen|verlangens|verleiding|nackt\w*|naakt|i miss your body|lustful|hot (singles|girls|women|moms?))\b/,
  /\b(ik )?(zoek|zoekt|suche|sucht|cherche) (een|eine?n?|une?) (man|vrouw|frau|mann|femme|homme|partner)\b|\b(looking for|op zoek naar|auf der suche nach) (a |een |einen |eine )?(man|woman|vrouw|frau|mann|partner|serious relationship|serieuze relatie|relationship|date)\b|\b(ware liefde|liefde van je leven|love of your life|frau furs leben)\b/,
  /\b(russische|ukrainische|oekraiense|russian|ukrainian|asian|latina|local|lonely|single) (singles|women|girls|vrouwen|meisjes|frauen|dames|braute|bruiden|beauties|schoonheden|ladies|moms|wives)\b|\b\d{2} (jahre?|jaar|years) (alt|oud|old)\b.{0,40}\b(fotos|photos|foto|profil|profile|bilder)\b|\bprivate (fotos|photos|foto's|bilder)\b|\b(nieuw|new|neue) (persoonlijk|private|personal|prive|private) (bericht|message|nachricht)\b|\b(hat|heeft) (dir|je|jou|u) (eine nachricht|een bericht)|\b(miles|km) (from|away from) you\b|\bsingles (in (je|deiner|your) (buurt|nahe|area)|near you|wachten)\b/,
];

export const detection: MailDetection = {
  id: 'content.dating-lure',
  title: 'Dating or romance lure',
  description: 'Unsolicited dating, adult and "friendship" openers: the first step of romance and sextortion scams and of malicious adult-site funnels.',
  category: 'content',
  maxWeight: 20,
  references: ['https://consumer.ftc.gov/articles/what-know-about-romance-scams', 'https://www.fbi.gov/how-we-can-help-you/scams-and-safety/common-frauds-and-scams/romance-scams'],
  falsePositives: ['Mail from dating services the user subscribed to.'],
  gaps: ['Slow-burn romance scams whose first message is ordinary small talk.'],
  evaluate(m) {
    const found = allMatches(m.content, patterns, 3);
    if (found.length === 0) return [];
    return [{ weight: found.length >= 2 ? 20 : 15, evidence: `dating-lure phrases: ${found.map((f) => quote(f)).join(', ')}`, plain: 'it is an unsolicited dating or "friendship" approach, a common start of romance scams' }];
  },
  cases: [
    { name: 'hot women want to chat', kind: 'true-positive', fires: true, mail: { subject: 'Hot Russian Women Want To Chat With You!', text: 'Click to see her profile' } },
    {
      name: 'Dutch adult solicitation',
      kind: 'true-positive',
      fires: true,
      mail: { subject: 'Ik zoek een ondeugende man', text: 'Ik ben een passionele vrouw die houdt van spanning. Ondeugende singles wachten al op jou.' },
    },
    { name: 'ordinary', kind: 'true-negative', fires: false, mail: { text: 'The women in engineering meetup is on Tuesday.' } },
    { name: 'friendship in another sense', kind: 'near-miss', fires: false, mail: { text: 'Thanks for your help, dear colleague, and for the long friendship of our labs.' } },
  ],
};
