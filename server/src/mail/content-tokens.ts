// Content tokens for the learned score: distinct words of the folded subject and body, with what would only identify
// where a corpus came from removed first (addresses, links, numbers and dates, the honeypot's and the mailing list's
// names) and with function words left out. The model may only learn positive weights for tokens (mail-model.ts), so a
// word can add suspicion but never buy trust.
import type { MailFeatures } from './mail-features.ts';

/** Longest body prefix read for tokens (the features' content is already bounded at 100 000 characters). */
const maxChars = 30_000;
const maxTokens = 2_000;

/**
 * Words that only name the sources of the evaluation corpus or their era: the honeypot's recipient (`phishing@pot`
 * and its spellings), the mailing list and its archive software, month and weekday names (dates).
 */
export const sourceArtifactTokens: ReadonlySet<string> = new Set(
  (
    'phishing pot phishingpot usrp ettus mailman listinfo lists list users pipermail digest ' +
    'january february march april may june july august september october november december ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun ' +
    'janeiro fevereiro marco abril maio junho julho agosto setembro outubro novembro dezembro ' +
    'segunda terca quarta quinta sexta sabado domingo feira ' +
    'enero febrero marzo mayo junio julio septiembre octubre noviembre diciembre lunes martes miercoles jueves viernes ' +
    'januar februar marz juni juli oktober dezember montag dienstag mittwoch donnerstag freitag samstag sonntag ' +
    'janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre lundi mardi mercredi jeudi vendredi samedi dimanche ' +
    'http https www html htm com net org gif jpg png mailto nbsp ' +
    // style sheets and markup that leak into text parts (templates of one era or one sender, not what a reader sees)
    'width height style font color px border align valign table td tr div span padding margin arial helvetica sans serif ' +
    'bgcolor cellpadding cellspacing href src img alt important display none block inline hotmail outlook readmsgbody externalclass ' +
    // unsubscribe footers: modern bulk mail says "emails", the 2002 commercial set says "e-mail"; the strongest
    // learned token was "emails" (CSS comments and footers of recent campaigns), an era marker, not a phishing sign
    'emails mails email mail unsubscribe unsubscribed replying newsletter ' +
    // looked at by hand among the strongest learned tokens (2026-12-02, second round): the rest of the unsubscribe
    // footer ("if you no longer wish to receive…", "click here to remove yourself", "this is not spam"), whose wording
    // differs between the corpus's eras and senders, and place or campaign names that one campaign repeats
    'remove removed longer wish spam austin art moment man black youtube mission warm'
  ).split(' '),
);

/** Function words in the corpus's languages (English, Portuguese, Spanish, French, German, Dutch): no signal, only language. */
export const stopTokens: ReadonlySet<string> = new Set(
  (
    'the and for are but not you your yours all any can had her was one our out has him his how its who did get may new now old see two way ' +
    'this that with from have they will would there their what about which when were been into than them then these some could other only ' +
    'also more very just over such here where after before because while should must might shall does done being each most both same ' +
    'para com por uma que nao mais como seu sua seus suas dos das nos nas pelo pela este esta isso esse essa voce voces ser tem foi ' +
    'los las del una con por para que mas como sus este esta ese esa usted ustedes ser tiene fue muy ' +
    'les des une pour que qui dans avec sur par pas plus vous votre vos est sont ete ces cette mais ' +
    'der die das und ist ein eine einen dem den des mit von auf fur nicht sie ihr ihre wir sind wird werden auch ' +
    'het een van voor met niet zijn wordt ook aan als bij door naar uit wij jij uw ' +
    // seen among the strongest learned tokens (2026-12-02): function words of languages the benign side lacks
    'dat dan ben alle wat wie hebt heeft heb kan kunt moet nog maar wel geen meer ons onze deze dit mijn jouw jullie hun ' +
    'auch aus bei bis dann dass dich dir doch durch euch habe haben hat hier ich ihm ihn ihnen kann kein keine mich mir nach noch nur oder ohne schon sehr sein seine sich uns unser unter vom vor weil wenn wer zum zur uber ' +
    'sob sobre apos entre pelos pelas aos num numa seja sao tambem ainda onde quando quem qual cada muito mesmo ' +
    'hasta desde cuando donde quien cual mucho mismo tambien aun ' +
    'aux avec elle ils leur meme nous ont sans ses son sur tout tous tres'
  ).split(' '),
);

const linkStart = /(?:https?:\/\/|www\.)\S/g;
const wordChar = /\w/;

/**
 * One run of non-space characters with what `/\S+@\S+|\b(?:https?:\/\/|www\.)\S+/g` would replace in it replaced by a
 * space: the whole run when it holds an '@' with a character on each side, else from the first link start that follows
 * a non-word character to the end of the run. That regular expression backtracks quadratically on long runs without
 * an '@' (markup, encoded blobs); this reads each run once.
 */
function withoutAddressOrLink(run: string): string {
  const at = run.indexOf('@', 1);
  if (at > 0 && at < run.length - 1) return ' ';
  if (!run.includes('http') && !run.includes('www.')) return run;
  linkStart.lastIndex = 0;
  for (let m = linkStart.exec(run); m; m = linkStart.exec(run)) {
    if (m.index === 0 || !wordChar.test(run[m.index - 1]!)) return m.index === 0 ? ' ' : run.slice(0, m.index) + ' ';
    linkStart.lastIndex = m.index + 1;
  }
  return run;
}

/** What `\s` matches (ECMAScript WhiteSpace and LineTerminator). */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * The text with e-mail addresses and links (each to the end of its run of non-space characters) replaced by a space.
 * Only the runs that hold an '@', 'http' or 'www.' are looked at: most words hold none.
 */
export function withoutAddressesOrLinks(text: string): string {
  let out = '';
  let copied = 0;
  let from = 0;
  let at = text.indexOf('@');
  let http = text.indexOf('http');
  let www = text.indexOf('www.');
  for (;;) {
    if (at >= 0 && at < from) at = text.indexOf('@', from);
    if (http >= 0 && http < from) http = text.indexOf('http', from);
    if (www >= 0 && www < from) www = text.indexOf('www.', from);
    const next = Math.min(at < 0 ? Infinity : at, http < 0 ? Infinity : http, www < 0 ? Infinity : www);
    if (next === Infinity) break;
    let start = next;
    while (start > from && !isSpace(text.charCodeAt(start - 1))) start--;
    let end = next;
    while (end < text.length && !isSpace(text.charCodeAt(end))) end++;
    const run = text.slice(start, end);
    const kept = withoutAddressOrLink(run);
    if (kept !== run) {
      out += text.slice(copied, start) + kept;
      copied = end;
    }
    from = end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

const word = /[a-z]+(?:['’][a-z]+)?/g;

/** Distinct tokens of a message's subject and body, sorted (deterministic). */
export function contentTokens(features: Pick<MailFeatures, 'content'>): string[] {
  const text = withoutAddressesOrLinks(features.content.slice(0, maxChars));
  const seen = new Set<string>();
  for (const m of text.matchAll(word)) {
    // a word glued to digits ("2002", "x310", "q3") is a number or a product code: dropped with the digits
    const before = text.charCodeAt((m.index ?? 0) - 1);
    const after = text.charCodeAt((m.index ?? 0) + m[0].length);
    if ((before >= 48 && before <= 57) || (after >= 48 && after <= 57)) continue;
    const t = m[0].replace(/['’]/g, '');
    if (t.length < 3 || t.length > 24 || stopTokens.has(t) || sourceArtifactTokens.has(t)) continue;
    seen.add(t);
    if (seen.size >= maxTokens) break;
  }
  return [...seen].sort();
}
