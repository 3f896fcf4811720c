// A minimal element tree parsed with sax in strict mode: enough to check a manifest, and it rejects
// anything that is not well-formed XML.
import sax from 'sax';

export interface XmlElement {
  /** Qualified name as written, e.g. "bt:Image". */
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
  line: number;
}

export class XmlSyntaxError extends Error {
  override readonly name = 'XmlSyntaxError';
}

export function parseXml(xml: string): XmlElement {
  const parser = sax.parser(true, { trim: false, normalize: false, xmlns: false, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let failure: Error | null = null;
  parser.onerror = (err) => {
    failure ??= new XmlSyntaxError(err.message.split('\n')[0] ?? 'malformed XML');
    parser.resume();
  };
  parser.onopentag = (node) => {
    const attributes: Record<string, string> = {};
    for (const [k, v] of Object.entries(node.attributes)) attributes[k] = typeof v === 'string' ? v : v.value;
    const el: XmlElement = { name: node.name, attributes, children: [], text: '', line: parser.line + 1 };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else if (root) failure ??= new XmlSyntaxError('more than one root element');
    else root = el;
    stack.push(el);
  };
  parser.onclosetag = () => {
    stack.pop();
  };
  parser.ontext = (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  };
  parser.oncdata = parser.ontext;
  parser.write(xml).close();
  if (failure) throw failure;
  if (!root) throw new XmlSyntaxError('no root element');
  return root;
}

/** Local name without the namespace prefix ("bt:Image" → "Image"). */
export function localName(el: XmlElement): string {
  const i = el.name.indexOf(':');
  return i < 0 ? el.name : el.name.slice(i + 1);
}

export function* walk(el: XmlElement, path: XmlElement[] = []): Generator<{ el: XmlElement; path: XmlElement[] }> {
  yield { el, path };
  for (const child of el.children) yield* walk(child, [...path, el]);
}
