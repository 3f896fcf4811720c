import type { MailDetection } from '../mail-detection.ts';
import { allMatches, quote } from '../phrases.ts';

// Families of crypto-asset lures, each a different move of the same play: make the holder of a wallet type the
// wallet's secret into a page, or connect the wallet to a "claim" page that drains it. Text is folded (lower case,
// accents removed). One family is a hint (crypto newsletters exist); two or more are the lure.
const families: Array<{ name: string; pattern: RegExp }> = [
  {
    // the wallet's secret itself (recovery or seed phrase, private key): nobody legitimate ever asks for it
    name: 'recovery phrase',
    pattern: /\b(recovery|seed|secret|backup|mnemonic|keystore|wallet) (phrase|words)\b|\b(12|24|twelve|twenty-four)[- ](word|words)\b|\bprivate keys?\b|\b(frase (de recuperacao|semente|secreta)|wiederherstellungsphrase|phrase de recuperation|herstelzin)\b/,
  },
  {
    // a wallet maker or wallet app named (the brand the lure speaks for)
    name: 'wallet brand',
    pattern: /\b(trust ?wallet|ledger live|ledger (nano|hardware)|trezor|metamask|exodus( wallet)?|electrum( wallet)?|phantom wallet|coinbase wallet|blockchain\.com wallet)\b/,
  },
  {
    // the wallet must be verified, synchronised, connected or upgraded, or it is "at risk" / "not up to date"
    name: 'wallet action',
    pattern: /\b(verify|validate|synchroni[sz]e|sync|connect|link|upgrade|migrate|restore|secure|re-?activate|update|confirm) (you |your |the |an? )?(eligible |main |designated )?(crypto |web3(\.0)? |hardware |digital )?(wallet|ledger)\b|\bwallets? (has|have|is|are) (not|not yet|currently) (been )?(synchroni[sz]ed|verified|validated|updated|up to date|restricted)|\bwallets? that (are|is) not (up to date|verified|synchroni[sz]ed)\b|\b(cryptocurrency|crypto|digital) (assets?|wallets?|funds) (are|is) (currently )?(at risk|restricted|suspended|locked|frozen)\b|\bwallet (address|verification|validation|synchroni[sz]ation|migration|kyc|extension)\b|\bto your (designated |external )?(\w+ )?wallet\b/,
  },
  {
    // assets said to be waiting: withdrawals, exchange-bankruptcy distributions, allocations, a funded wallet
    name: 'assets waiting',
    pattern: /\b(withdraw\w*|claim\w*|retriev\w*|recover\w*|release) (your |their |of |the )?(digital|crypto(currency)?|btc|bitcoin|usdt|eth) (assets|funds|balance|holdings)\b|\b(bitcoin|btc|crypto|usdt|eth)[- ]?(auszahlung|withdrawal|payout)\b|\b(eligible|selected|approved) (client|user|holder|participant)s? (to|for) (begin |start )?(withdraw|claim)\w*|\baffected creditors?\b|\b(ftx|bittrex|celsius|blockfi|voyager)\b.{0,120}\b(bankruptcy|creditor|withdraw\w*|distribution)\b|\b(distribution|allocation) is now (available|open|live)\b|\bearly allocation\b|\bwallet has been (funded|credited)\b/,
  },
  {
    // free tokens, NFTs, airdrops, presales and staking rewards to claim
    name: 'token claim',
    pattern: /\b(claim|mint|grab) (your |a |the |their )?(free |exclusive |unique )?(\$?[a-z]+ )?(tokens?|nfts?|airdrop|coins|illuvials?)\b|\b(token|coin) (presale|pre-sale|airdrop)\b|\b\$[a-z]+ (token|presale|coins)\b|\bstaking (rewards?|program)\b|\b(stake|staking) your (\w+ )?(coins|tokens|crypto|xrp|eth|btc)\b|\b(glacier|token) drop\b/,
  },
];

export const detection: MailDetection = {
  id: 'content.crypto-lure',
  title: 'Crypto-wallet lure',
  description:
    'Lures aimed at crypto-asset holders: a wallet that must be verified, synchronised or upgraded, a recovery phrase to confirm, assets or an exchange-bankruptcy distribution waiting to be withdrawn, free tokens or NFTs to claim by connecting a wallet. Two different moves in one message are the lure; one alone is a hint.',
  category: 'content',
  maxWeight: 30,
  references: [
    'https://www.ledger.com/phishing-campaigns-status',
    'https://consumer.ftc.gov/articles/what-know-about-cryptocurrency-and-scams',
    'https://attack.mitre.org/techniques/T1566/',
  ],
  falsePositives: ['Newsletters of crypto exchanges and wallet makers the user subscribed to (a product update names a wallet and a token).'],
  gaps: ['Lures only in images; wallet brands named without any of these moves; languages other than English, German and Portuguese for most families.'],
  evaluate(m) {
    const found: Array<{ name: string; match: string }> = [];
    for (const f of families) {
      const [match] = allMatches(m.content, [f.pattern], 1);
      if (match) found.push({ name: f.name, match });
    }
    if (found.length === 0) return [];
    const weight = found.length >= 3 ? 30 : found.length === 2 ? 25 : 15;
    return [
      {
        weight,
        evidence: `crypto-wallet lure (${found.length} of ${families.length} moves): ${found.map((f) => `${f.name} ${quote(f.match)}`).join(', ')}`,
        plain: `it is after a crypto wallet (${found.map((f) => f.name).join(', ')})`,
      },
    ];
  },
  cases: [
    {
      name: 'wallet to verify with the recovery phrase',
      kind: 'true-positive',
      fires: true,
      mail: { subject: 'Trust Wallet', text: 'Dear user, your 12 words recovery phrase has not yet been verified. Verify your wallet on the page below or it will be restricted.' },
    },
    {
      name: 'exchange bankruptcy withdrawal',
      kind: 'true-positive',
      fires: true,
      mail: { subject: 'Case 01237: your assets are now available', text: 'You have been identified as an eligible client to begin withdrawing digital assets from your FTX account.' },
    },
    { name: 'ordinary', kind: 'true-negative', fires: false, mail: { text: 'The FPGA image is attached; please update the firmware before the test.' } },
    {
      name: 'a wallet and a phrase that are not crypto',
      kind: 'near-miss',
      fires: false,
      mail: { text: 'I left my wallet at the lab. The phrase "update the driver" in the manual means the UHD driver, and the backup of the config is on the share.' },
    },
  ],
};
