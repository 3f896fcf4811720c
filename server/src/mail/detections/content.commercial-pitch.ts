import type { MailDetection } from '../mail-detection.ts';
import { quote } from '../phrases.ts';

// Unsolicited sales pitches use a small repertoire: a discount, something free, a deadline, a buy/quote button,
// a money or health product. One of these is ordinary; several different ones together make a pitch.
// Patterns run on folded text (lower case, accents removed). Each family counts once.
const families: ReadonlyArray<readonly [string, RegExp]> = [
  ['discount', /\b(save|saving|savings of|discounts? of|economize|economia de|reduza|reducao de|desconto de|ahorra|sparen sie)\s*(up to |ate |até |bis zu )?\d{1,2}\s?%|\b\d{1,2}\s?% (off|korting|rabatt|de desconto|de descuento|de reduction|mais barat\w*|menores|cheaper|bonus)\b|\b(black friday|cyber monday|mega sale|flash sale|clearance sale|top-angebote|exklusives angebot|tabela promocional|proposta promocional|promocao|aanbieding|_?korting|best deals|gadget deals|deals tijdens)\b/],
  ['free offer', /\bfree\b[a-z ]{0,24}\b(shipping|delivery|quote|consultation|trial|gift|sample|capsules?|estimate|bonus|spins?|report|guide|kit)\b|\b(100% )?(gratis|gratuit(e|ement)?|kostenlos\w*|gratuitamente|de graca|freispiele)\b|\bno obligation\b|\bsem compromisso\b|\bkeine einzahlung\b/],
  ['deadline', /\b(limited[- ]time (offer|only|deal)?|for a limited time|today only|only today|just today|act (fast|now)|hurry( up)?|while (supplies|stocks?) last|(offer|this offer) (ends|expires)|ends (today|in one week|soon)|por tempo limitado|por tiempo limitado|nur heute|schnell zugreifen|beeil dich|ist begrenzt|alleen vandaag|pour une duree limitee|ultimas vagas|last chance|derniere chance|expirent bientot|pode acabar|nao perca|don'?t miss (this|out))\b/],
  ['call to buy', /\b(shop now|order now|buy now|get (your|a) (free )?(quote|offer|deal|discount)|request (your|a) (free )?[a-z ]{0,16}(quote|estimate|consultation)|schedule a free|take the quiz|see if you qualify|check (your )?eligibility|fix (it|your credit) now|faca (sua|uma) (cotacao|simulacao)|cote (online|agora)|quero (simular|cotar)|solicite (sua|uma) cotacao|receba (agora )?(sua|uma) cotacao|compre (ja|agora)|jetzt (bestellen|kaufen|bestatigen|einlosen|anfordern)|fordern sie .{0,40} an|bestel nu|reservez|profitez|participate now|claim (it )?now)\b/],
  ['money product', /\b(personal loans?|payday loans?|debt relief|credit score|fix your credit|financial freedom|emprestimos?|financiamentos?|taxa de juros|credito consignado|saque[- ]aniversario|fgts|prestamos?|interest rate of|investment (method|opportunity|plan|program)|investitionsprogramm|metodo de inversion|ultima inversion|investimentos? (seguros?|garantid\w*)|empresa de investimentos|passive income|renda extra|make money|(deposit|welcome) bonus|bonus (at|on) every deposit|casino|wagering|jackpot|betting|apostas?|forex|trading (bot|signals?)|droits cpf|financement cpf|bitcoin[- ]auszahlung|win (a |\$)\$?\d[\d,]{2,}|\$?toyota coins?|(claim|claiming) (your )?[a-z$ ]{0,20}tokens?|token (airdrop|distribution)|airdrop)\b/],
  ['health product', /\b(glp-?1|semaglutide|ozempic|weight loss|lose weight|fat burn\w*|strips away fat|keto|erectile|erection|erektion|erregung|mannlichkeit|potenz|viagra|cialis|blue pill|blauwe pil|orgasm\w*|libido|bedroom (boost|performance)|testosterone|medicare (kit|plan|benefits?)|life insurance|term life|health (insurance|plan) quote|plano de saude|planos de saude|seguro (auto|de vida)|cbd (oil|gumm\w*)|hair loss|anti-?aging|voetpijn|pain relief|medizinisches kit)\b/],
  ['dating lure', /\b(lustigen dates|mein profil und meine bilder|ondeugende (man|vrouw)|passionele vrouw|russische (vrouwen|meisjes|schoonheden?)|ukrainian beauties|beautes ukrainiennes|single (european|russian|ukrainian)? ?(girls?|women|ladies)|ready to mingle|hot (singles|women)|lonely (women|wives)|wil(len)? met (jou|je) chatten|18 jaar of ouder)\b/],
  // lead-generation bait of home, energy and pension schemes (subsidised solar panels and window frames, pension
  // gaps, mortgage and credit buy-backs, timeshare exits, lawn plans): added 2026-12-02 from the training side's misses
  ['home and energy bait', /\b(subsidie (voor|op)|subsidieregeling|government (grant|program|rebate)s?|maprimerenov|aides? (de l'etat|pour la (transition|renovation))|panneaux? solaires?( gratuits?)?|zonnepanelen|warmtepomp|free solar|solar (panels?|program)|energy (rebate|savings program)|energierekening|jaarkosten|pensioentekort|woningscan|kozijnen|rachat de credit|simulation (gratuite|de rachat)|hypotheekrente|timeshare|home title|lawn (care|plan))\b/],
  ['ad disclaimer', /\b(this is an advertisement|this is a marketing message|this is an advertising|the advertiser does not manage your subscription|unsubscribe from all email list by replying|(you may )?unsubscribe by clicking here\s?\.? ?or by writing to|esta e uma mensagem publicitaria|dies ist eine werbung)\b/],
  ['contact bait', /\b(we (have )?tried to (reach|contact) you|wir haben versucht,? sie zu erreichen|konnten wir sie bisher nicht erreichen|wij hebben geprobeerd u\W*te bereiken|nous avons essaye de vous (joindre|contacter)|tentamos (entrar em contato|contato)|bitte antworten|reageer alstublieft|(package|parcel|paket|pakket|encomenda|paquete|colis|item|shipment|sendung)\b.{0,80}\b(customs|zollgebuhr\w*|liefergebuhr|delivery fee|taxa|frais de|held|on hold|angehalten|pendiente))\b/],
];

const weightByCount = [0, 12, 35, 40];
// Discounts, free offers, deadlines, buy buttons and advertising lines are what every promotion people asked for is
// made of: on their own they make a promotion, not a threat. The other families (loans and investments, health
// products, dating, parcel-fee hooks) are what scams sell.
const ordinaryPromotion: ReadonlySet<string> = new Set(['discount', 'free offer', 'deadline', 'call to buy', 'ad disclaimer']);
// a promotion with only ordinary marks: never enough to act on alone, and nothing at all from an identifiable mass mailer
const promotionWeightByCount = [0, 12, 20, 25];

export const detection: MailDetection = {
  id: 'content.commercial-pitch',
  title: 'Unsolicited sales pitch',
  description:
    'Several different marks of an unsolicited sales pitch together: a percentage discount, something free, a deadline, a buy/quote button, a loan, investment, casino, health or dating product, home-improvement, energy or pension-scheme bait, an "this is an advertisement" line, a "we tried to reach you" or parcel-fee hook. Scam and spam campaigns mailed through reputable sending services pass authentication and carry no phishing link: what they say is the signal.',
  category: 'content',
  maxWeight: 40,
  references: ['https://consumer.ftc.gov/articles/how-recognize-and-report-spam-text-messages', 'https://www.ftc.gov/business-guidance/resources/can-spam-act-compliance-guide-business', 'https://attack.mitre.org/techniques/T1566/'],
  falsePositives: [
    'Marketing mail the recipient asked for (shops, airlines, insurers): a promotion made only of discounts, free offers, deadlines and buy buttons is never weighted enough to act on alone, and not at all when an identifiable mass mailer sent it (List-Unsubscribe, a sending platform).',
  ],
  gaps: ['Pitches carried only by an image; languages outside English, Portuguese, Spanish, French, German and Dutch.'],
  evaluate(m) {
    const found: Array<[string, string]> = [];
    for (const [name, re] of families) {
      const hit = re.exec(m.content);
      if (hit) found.push([name, hit[0].trim().slice(0, 60)]);
    }
    if (found.length === 0) return [];
    const promotionOnly = found.every(([name]) => ordinaryPromotion.has(name));
    if (promotionOnly && m.bulk.isBulk && !m.bulk.authFailed) return [];
    const table = promotionOnly ? promotionWeightByCount : weightByCount;
    const weight = table[Math.min(found.length, table.length - 1)] ?? 0;
    if (weight === 0) return [];
    return [
      {
        weight,
        evidence: `${promotionOnly ? 'an ordinary promotion, ' : ''}${found.length} marks of a sales pitch: ${found.map(([n, p]) => `${n} ${quote(p)}`).join(', ')}`,
        plain: promotionOnly ? `it is a promotion (${found.slice(0, 2).map(([, p]) => quote(p, 30)).join(', ')})` : `it reads like an unsolicited sales pitch (${found.slice(0, 2).map(([, p]) => quote(p, 30)).join(', ')})`,
      },
    ];
  },
  cases: [
    {
      name: 'loan pitch with a deadline',
      kind: 'true-positive',
      fires: true,
      mail: { from: 'Offers <deals@promo-mail.example>', subject: 'Personal loans approved today', text: 'Personal loans for everyone. Limited-time offer, apply now!' },
    },
    {
      name: 'discount, deadline and quote button',
      kind: 'true-positive',
      fires: true,
      mail: { from: 'Offers <deals@promo-mail.example>', subject: 'Save up to 40% on your plan', text: 'Limited-time offer! Get your free quote today and save up to 40%.' },
    },
    { name: 'technical question', kind: 'true-negative', fires: false, mail: { from: 'Dev <dev@example.org>', text: 'The B210 drops samples at 56 MS/s; CPU is at 100% on one core.' } },
    {
      name: 'a promotion from a mass mailer with an unsubscribe address',
      kind: 'near-miss',
      fires: false,
      mail: {
        from: 'Shop <news@shop.example.com>',
        returnPath: 'bounce-8812-alex@shop.example.com',
        headers: [{ name: 'List-Unsubscribe', value: '<mailto:leave-8812@shop.example.com>' }, { name: 'Precedence', value: 'bulk' }],
        subject: 'Save up to 40% this week',
        text: 'Limited-time offer! Save up to 40% on our plans. Shop now.',
      },
    },
    {
      name: 'free software release with a percentage',
      kind: 'near-miss',
      fires: false,
      mail: { from: 'Dev <dev@example.org>', text: 'The new release is free software and cuts latency by up to 30% on the X310.' },
    },
  ],
};
