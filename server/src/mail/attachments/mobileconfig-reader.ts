// Apple configuration profiles (.mobileconfig): XML property lists, often wrapped in a CMS signature. Installing
// one can add a root certificate, a VPN or proxy, an MDM enrolment or home-screen web clips: the payload types
// and the URLs they point to are what matters. The XML is found inside the signature by its markers.
import type { AttachmentFinding, AttachmentLink } from './attachment-content.ts';

export interface MobileconfigReading {
  text: string;
  links: AttachmentLink[];
  findings: AttachmentFinding[];
}

export function looksLikeMobileconfig(name: string, head: string): boolean {
  return /\.mobileconfig$/i.test(name) || (head.includes('<plist') && head.includes('PayloadType'));
}

const payloadMeaning: Record<string, string> = {
  'com.apple.security.root': 'installs a trusted root certificate',
  'com.apple.security.pem': 'installs a certificate',
  'com.apple.security.pkcs12': 'installs a certificate with its private key',
  'com.apple.mdm': 'enrols the device in remote management (MDM)',
  'com.apple.vpn.managed': 'sets up a VPN',
  'com.apple.proxy.http.global': 'routes web traffic through a proxy',
  'com.apple.webClip.managed': 'adds a web shortcut to the home screen',
  'com.apple.dnsSettings.managed': 'changes DNS settings',
  'com.apple.mail.managed': 'sets up a mail account',
  'com.apple.eas.account': 'sets up an Exchange account',
};

export function readMobileconfig(bytes: Buffer, path: string[], maxLinks: number): MobileconfigReading {
  const all = bytes.toString('utf8', 0, Math.min(bytes.length, 2_000_000));
  const start = all.indexOf('<?xml') !== -1 ? all.indexOf('<?xml') : all.indexOf('<plist');
  const end = all.indexOf('</plist>', Math.max(0, start));
  const xml = start === -1 ? '' : all.slice(start, end === -1 ? undefined : end + 8);
  const types = [...new Set([...xml.matchAll(/<key>\s*PayloadType\s*<\/key>\s*<string>\s*([^<]{1,200}?)\s*<\/string>/g)].map((m) => m[1]!))];
  const displayName = /<key>\s*PayloadDisplayName\s*<\/key>\s*<string>([^<]{0,200})<\/string>/.exec(xml)?.[1]?.trim() ?? '';
  const links: AttachmentLink[] = [];
  for (const m of xml.matchAll(/<key>\s*([A-Za-z]+)\s*<\/key>\s*<string>\s*(https?:\/\/[^<\s]{1,2000})\s*<\/string>/g)) {
    if (links.length >= maxLinks) break;
    if (!links.some((l) => l.href === m[2])) links.push({ href: m[2]!, text: '', origin: 'mobileconfig', where: m[1]!, path, container: 'configuration profile' });
  }
  const meanings = types.map((t) => payloadMeaning[t]).filter((t): t is string => !!t);
  const findings: AttachmentFinding[] = [
    {
      code: 'mobileconfig-profile',
      detail: `an Apple configuration profile${displayName ? ` '${displayName}'` : ''} with payloads ${types.slice(0, 8).join(', ') || '(none read)'}${meanings.length ? `: it ${meanings.slice(0, 3).join(', ')}` : ''}`,
      path,
    },
  ];
  return { text: displayName, links, findings };
}
