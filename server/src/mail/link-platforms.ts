// Hosts whose role in a link matters: file sharing and document platforms, free site hosting, shorteners,
// open redirectors, TLDs abused far beyond their share, freemail. Data only.

/** Document and file-sharing services used as a stepping stone to a phishing page. */
export const fileSharingHosts: readonly string[] = [
  'docsend.com', 'prezi.com', 'dropbox.com', 'dropboxusercontent.com', 'db.tt', 'docs.google.com', 'drive.google.com',
  'forms.gle', 'sites.google.com', 'onedrive.live.com', '1drv.ms', 'sharepoint.com', 'docusign.net', 'docusign.com',
  'wetransfer.com', 'we.tl', 'box.com', 'app.box.com', 'mediafire.com', 'mega.nz', 'canva.com', 'notion.site',
  'sway.office.com', 'sway.cloud.microsoft', 'forms.office.com', 'forms.microsoft.com', 'adobe.ly',
  'acrobat.adobe.com', 'express.adobe.com', 'documentcloud.adobe.com', 'quip.com', 'scribd.com', 'issuu.com',
  'wixsite.com', 'smore.com', 'padlet.com', 'jotform.com', 'typeform.com', 'formstack.com', 'surveymonkey.com',
  'airtable.com', 'evernote.com', 'filetransfer.io', 'sendspace.com', 'gofile.io', 'transfernow.net',
  'smash.gg', 'fromsmash.com', 'zoho.com', 'zohopublic.com', 'paperturn-view.com', 'flipsnack.com', 'publuu.com',
  'heyzine.com', 'tinyurl.com/docs', 'sharefile.com', 'hightail.com', 'pcloud.link', 'icloud.com/iclouddrive',
];

/** Free hosting where anyone publishes a page under the platform's domain: phishing kits live here. */
export const freeHostingSuffixes: readonly string[] = [
  'firebaseapp.com', 'web.app', 'pages.dev', 'workers.dev', 'r2.dev', 'netlify.app', 'vercel.app', 'glitch.me',
  'herokuapp.com', 'github.io', 'gitlab.io', 'repl.co', 'replit.app', 'weebly.com', 'weeblysite.com', 'wixsite.com',
  'blogspot.com', 'webflow.io', 'square.site', 'godaddysites.com', 'mystrikingly.com', 'ipfs.io', 'dweb.link',
  'cloudflare-ipfs.com', 'fleek.co', 'on.fleek.co', 'azurewebsites.net', 'blob.core.windows.net', 'web.core.windows.net',
  'storage.googleapis.com', 'appspot.com', 's3.amazonaws.com', 'amazonaws.com', 'backblazeb2.com', '000webhostapp.com',
  'wcomhost.com', 'yolasite.com', 'jimdosite.com', 'site123.me', 'tiiny.site', 'surge.sh', 'render.com', 'onrender.com',
  'fly.dev', 'ngrok.io', 'ngrok-free.app', 'trycloudflare.com', 'zendesk.com', 'freshdesk.com', 'myshopify.com',
  'framer.website', 'framer.app', 'webwave.dev', 'carrd.co', 'crd.co', 'linktr.ee', 'start.page', 'wordpress.com',
];

export const shortenerHosts: readonly string[] = [
  'bit.ly', 'bitly.com', 'tinyurl.com', 'goo.gl', 't.co', 'ow.ly', 'is.gd', 'buff.ly', 'rebrand.ly', 'cutt.ly',
  'shorturl.at', 'rb.gy', 't.ly', 'tiny.cc', 'bl.ink', 'short.io', 'lnkd.in', 'qrco.de', 'v.gd', 'x.co', 's.id',
  'shorturl.asia', 'urlz.fr', 'tr.ee', 'qr.link', 'u.to', 'clck.ru', 'soo.gd', 'snip.ly', 'shrtco.de', 'bit.do', 'l.ead.me',
];

/** Query parameters that carry a full URL to go to next (open redirect pattern). */
export const redirectParameters: readonly string[] = ['url', 'u', 'q', 'redirect', 'redirect_uri', 'redirecturl', 'redir', 'target', 'dest', 'destination', 'next', 'continue', 'goto', 'link', 'out', 'to', 'r', 'returnurl', 'return'];

/** Known open redirectors abused in phishing (path prefix on a trusted host). */
export const knownRedirectors: readonly string[] = [
  'google.com/url', 'www.google.com/url', 'google.com/amp/', 'www.google.com/amp/', 'l.facebook.com/l.php', 'lm.facebook.com/l.php',
  'youtube.com/redirect', 'www.youtube.com/redirect', 'www.bing.com/ck/a', 'bing.com/ck/a', 'linkedin.com/slink',
  'www.linkedin.com/slink', 'away.vk.com/away.php', 't.me/iv', 'c.gle', 'clickserve.dartsearch.net/link/click',
  'ad.doubleclick.net/ddm/clk', 'adclick.g.doubleclick.net/aclk',
];

/** TLDs with phishing shares far above their share of legitimate mail (Spamhaus, Interisle reports). */
export const riskyTlds: ReadonlySet<string> = new Set([
  'xyz', 'top', 'click', 'life', 'live', 'shop', 'online', 'site', 'buzz', 'rest', 'icu', 'cfd', 'sbs', 'bond',
  'cyou', 'monster', 'quest', 'lat', 'fun', 'store', 'website', 'space', 'work', 'link', 'gq', 'ml', 'cf', 'ga', 'tk',
  'zip', 'mov', 'country', 'kim', 'men', 'loan', 'win', 'bid', 'review', 'stream', 'download', 'racing', 'date',
  'faith', 'party', 'trade', 'science', 'accountant', 'cricket', 'webcam', 'cam', 'beauty', 'hair', 'skin', 'makeup',
  'autos', 'boats', 'yachts', 'homes', 'motorcycles', 'mom', 'lol', 'pics', 'today', 'world', 'email', 'digital',
  'support', 'help', 'vip', 'asia', 'pw', 'su', 'ru.com', 'sa.com', 'us.com', 'za.com', 'it.com', 'br.com', 'cn.com',
]);

export const freemailDomains: ReadonlySet<string> = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'yahoo.com', 'yahoo.co.uk',
  'yahoo.fr', 'yahoo.com.br', 'ymail.com', 'aol.com', 'icloud.com', 'me.com', 'mail.com', 'gmx.com', 'gmx.de',
  'gmx.net', 'web.de', 'protonmail.com', 'proton.me', 'zoho.com', 'yandex.com', 'yandex.ru', 'mail.ru', 'qq.com',
  '163.com', '126.com', 'uol.com.br', 'bol.com.br', 'terra.com.br', 'libero.it', 'orange.fr', 'hotmail.fr',
  'hotmail.co.uk', 'outlook.fr', 'laposte.net', 'tutanota.com', 'seznam.cz', 'wp.pl', 'o2.pl', 'rediffmail.com',
  'inbox.com', 'usa.com', 'email.com', 'post.com', 'consultant.com', 'naver.com', 'daum.net', 'hanmail.net',
]);

/** True when `host` equals one of `list` or is a subdomain of it. Entries with a path match host + path prefix. */
export function hostMatches(list: readonly string[], host: string, path = ''): string | null {
  const hp = host + path;
  for (const e of list) {
    if (e.includes('/')) {
      if (hp.startsWith(e) || hp.startsWith('www.' + e)) return e;
    } else if (host === e || host.endsWith('.' + e)) return e;
  }
  return null;
}
