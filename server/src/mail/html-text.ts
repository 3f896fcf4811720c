// Bounded, linear-time HTML helpers: no DOM, no regex that can backtrack on hostile input.

const named: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', copy: '©', reg: '®', hellip: '…',
  ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', zwnj: '', zwj: '', shy: '',
  eacute: 'é', egrave: 'è', agrave: 'à', aacute: 'á', atilde: 'ã', ccedil: 'ç', otilde: 'õ', oacute: 'ó',
  iacute: 'í', uacute: 'ú', ecirc: 'ê', ocirc: 'ô', acirc: 'â', uuml: 'ü', ouml: 'ö', auml: 'ä', szlig: 'ß',
  Eacute: 'É', Aacute: 'Á', Ccedil: 'Ç', euro: '€', pound: '£', bull: '•', middot: '·', trade: '™',
};

/** Decodes the HTML character references that matter for reading text and URLs. */
export function decodeHtmlEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});?/g, (m, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code < 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '';
      return String.fromCodePoint(code);
    }
    return named[body] ?? m;
  });
}

/** Removes every `<tag ...>...</tag>` block for the given tag names (style, script, head...), linear scan. */
function dropBlocks(html: string, lower: string, tags: string[]): { html: string; lower: string } {
  let out = '';
  let outLower = '';
  let pos = 0;
  // next occurrence of each tag, recomputed only once the scan has passed it (keeps the scan linear)
  const next = tags.map(() => -2);
  for (;;) {
    let best = -1;
    let bestTag = '';
    for (const [k, t] of tags.entries()) {
      if (next[k] === -2 || (next[k]! !== -1 && next[k]! < pos)) next[k] = lower.indexOf('<' + t, pos);
      const i = next[k]!;
      if (i !== -1 && (best === -1 || i < best)) {
        best = i;
        bestTag = t;
      }
    }
    if (best === -1) break;
    out += html.slice(pos, best);
    outLower += lower.slice(pos, best);
    if (bestTag === '!--') {
      const end = lower.indexOf('-->', best + 4);
      pos = end === -1 ? html.length : end + 3;
      continue;
    }
    const close = lower.indexOf('</' + bestTag, best);
    if (close === -1) {
      // an unclosed style/script: drop only the opening tag, keep the rest readable
      const gt = lower.indexOf('>', best);
      pos = gt === -1 ? html.length : gt + 1;
      continue;
    }
    const end = lower.indexOf('>', close);
    pos = end === -1 ? html.length : end + 1;
  }
  out += html.slice(pos);
  outLower += lower.slice(pos);
  return { html: out, lower: outLower };
}

/** Cheap visible text of a small HTML fragment (anchor contents): tags dropped, entities decoded, whitespace collapsed. */
export function fragmentText(html: string, maxChars: number): string {
  let out = '';
  let pos = 0;
  while (pos < html.length && out.length < maxChars * 2) {
    const lt = html.indexOf('<', pos);
    if (lt === -1) {
      out += html.slice(pos);
      break;
    }
    out += html.slice(pos, lt) + ' ';
    const gt = html.indexOf('>', lt);
    if (gt === -1) break;
    pos = gt + 1;
  }
  return decodeHtmlEntities(out).replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '').replace(/\s+/g, ' ').trim().slice(0, maxChars);
}

const blockTags = /^(br|p|div|tr|td|th|li|h[1-6]|table|section|article|blockquote|hr)$/;

/** The visible text of an HTML document: comments, styles, scripts and tags removed, entities decoded, whitespace collapsed. */
export function htmlToText(html: string, maxChars: number): string {
  const lower0 = html.toLowerCase();
  const { html: h, lower } = dropBlocks(html, lower0, ['style', 'script', 'title', '!--']);
  let out = '';
  let pos = 0;
  while (pos < h.length && out.length < maxChars) {
    const lt = h.indexOf('<', pos);
    if (lt === -1) {
      out += h.slice(pos);
      break;
    }
    out += h.slice(pos, lt);
    const gt = h.indexOf('>', lt);
    if (gt === -1) break;
    const m = /^<\/?([a-z0-9]+)/.exec(lower.slice(lt, Math.min(gt + 1, lt + 12)));
    if (m && m[1] && blockTags.test(m[1])) out += '\n';
    else out += ' ';
    pos = gt + 1;
  }
  return decodeHtmlEntities(out)
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
    .replace(/[ \t\r\f\v\u00a0]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim()
    .slice(0, maxChars);
}
