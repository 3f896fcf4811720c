// The project's own offline check of manifest.xml (`office-addin-manifest validate` needs the internet for
// XML manifests). It checks what breaks sideloading in practice: well-formedness, required elements in the
// schema's order, resource ids that resolve to the right kind of resource, https URLs and unique ids.
import { localName, parseXml, walk, type XmlElement } from './xml-tree.ts';

export interface ManifestProblem {
  line: number;
  message: string;
}

/** OfficeApp children for a MailApp, in schema order; `required` ones must be present. */
const OFFICE_APP_ORDER: { name: string; required: boolean }[] = [
  { name: 'Id', required: true },
  { name: 'AlternateId', required: false },
  { name: 'Version', required: true },
  { name: 'ProviderName', required: true },
  { name: 'DefaultLocale', required: true },
  { name: 'DisplayName', required: true },
  { name: 'Description', required: true },
  { name: 'IconUrl', required: false },
  { name: 'HighResolutionIconUrl', required: false },
  { name: 'SupportUrl', required: false },
  { name: 'AppDomains', required: false },
  { name: 'Hosts', required: true },
  { name: 'Requirements', required: false },
  { name: 'FormSettings', required: true },
  { name: 'Permissions', required: true },
  { name: 'Rule', required: true },
  { name: 'DisableEntityHighlighting', required: false },
  { name: 'VersionOverrides', required: false },
];

/** Child order inside other elements (only the elements this checker knows are listed). */
const CHILD_ORDER: Record<string, { name: string; required: boolean }[]> = {
  VersionOverridesV1_0: [
    { name: 'Description', required: false },
    { name: 'Requirements', required: false },
    { name: 'Hosts', required: true },
    { name: 'Resources', required: true },
    { name: 'VersionOverrides', required: false },
  ],
  VersionOverridesV1_1: [
    { name: 'Description', required: false },
    { name: 'Requirements', required: false },
    { name: 'Hosts', required: true },
    { name: 'Resources', required: true },
    { name: 'EquivalentAddins', required: false },
    { name: 'WebApplicationInfo', required: false },
    { name: 'ExtendedPermissions', required: false },
  ],
  Resources: [
    { name: 'Images', required: false },
    { name: 'Urls', required: false },
    { name: 'ShortStrings', required: false },
    { name: 'LongStrings', required: false },
  ],
  Button: [
    { name: 'Label', required: true },
    { name: 'Supertip', required: true },
    { name: 'Icon', required: true },
    { name: 'Action', required: true },
  ],
  Supertip: [
    { name: 'Title', required: true },
    { name: 'Description', required: true },
  ],
  ShowTaskpane: [
    { name: 'TaskpaneId', required: false },
    { name: 'SourceLocation', required: true },
    { name: 'Title', required: false },
    { name: 'SupportsPinning', required: false },
  ],
  WebApplicationInfo: [
    { name: 'Id', required: true },
    { name: 'Resource', required: true },
    { name: 'Scopes', required: true },
  ],
};

const PERMISSIONS = ['Restricted', 'ReadItem', 'ReadWriteItem', 'ReadWriteMailbox'];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const URL_ATTRIBUTE_ELEMENTS = new Set(['IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'SourceLocation', 'Image', 'Url']);

/** Which resource collection a resid must point into, by the referring element (and its parent). */
function residKind(el: XmlElement, parent: XmlElement | undefined): 'Images' | 'Urls' | 'ShortStrings' | 'LongStrings' {
  const name = localName(el);
  if (name === 'Image') return 'Images';
  if (name === 'SourceLocation' || name === 'FunctionFile') return 'Urls';
  if (name === 'Description' && parent && localName(parent) === 'Supertip') return 'LongStrings';
  if (name === 'Description') return 'LongStrings';
  return 'ShortStrings';
}

export function checkManifest(xml: string): ManifestProblem[] {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (err) {
    return [{ line: 0, message: `not well-formed XML: ${err instanceof Error ? err.message : String(err)}` }];
  }
  const problems: ManifestProblem[] = [];
  const report = (el: XmlElement, message: string) => problems.push({ line: el.line, message });

  if (localName(root) !== 'OfficeApp') report(root, `root element is ${root.name}, expected OfficeApp`);
  if (root.attributes['xsi:type'] !== 'MailApp') report(root, 'OfficeApp xsi:type must be MailApp');
  checkOrder(root, OFFICE_APP_ORDER, report);

  const child = (parent: XmlElement, name: string) => parent.children.find((c) => localName(c) === name);
  const id = child(root, 'Id');
  if (id && !GUID.test(id.text.trim())) report(id, 'add-in Id must be a GUID');
  const version = child(root, 'Version');
  if (version && !/^\d{1,5}(\.\d{1,5}){0,3}$/.test(version.text.trim())) report(version, 'Version must be n[.n[.n[.n]]]');
  const permissions = child(root, 'Permissions');
  if (permissions && !PERMISSIONS.includes(permissions.text.trim())) report(permissions, `Permissions must be one of ${PERMISSIONS.join(', ')}`);

  // Each VersionOverrides has its own Resources; resids resolve within the nearest one.
  for (const { el, path } of walk(root)) {
    const name = localName(el);
    const parent = path[path.length - 1];
    const type = el.attributes['xsi:type'];
    if (name === 'VersionOverrides') {
      if (type !== 'VersionOverridesV1_0' && type !== 'VersionOverridesV1_1') report(el, `unknown VersionOverrides type ${type ?? '(none)'}`);
      else checkOrder(el, CHILD_ORDER[type]!, report);
      if (type === 'VersionOverridesV1_1' && parent && localName(parent) === 'VersionOverrides' && parent.attributes['xsi:type'] !== 'VersionOverridesV1_0') {
        report(el, 'VersionOverridesV1_1 must sit inside VersionOverridesV1_0');
      }
      checkResids(el, report);
    } else if (name === 'Resources' || name === 'Supertip' || name === 'WebApplicationInfo') {
      checkOrder(el, CHILD_ORDER[name]!, report);
    } else if (name === 'Control' && type === 'Button') {
      checkOrder(el, CHILD_ORDER['Button']!, report);
    } else if (name === 'Action' && type === 'ShowTaskpane') {
      checkOrder(el, CHILD_ORDER['ShowTaskpane']!, report);
    }
    if (name === 'SupportsPinning') {
      const vo = [...path].reverse().find((p) => localName(p) === 'VersionOverrides');
      if (vo?.attributes['xsi:type'] !== 'VersionOverridesV1_1') report(el, 'SupportsPinning is only valid in VersionOverridesV1_1 (Mailbox 1.5)');
    }
    // URLs
    if (URL_ATTRIBUTE_ELEMENTS.has(name) && el.attributes['DefaultValue'] !== undefined) checkHttps(el, el.attributes['DefaultValue'], report);
    if (name === 'Override' && el.attributes['Value'] !== undefined && parent && URL_ATTRIBUTE_ELEMENTS.has(localName(parent))) {
      checkHttps(el, el.attributes['Value'], report);
    }
    if (name === 'AppDomain') checkHttps(el, el.text.trim(), report);
    if (name === 'WebApplicationInfo') checkWebApplicationInfo(el, report);
  }
  return problems;
}

function checkOrder(parent: XmlElement, order: { name: string; required: boolean }[], report: (el: XmlElement, m: string) => void): void {
  let last = -1;
  const seen = new Set<string>();
  for (const c of parent.children) {
    const name = localName(c);
    const idx = order.findIndex((o) => o.name === name);
    if (idx < 0) {
      report(c, `<${c.name}> is not allowed in <${parent.name}>`);
      continue;
    }
    if (idx < last) report(c, `<${c.name}> is out of order in <${parent.name}> (expected ${order.map((o) => o.name).join(', ')})`);
    if (seen.has(name) && name !== 'Scope') report(c, `<${c.name}> appears twice in <${parent.name}>`);
    seen.add(name);
    last = Math.max(last, idx);
  }
  for (const o of order) if (o.required && !seen.has(o.name)) report(parent, `<${parent.name}> lacks required <${o.name}>`);
}

function checkResids(vo: XmlElement, report: (el: XmlElement, m: string) => void): void {
  const resources = vo.children.find((c) => localName(c) === 'Resources');
  const ids: Record<string, Set<string>> = { Images: new Set(), Urls: new Set(), ShortStrings: new Set(), LongStrings: new Set() };
  const allIds = new Set<string>();
  for (const coll of resources?.children ?? []) {
    const set = ids[localName(coll)];
    for (const r of coll.children) {
      const rid = r.attributes['id'];
      if (!rid) {
        report(r, `<${r.name}> has no id`);
        continue;
      }
      if (rid.length > 32) report(r, `resource id "${rid}" is longer than 32 characters`);
      if (allIds.has(rid) && set?.has(rid)) report(r, `resource id "${rid}" is defined twice`);
      allIds.add(rid);
      set?.add(rid);
      if (localName(coll) !== 'Urls' && localName(coll) !== 'Images' && (r.attributes['DefaultValue'] ?? '').length === 0) report(r, `string "${rid}" is empty`);
    }
  }
  // Control and group ids: unique within this VersionOverrides.
  const controlIds = new Set<string>();
  const stack: { el: XmlElement; parent: XmlElement | undefined; inNested: boolean }[] = vo.children.map((c) => ({ el: c, parent: vo, inNested: false }));
  while (stack.length > 0) {
    const { el, parent } = stack.pop()!;
    if (localName(el) === 'VersionOverrides' || localName(el) === 'Resources') continue; // nested VO is checked on its own
    const resid = el.attributes['resid'];
    if (resid !== undefined) {
      const kind = residKind(el, parent);
      if (!ids[kind]!.has(resid)) report(el, `resid "${resid}" on <${el.name}> does not resolve to a ${kind} resource`);
    }
    const cid = el.attributes['id'];
    if (cid !== undefined) {
      if (controlIds.has(cid)) report(el, `id "${cid}" is used twice`);
      controlIds.add(cid);
    }
    for (const c of el.children) stack.push({ el: c, parent: el, inNested: false });
  }
}

function checkHttps(el: XmlElement, value: string, report: (el: XmlElement, m: string) => void): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    report(el, `"${value}" on <${el.name}> is not a URL`);
    return;
  }
  if (url.protocol !== 'https:') report(el, `"${value}" on <${el.name}> must be https`);
}

function checkWebApplicationInfo(el: XmlElement, report: (el: XmlElement, m: string) => void): void {
  const id = el.children.find((c) => localName(c) === 'Id')?.text.trim() ?? '';
  const resource = el.children.find((c) => localName(c) === 'Resource')?.text.trim() ?? '';
  if (!GUID.test(id)) report(el, 'WebApplicationInfo Id must be the API app registration client id (a GUID)');
  if (!/^api:\/\/[^/]+\/[0-9a-f-]{36}$/i.test(resource) || !resource.endsWith(id)) {
    report(el, 'WebApplicationInfo Resource must be api://HOST/CLIENT_ID with the same client id');
  }
  const scopes = el.children.find((c) => localName(c) === 'Scopes');
  if (scopes && scopes.children.filter((c) => localName(c) === 'Scope').length === 0) report(scopes, 'Scopes lists no Scope');
}
