import { fragmentText } from '../html-text.ts';
import type { MailDetection } from '../mail-detection.ts';

const hiddenStyle = /style\s*=\s*["'][^"']*(display\s*:\s*none|font-size\s*:\s*0(px|pt|em)?\s*[;"']|visibility\s*:\s*hidden|opacity\s*:\s*0(\.0+)?\s*[;"']|max-height\s*:\s*0(px)?\s*[;"'][^"']*overflow\s*:\s*hidden)/i;

export const detection: MailDetection = {
  id: 'content.hidden-text',
  title: 'Invisible text stuffed into the message',
  description:
    'Blocks of text styled to be invisible (display:none, font-size 0, opacity 0, zero height): filters read them, people do not. Used to pad a lure with innocent words or to break up keywords.',
  category: 'content',
  maxWeight: 15,
  references: ['https://attack.mitre.org/techniques/T1027/', 'https://en.wikipedia.org/wiki/Spamdexing'],
  falsePositives: ['Newsletter "preheader" text hidden at the top (short: ignored below 300 characters in total).'],
  gaps: ['White-on-white text and text pushed off-screen with positioning are not measured.'],
  evaluate(m) {
    const html = m.mail.html;
    if (!html || !hiddenStyle.test(html.slice(0, 300_000))) return [];
    const lower = html.slice(0, 300_000).toLowerCase();
    let pos = 0;
    let hidden = 0;
    let blocks = 0;
    for (let n = 0; n < 500; n++) {
      const lt = lower.indexOf('<', pos);
      if (lt === -1) break;
      const gt = lower.indexOf('>', lt);
      if (gt === -1) break;
      pos = gt + 1;
      const tag = lower.slice(lt, Math.min(gt + 1, lt + 2000));
      const name = /^<([a-z][a-z0-9]*)/.exec(tag)?.[1];
      if (!name || !hiddenStyle.test(tag)) continue;
      const close = lower.indexOf(`</${name}`, gt);
      const inner = html.slice(gt + 1, close === -1 ? Math.min(html.length, gt + 2000) : Math.min(close, gt + 5000));
      const text = fragmentText(inner, 2000);
      if (text.length >= 20) {
        hidden += text.length;
        blocks++;
      }
      if (close !== -1) pos = Math.max(pos, close);
    }
    if (hidden < 300) return [];
    return [{ weight: 15, evidence: `${hidden} characters of invisible text in ${blocks} hidden block(s)`, plain: 'it hides text you cannot see, a trick to fool mail filters' }];
  },
  cases: [
    {
      name: 'salted lure',
      kind: 'true-positive',
      fires: true,
      mail: { html: `<p>Your parcel is waiting</p><div style="display:none">${'weather garden holiday recipe football '.repeat(12)}</div><a href="https://x.example.net">Track</a>` },
    },
    { name: 'no hidden text', kind: 'true-negative', fires: false, mail: { html: '<p>See the attached log.</p>' } },
    { name: 'short preheader', kind: 'near-miss', fires: false, mail: { html: '<span style="display:none">Our November news: new firmware and a webinar</span><p>Hello</p>' } },
  ],
};
