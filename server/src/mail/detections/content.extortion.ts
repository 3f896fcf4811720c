import type { MailDetection } from '../mail-detection.ts';
import { quote } from '../phrases.ts';

// Sextortion and "your device is hacked" blackmail: three moves, each in many wordings. Text is folded (lower case,
// accents removed). One move alone is common in ordinary mail (security news, a forwarded scam); the blackmail
// needs at least two of them.
const moves: Array<{ name: string; pattern: RegExp }> = [
  {
    name: 'claimed access',
    pattern:
      /\b(i|we) (have )?(hacked|infected|gained access to|got access to|have access to|installed (a )?(trojan|malware|virus|spyware|software) on) (your|ur|all your) (device|devices|computer|pc|phone|account|system|camera|webcam|e-?mail|operating system)\b|\b(your|ur) (device|computer|pc|phone|account|system|e-?mail) (has been|was|is) (hacked|compromised|infected)\b|\b(trojan|malware|spyware|virus)\b.{0,100}\b(camera|webcam|microphone|keylogger|private data)\b|\b(seu (dispositivo|computador)|ihr (gerat|computer)|votre (appareil|ordinateur)|su (dispositivo|ordenador)) (foi|wurde|a ete|ha sido) (hackeado|gehackt|pirate|infectado)\b/,
  },
  {
    name: 'shameful recording',
    pattern:
      /\b(porn|porno|pornographic|adult (web ?site|site|video)s?|xxx)\b.{0,200}\b(video|camera|webcam|record\w*|watch\w*)\b|\b(recorded|record(ing)?) (you|a video of you)\b|\b(compromising|intimate|explicit) (video|material|photos?|records?)\b|\b(send|share|forward|leak|publish) (the |this |that )?(video|recording|material)s? to (all )?(your )?(contacts|friends|family|colleagues)\b/,
  },
  {
    name: 'payment demand',
    pattern:
      /\b(transfer|send|pay)\b.{0,60}\b(in|via|using|to my) (bitcoin|btc|crypto|litecoin|usdt)\b|\b(bitcoin|btc) (address|wallet)\b|\b\d{2,3} hours? (after|to|since) (you )?(open|read)\w*\b|\bafter (you )?(open|read)\w* (this|my) (message|e-?mail|letter)\b/,
  },
];

export const detection: MailDetection = {
  id: 'content.extortion',
  title: 'Sextortion or "your device is hacked" blackmail',
  description:
    'Blackmail that claims access to the reader\'s device or account, a shameful recording, and demands payment in crypto-currency within hours: the sextortion scam. Two of the three moves are needed; all three weigh the most.',
  category: 'content',
  maxWeight: 40,
  references: ['https://www.fbi.gov/how-we-can-help-you/scams-and-safety/common-frauds-and-scams/sextortion', 'https://www.ncsc.gov.uk/guidance/sextortion-scams-how-to-protect-yourself'],
  falsePositives: ['Security awareness mail or news that quotes a sextortion message.'],
  gaps: ['Blackmail that names none of these moves plainly (only an image or a PDF); languages other than English for most moves.'],
  evaluate(m) {
    const found: Array<{ name: string; match: string }> = [];
    for (const mv of moves) {
      const hit = mv.pattern.exec(m.content);
      if (hit) found.push({ name: mv.name, match: hit[0] });
    }
    if (found.length < 2) return [];
    return [
      {
        weight: found.length >= 3 ? 40 : 30,
        evidence: `blackmail moves: ${found.map((f) => `${f.name} ${quote(f.match, 50)}`).join(', ')}`,
        plain: 'it is blackmail that claims to have hacked you and demands payment: a known scam, do not pay or reply',
      },
    ];
  },
  cases: [
    {
      name: 'trojan, recording and a bitcoin demand',
      kind: 'true-positive',
      fires: true,
      mail: {
        subject: 'See this',
        text: 'I attached a trojan on the web site with porno which you have viewed. My trojan captured all your private data and switched on your camera which recorded the act. Transfer 900 dollars in bitcoin. I give you 36 hours after you open my message.',
      },
    },
    { name: 'ordinary', kind: 'true-negative', fires: false, mail: { text: 'The camera module records at 30 fps; the driver is attached.' } },
    {
      name: 'security news about a hacked account',
      kind: 'near-miss',
      fires: false,
      mail: { text: 'Reminder: if your account has been compromised, change the password and tell the help desk. Never send money to anyone.' },
    },
  ],
};
