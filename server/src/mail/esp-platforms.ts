// Bulk-mail sending platforms (email service providers) and the domains of their own infrastructure: the domains
// they sign (DKIM d=), bounce (Return-Path) and send from, and the click-tracking domains they rewrite links
// through. Data only: extend freely. A domain matches itself and its subdomains.

export interface EspPlatform {
  name: string;
  /** Sending, signing and bounce domains of the platform. */
  sending: readonly string[];
  /** Click-tracking and hosted-content domains the platform rewrites links through. */
  tracking: readonly string[];
}

const p = (name: string, sending: string[], tracking: string[]): EspPlatform => ({ name, sending, tracking });

export const espPlatforms: readonly EspPlatform[] = [
  p('SendGrid', ['sendgrid.net', 'sendgrid.com'], ['sendgrid.net']),
  p('Mailchimp', ['mcsv.net', 'mcdlv.net', 'rsgsv.net', 'mailchimpapp.net', 'mailchimp.com', 'mandrillapp.com'], ['list-manage.com', 'mcusercontent.com', 'mailchi.mp', 'eepurl.com', 'mandrillapp.com']),
  p('Amazon SES', ['amazonses.com'], ['awstrack.me']),
  p('Salesforce Marketing Cloud', ['exacttarget.com', 'exct.net', 's4.exct.net', 'mc.salesforce.com'], ['exct.net', 'sfmc-content.com', 'exacttarget.com']),
  p('HubSpot', ['hubspotemail.net', 'hubspot.com', 'hubspotstarter.net'], ['hubspotlinks.com', 'hubspotemail.net', 'hs-sites.com', 'hubspot.com', 'hsforms.com']),
  p('Marketo', ['mktomail.com', 'mktdns.com', 'marketo.org'], ['mktoweb.com', 'marketo.com']),
  p('Constant Contact', ['constantcontact.com', 'ccsend.com', 'ctctcdn.com', 'in.constantcontact.com'], ['rs6.net', 'constantcontact.com', 'myemail.constantcontact.com']),
  p('Campaign Monitor', ['createsend.com', 'cmail1.com', 'cmail2.com', 'cmail19.com', 'cmail20.com'], ['createsend.com', 'createsend1.com', 'cmail19.com', 'cmail20.com']),
  p('Mailgun', ['mailgun.org', 'mailgun.net', 'mailgun.info'], ['mailgun.org']),
  p('SparkPost', ['sparkpostmail.com', 'sparkpostmail1.com', 'mail.sparkpost.com'], ['spgo.io', 'sparkpostmail.com']),
  p('Postmark', ['mtasv.net', 'postmarkapp.com'], ['pstmrk.it']),
  p('Klaviyo', ['klaviyomail.com', 'klaviyo.com', 'klaviyodns.com'], ['klclick.com', 'klclick1.com', 'klclick2.com', 'klclick3.com', 'klaviyo.com', 'klaviyomail.com']),
  p('Braze', ['braze.com', 'appboy.com'], ['braze.com', 'braze.eu']),
  p('Iterable', ['iterable.com'], ['iterable.com']),
  p('Customer.io', ['customeriomail.com', 'customer.io'], ['customeriomail.com']),
  p('Brevo (Sendinblue)', ['sendinblue.com', 'brevo.com', 'sendibt2.com', 'sendibt3.com', 'sendibm1.com', 'sendibm2.com', 'sender-sib.com'], ['sendibt2.com', 'sendibt3.com', 'brevo.com', 'sendinblue.com']),
  p('Mailjet', ['mailjet.com', 'mjt.lu'], ['mjt.lu', 'mailjet.com']),
  p('MailerLite', ['mailerlite.com', 'mlsend.com', 'mlsend2.com'], ['mailerlite.com', 'mlsend.com', 'mlsend2.com']),
  p('AWeber', ['aweber.com', 'aweber.net', 'aweber.email'], ['aweber.com']),
  p('GetResponse', ['getresponse.com', 'getresponse.net', 'gr-mail.com'], ['getresponse.com', 'gr-mail.com']),
  p('Zoho Campaigns', ['zcsend.net', 'zohocampaigns.com'], ['maillist-manage.com', 'zcsend.net', 'maillist-manage.eu']),
  p('Emarsys', ['emarsys.net', 'emarsys.com'], ['emarsys.net']),
  p('Oracle Responsys / Eloqua', ['oracleemaildelivery.com', 'rsys2.net', 'rsys5.net', 'eloqua.com', 'en25.com'], ['rsys2.net', 'rsys5.net', 'en25.com', 'eloqua.com']),
  p('Acoustic (Silverpop)', ['mkt41.net', 'mkt51.net', 'mkt61.net', 'mkt32.net', 'silverpop.com'], ['mkt41.net', 'mkt51.net', 'mkt61.net', 'mkt32.net']),
  p('Attentive', ['attentivemail.com'], ['attentivemail.com', 'attn.tv']),
  p('Omnisend', ['omnisend.com', 'omnisrv.com'], ['omnisrv.com', 'omnisend.com']),
  p('MoEngage', ['moengage.com'], ['moengage.com']),
  p('Substack', ['substack.com', 'mg1.substack.com'], ['substack.com', 'substackcdn.com']),
  p('beehiiv', ['beehiiv.com', 'mail.beehiiv.com'], ['beehiiv.com']),
  p('Cordial', ['cordial.io', 'cordial.com'], ['cordial.io']),
  p('Listrak', ['listrak.com', 'listrakbi.com'], ['listrak.com', 'listrakbi.com']),
  p('ActiveCampaign', ['acemsrvc.com', 'activecampaign.com'], ['activehosted.com', 'acemlna.com', 'acemlnb.com', 'acemlnc.com', 'acemlnd.com']),
  p('Lyris ListManager', ['lyris.net', 'lyris.com'], ['lyris.net']),
  p('iContact', ['icontact.com', 'icptrack.com'], ['icptrack.com', 'icontact.com']),
  p('VerticalResponse', ['vresp.com', 'verticalresponse.com'], ['vresp.com']),
];

/**
 * Bulk-mailing software as it names itself in X-Mailer or in the Received line of its own MTA: its presence says
 * the message was mass-mailed, not who sent it.
 */
export const bulkMailerSoftware: RegExp =
  /\b(accucast|listmanager|lyris|powermta|mailbeamer|mailchimp|mailjet|sendgrid|exacttarget|campaign monitor|constant contact|mailgun|sparkpost|strongmail|ecircle|cheetahmail|responsys|messagebus|interspire|sendy|mautic|phplist|acymailing|mailpoet|mailwizz|aspmail|listserv|majordomo|mailman|ezmlm|groupmail|everyone\.net|emailvision|dotdigital|selligent|experian|epsilon|silverpop|blueshift|sailthru|bronto|mailup)\b/i;

/** The platform whose sending or tracking infrastructure `registrable` (or `host`) belongs to, or null. */
export function espOf(host: string, kind: 'sending' | 'tracking' | 'any' = 'any'): EspPlatform | null {
  const h = host.toLowerCase();
  for (const e of espPlatforms) {
    const lists = kind === 'sending' ? [e.sending] : kind === 'tracking' ? [e.tracking] : [e.sending, e.tracking];
    for (const list of lists) for (const d of list) if (h === d || h.endsWith('.' + d)) return e;
  }
  return null;
}
