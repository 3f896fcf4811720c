import type { DetectionHit, MailDetection } from '../mail-detection.ts';

const powerful = /installs a trusted root certificate|remote management|VPN|proxy|DNS/;

export const detection: MailDetection = {
  id: 'attachment.configuration-profile',
  title: 'Apple configuration profile attached',
  description:
    'A .mobileconfig profile sent by mail. Installing it can trust an attacker\'s root certificate, enrol the device in their management server, route traffic through their VPN or proxy, or add web clips; legitimate profiles come from the organisation\'s device management, not from mail.',
  category: 'attachment',
  maxWeight: 40,
  references: ['https://attack.mitre.org/techniques/T1553/004/', 'https://support.apple.com/guide/deployment/intro-to-mdm-profiles-depc0aadd3fe/web'],
  falsePositives: ['Help desks that mail Wi-Fi or mail-account profiles to staff.'],
  gaps: ['Profiles inside archives; the CMS signature is not verified.'],
  evaluate(m) {
    const hits: DetectionHit[] = [];
    for (const a of m.mail.attachments) {
      for (const f of a.content?.findings ?? []) {
        if (f.code !== 'mobileconfig-profile') continue;
        const strong = powerful.test(f.detail);
        hits.push({
          weight: strong ? 40 : 25,
          evidence: `${f.path.join(' → ')}: ${f.detail}`,
          plain: `the attachment ${f.path.join(' → ')} is a device configuration profile${strong ? ' that would let the sender watch or control your device' : ''}`,
          attachments: [a.sha256],
        });
      }
    }
    return hits.slice(0, 1);
  },
  cases: [
    {
      name: 'root certificate profile',
      kind: 'true-positive',
      fires: true,
      mail: {
        attachments: [
          { name: 'update.mobileconfig', content: '<?xml version="1.0"?><plist version="1.0"><dict><key>PayloadContent</key><array><dict><key>PayloadType</key><string>com.apple.security.root</string></dict></array><key>PayloadType</key><string>Configuration</string></dict></plist>' },
        ],
      },
    },
    { name: 'ordinary XML attachment', kind: 'true-negative', fires: false, mail: { attachments: [{ name: 'data.xml', contentType: 'application/xml', content: '<?xml version="1.0"?><rows><row>1</row></rows>' }] } },
    { name: 'property list that is not a profile', kind: 'near-miss', fires: false, mail: { attachments: [{ name: 'Info.plist', contentType: 'application/xml', content: '<?xml version="1.0"?><plist version="1.0"><dict><key>CFBundleName</key><string>App</string></dict></plist>' }] } },
  ],
};
