import type { MailDetection } from '../mail-detection.ts';
import { distinctMatches, quote } from '../phrases.ts';

const patterns: RegExp[] = [
  /\b(congratulations|congrats)\b.{0,80}\b(you('ve| have)? (won|been selected|been chosen)|winner|reward|prize|gift)/,
  /\b(claim|collect|redeem) (your|the|a) (free |exclusive |bonus )?(reward|prize|gift|bonus|airdrop|tokens?|winnings|points|voucher|coupon)/,
  /\byou('ve| have) (been selected|been chosen|won|received) (a|an|the|to)\b|\b(reward|gift|prize|bonus) (has|have) (arrived|been (sent|reserved|credited))/,
  /\b(airdrop|giveaway|free spins|lottery|sweepstakes?|jackpot)\b/,
  /\b(parabens|voce (foi|e o) (selecionad|ganhador|contemplad)\w*|resgate (seus|os|agora|ja)|seus pontos|pontos (expir|venc|disponiveis)\w*|premio|sorteio)\b/,
  /\b(felicitations|vous avez (gagne|ete selectionne)|cadeau (offert|gratuit)|gagnez)\b/,
  /\b(gluckwunsch|gewinnspiel|verlosung|gewinnen sie|gewonnen|freispiele|ihr gewinn|\w*gutschein im wert|sie wurden ausgew\w*|glucklicher gewinner|endteilnehmern)\b/,
  /\b(your )?(bitcoin|btc|crypto|usdt) (wallet|balance|account) (has been|was) (funded|credited)|\byou are now rich\b|\b(first|your) (bitcoin|crypto|btc) (payout|withdrawal|auszahlung)\b|\bclaim (instantly|now|via)\b/,
  /\b(gefeliciteerd|u heeft gewonnen|prijs|winnaar)\b|\b(felicidades|has ganado|usted ha ganado|premio)\b/,
];
const globalPatterns: RegExp[] = patterns.map((p) => new RegExp(p.source, p.flags + 'g'));

export const detection: MailDetection = {
  id: 'content.prize-scam',
  title: 'Prize, reward or giveaway lure',
  description: 'Promises of prizes, rewards, expiring loyalty points, airdrops and giveaways that lead to a form asking for card or wallet details.',
  category: 'content',
  maxWeight: 25,
  references: ['https://consumer.ftc.gov/articles/fake-prize-sweepstakes-and-lottery-scams', 'https://attack.mitre.org/techniques/T1566/'],
  falsePositives: ['Real loyalty programmes and marketing competitions the user signed up for.'],
  gaps: ['Lures only in images.'],
  evaluate(m) {
    // distinct phrases, not distinct patterns: no benign training message holds more than one (2026-12-02)
    const found = distinctMatches(m.content, globalPatterns, 3);
    if (found.length === 0) return [];
    return [{ weight: found.length >= 3 ? 25 : found.length === 2 ? 22 : 15, evidence: `prize or reward lure: ${found.map((f) => quote(f)).join(', ')}`, plain: `it promises a prize or reward (${quote(found[0]!, 40)})` }];
  },
  cases: [
    { name: 'claim your reward', kind: 'true-positive', fires: true, mail: { subject: 'Congratulations!', text: 'Congratulations, you have been selected! Claim your reward today.' } },
    {
      name: 'German raffle in several phrases',
      kind: 'true-positive',
      fires: true,
      mail: { subject: 'Wir bereiten Ihr Paket vor', text: 'Herzlichen Glückwunsch! Du hast gewonnen. Du bist ein glücklicher Gewinner, Preis jetzt einlösen.' },
    },
    { name: 'ordinary', kind: 'true-negative', fires: false, mail: { text: 'Attached is the schematic.' } },
    { name: 'thanks without a prize', kind: 'near-miss', fires: false, mail: { text: 'Congratulations on the new release, the RFNoC changes look great.' } },
  ],
};
