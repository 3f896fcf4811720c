// Document and file-sharing platforms a message may claim to share through, with the registrable domains (or host
// suffixes) their shared links really use. Data only. Patterns run on folded text (lower case, accents removed).

export interface DocumentPlatform {
  name: string;
  pattern: RegExp;
  /** Registrable domains or host suffixes a genuine share link of this platform lives on. */
  domains: readonly string[];
}

const p = (name: string, pattern: RegExp, domains: readonly string[]): DocumentPlatform => ({ name, pattern, domains });

// Microsoft's platforms accept each other's hosts (a OneDrive share can open on sharepoint.com, office.com or live.com).
const microsoftDocs = ['sharepoint.com', 'onedrive.com', '1drv.ms', 'live.com', 'office.com', 'office365.com', 'microsoft.com', 'microsoftonline.com', 'cloud.microsoft', 'sway.office.com'];
const googleDocs = ['google.com', 'goo.gl', 'forms.gle', 'googleusercontent.com'];

export const documentPlatforms: readonly DocumentPlatform[] = [
  p('Prezi', /\bprezi\b/, ['prezi.com']),
  p('DocuSign', /\bdocu ?sign\b/, ['docusign.com', 'docusign.net']),
  p('SharePoint', /\bshare ?point\b/, microsoftDocs),
  p('OneDrive', /\bone ?drive\b/, microsoftDocs),
  p('Dropbox', /\bdropbox\b/, ['dropbox.com', 'db.tt', 'dropboxusercontent.com']),
  p('Google Docs', /\bgoogle (docs?|drive|sheets?|slides|forms?)\b/, googleDocs),
  p('Adobe', /\badobe( acrobat| sign| document cloud| pdf)?\b|\bacrobat (sign|reader)\b/, ['adobe.com', 'adobesign.com', 'acrobat.com', 'adobe.ly', 'echosign.com']),
  p('WeTransfer', /\bwe ?transfer\b/, ['wetransfer.com', 'we.tl']),
  p('Box', /\bbox\.com\b|\bbox (document|file|folder|share|notes)\b/, ['box.com', 'box.net', 'boxcloud.com']),
  p('DocSend', /\bdoc ?send\b/, ['docsend.com']),
];

/** The first platform named in folded `text`, or null. */
export function documentPlatformNamedIn(text: string): DocumentPlatform | null {
  for (const d of documentPlatforms) if (d.pattern.test(text)) return d;
  return null;
}

/** True when `host` (registrable `registrable`) belongs to the platform. */
export function isPlatformHost(platform: DocumentPlatform, host: string, registrable: string): boolean {
  return platform.domains.some((d) => registrable === d || host === d || host.endsWith('.' + d));
}
