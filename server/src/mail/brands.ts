// Brands commonly impersonated in phishing, with the registrable domains they really send from and link to.
// Data, not logic: extend freely. `pattern` is matched against folded text (lower case, accents removed, digit
// look-alikes mapped: 0→o, 1→l, 3→e, 4→a, 5→s, 7→t) on word boundaries.

export interface Brand {
  name: string;
  pattern: RegExp;
  domains: string[];
}

const b = (name: string, pattern: RegExp, domains: string[]): Brand => ({ name, pattern, domains });

export const brands: readonly Brand[] = [
  b('Microsoft', /\b(microsoft|office ?365|outlook|onedrive|sharepoint|microsoft ?teams|ms ?teams)\b/, ['microsoft.com', 'office.com', 'office365.com', 'outlook.com', 'live.com', 'microsoftonline.com', 'sharepoint.com', 'onmicrosoft.com', 'azure.com', 'windows.net', 'msn.com', 'hotmail.com', 'skype.com', 'bing.com', 'microsoft365.com', 'onedrive.com', 'office.net', 'msauth.net', 'msftauth.net', 'microsoftstore.com', 'xbox.com', 'aka.ms', 'sfx.ms', 'live.net', 'outlook.office365.com', 'githubusercontent.com', 'github.com', 'linkedin.com']),
  b('PayPal', /\bpaypal\b/, ['paypal.com', 'paypal.me', 'paypalobjects.com', 'paypal-communication.com']),
  b('Apple', /\b(apple ?id|icloud|itunes|apple ?pay|apple support)\b/, ['apple.com', 'icloud.com', 'me.com', 'mzstatic.com']),
  b('Amazon', /\bamazon\b/, ['amazon.com', 'amazon.de', 'amazon.co.uk', 'amazon.fr', 'amazon.com.br', 'amazon.es', 'amazon.it', 'amazon.ca', 'amazon.co.jp', 'amazonses.com', 'amazonaws.com', 'media-amazon.com', 'a2z.com']),
  b('Netflix', /\bnetflix\b/, ['netflix.com', 'nflxext.com', 'nflximg.net', 'netflix.net']),
  b('Google', /\b(google|gmail|google drive|google docs)\b/, ['google.com', 'gmail.com', 'googleusercontent.com', 'gstatic.com', 'youtube.com', 'googlemail.com', 'withgoogle.com', 'goo.gl', 'googleapis.com', 'googlegroups.com', 'google.com.br']),
  b('Facebook', /\b(facebook|meta business|instagram|whatsapp)\b/, ['facebook.com', 'facebookmail.com', 'fb.com', 'meta.com', 'instagram.com', 'whatsapp.com', 'whatsapp.net', 'fbcdn.net']),
  b('LinkedIn', /\blinkedin\b/, ['linkedin.com', 'licdn.com']),
  b('DHL', /\bdhl\b/, ['dhl.com', 'dhl.de', 'dhl.fr', 'dpdhl.com', 'dhl.co.uk', 'dhlparcel.nl']),
  b('FedEx', /\bfedex\b/, ['fedex.com']),
  b('UPS', /\bups (delivery|package|parcel|shipment|express)\b|\bunited parcel service\b/, ['ups.com']),
  b('USPS', /\busps\b/, ['usps.com', 'usps.gov']),
  b('DocuSign', /\bdocu ?sign\b/, ['docusign.com', 'docusign.net']),
  b('Dropbox', /\bdropbox\b/, ['dropbox.com', 'dropboxmail.com', 'db.tt']),
  b('Adobe', /\badobe( sign| acrobat| document cloud)?\b/, ['adobe.com', 'adobesign.com', 'adobe.io', 'acrobat.com']),
  b('Wells Fargo', /\bwells ?fargo\b/, ['wellsfargo.com']),
  b('Chase', /\bchase (bank|online)\b|\bjp ?morgan\b/, ['chase.com', 'jpmorgan.com', 'jpmorganchase.com']),
  b('Bank of America', /\bbank of america\b/, ['bankofamerica.com', 'bofa.com']),
  b('American Express', /\bamerican express\b|\bamex\b/, ['americanexpress.com', 'aexp.com']),
  b('Coinbase', /\bcoinbase\b/, ['coinbase.com']),
  b('Binance', /\bbinance\b/, ['binance.com']),
  b('MetaMask', /\bmeta ?mask\b/, ['metamask.io']),
  b('Trust Wallet', /\btrust ?wallet\b/, ['trustwallet.com']),
  b('Ledger', /^ledger\b|\bledger (live|wallet|nano|support|team)\b|\bfrom ledger\b/, ['ledger.com']),
  b('Bradesco', /\bbradesco\b/, ['bradesco.com.br', 'bradesco']),
  b('Itaú', /\bitau\b/, ['itau.com.br', 'itau']),
  b('Santander', /\bsantander\b/, ['santander.com.br', 'santander.com', 'santander.co.uk', 'santander.de', 'santander.es']),
  b('Caixa', /\bcaixa( economica| tem)?\b/, ['caixa.gov.br']),
  b('Banco do Brasil', /\bbanco do brasil\b|\bbb cart(oe|o)es\b/, ['bb.com.br']),
  b('Nubank', /\bnubank\b/, ['nubank.com.br', 'nu.com.br']),
  b('Correios', /\bcorreios\b/, ['correios.com.br']),
  b('Mercado Livre', /\bmercado ?(livre|libre|pago)\b/, ['mercadolivre.com.br', 'mercadolibre.com', 'mercadopago.com', 'mercadopago.com.br']),
  b('Livelo', /\blivelo\b/, ['livelo.com.br']),
  b('Receita Federal', /\breceita federal\b/, ['gov.br']),
  b('Serasa', /\bserasa\b/, ['serasa.com.br', 'serasaexperian.com.br']),
  b('Magalu', /\bmagalu\b|\bmagazine luiza\b/, ['magazineluiza.com.br', 'magalu.com']),
  b('Spotify', /\bspotify\b/, ['spotify.com']),
  b('Steam', /\bsteam (support|community|wallet)\b/, ['steampowered.com', 'steamcommunity.com']),
  b('eBay', /\bebay\b/, ['ebay.com', 'ebay.de', 'ebay.co.uk']),
  b('Walmart', /\bwalmart\b/, ['walmart.com']),
  b('Costco', /\bcostco\b/, ['costco.com']),
  b("Lowe's", /\blowe'?s\b/, ['lowes.com']),
  b('Home Depot', /\bhome ?depot\b/, ['homedepot.com']),
  b('Norton', /\bnorton( 360| antivirus| lifelock)?\b/, ['norton.com', 'nortonlifelock.com', 'gen.digital']),
  b('McAfee', /\bmcafee\b/, ['mcafee.com']),
  b('Geek Squad', /\bgeek ?squad\b/, ['geeksquad.com', 'bestbuy.com']),
  b('AT&T', /\bat ?& ?t\b/, ['att.com', 'att.net']),
  b('Verizon', /\bverizon\b/, ['verizon.com', 'verizonwireless.com']),
  b('Comcast Xfinity', /\b(xfinity|comcast)\b/, ['xfinity.com', 'comcast.com', 'comcast.net']),
  b('IRS', /\binternal revenue service\b|\birs\b/, ['irs.gov']),
  b('HMRC', /\bhmrc\b/, ['gov.uk']),
  b('Booking.com', /\bbooking\.com\b/, ['booking.com']),
  b('Zoom', /\bzoom (meeting|video)\b/, ['zoom.us']),
  b('WeTransfer', /\bwe ?transfer\b/, ['wetransfer.com', 'we.tl']),
  b('Telekom', /\b(deutsche )?telekom\b/, ['telekom.de', 'telekom.com', 't-online.de']),
  b('Hilton', /\bhilton\b/, ['hilton.com', 'hiltonhonors.com']),
  b('State Farm', /\bstate ?farm\b/, ['statefarm.com']),
  b('UnitedHealthcare', /\bunited ?healthcare\b/, ['uhc.com', 'unitedhealthcare.com']),
  b('Tractor Supply', /\btractor supply\b/, ['tractorsupply.com']),
  b('Kohl\'s', /\bkohl'?s\b/, ['kohls.com']),
  b('Sam\'s Club', /\bsam'?s club\b/, ['samsclub.com']),
  b('Proton Mail', /\bproton ?(mail|account|\.me)\b/, ['proton.me', 'protonmail.com', 'protonmail.ch']),
  b('Ripple', /\b(ripple|xrp)\b/, ['ripple.com', 'xrpl.org']),
  b('Tether', /\btether\b|\busdt\b/, ['tether.to']),
  b('Temu', /\bt ?e ?m ?u\b/, ['temu.com']),
  b('Edeka', /\bedeka\b/, ['edeka.de']),
  b('MediaMarkt', /\bmedia ?markt\b/, ['mediamarkt.de', 'mediamarkt.com']),
  b('Kaufland', /\bkaufland\b/, ['kaufland.de']),
  b('Lidl', /\blidl\b/, ['lidl.de', 'lidl.com']),
  b('Aldi', /\baldi\b/, ['aldi.de', 'aldi-sued.de', 'aldi-nord.de', 'aldi.com']),
  b('Carrefour', /\bcarrefour\b/, ['carrefour.com', 'carrefour.fr', 'carrefour.es', 'carrefour.com.br']),
  b('GLS', /\bgls\b/, ['gls-group.eu', 'gls-group.com', 'gls.de']),
  b('HostGator', /\bhostgator\b/, ['hostgator.com', 'hostgator.com.br']),
  b('Swisscom', /\bswisscom\b/, ['swisscom.ch']),
  b('Crypto.com', /\bcrypto\.com\b/, ['crypto.com']),
  b('Uniswap', /\buniswap\b/, ['uniswap.org']),
  b('OpenSea', /\bopensea\b/, ['opensea.io']),
  b('Social Security Administration', /\bsocial security (administration|statement)\b/, ['ssa.gov']),
  b('SiriusXM', /\bsiriusxm\b/, ['siriusxm.com']),
  b('Prezi', /\bprezi\b/, ['prezi.com']),
  b('Webmail', /\b(web ?mail|mail ?box|e-?mail admin(istrator)?|it help ?desk|e-?mail support)\b/, []),
];

/** Lower case, accents removed, common digit look-alikes mapped, whitespace collapsed: what brand patterns match. */
export function foldForBrands(s: string): string {
  return s
    .replace(/(?<=[a-z])I(?=[a-z]|\b)/g, 'l')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/(?<=[a-z])[0](?=[a-z])/g, 'o')
    .replace(/(?<=[a-z])[1](?=[a-z])/g, 'l')
    .replace(/[_|]+/g, ' ')
    .replace(/\s+/g, ' ');
}

/** The brand a piece of text names, or null. */
export function brandNamedIn(text: string): Brand | null {
  const folded = foldForBrands(text);
  for (const brand of brands) if (brand.pattern.test(folded)) return brand;
  return null;
}

/** True when `registrable` (or a parent of `host`) is one of the brand's own domains. */
export function isBrandDomain(brand: Brand, registrable: string | null, host?: string | null): boolean {
  if (!registrable && !host) return false;
  return brand.domains.some((d) => d === registrable || (host != null && (host === d || host.endsWith('.' + d))));
}
