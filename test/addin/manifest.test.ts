// manifest.xml (repo root), checked offline by addin/src/manifest/check-manifest.ts, and its production rewrite.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkManifest } from '../../addin/src/manifest/check-manifest.ts';
import { DEV_BASE_URL, ManifestRewriteError, PLACEHOLDER_CLIENT_ID, rewriteManifest } from '../../addin/src/manifest/rewrite-manifest.ts';
import { localName, parseXml, walk } from '../../addin/src/manifest/xml-tree.ts';

const xml = readFileSync(resolve(import.meta.dirname, '..', '..', 'manifest.xml'), 'utf8');
const CLIENT_ID = '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';

function elements(doc: string, name: string) {
  return [...walk(parseXml(doc))].filter(({ el }) => localName(el) === name).map(({ el }) => el);
}

describe('manifest.xml', () => {
  it('passes every offline check: well-formed, schema order, resids resolved, https URLs, unique ids', () => {
    expect(checkManifest(xml)).toEqual([]);
  });

  it('is a read-mode mail add-in with ReadItem permission', () => {
    const root = parseXml(xml);
    expect(root.attributes['xsi:type']).toBe('MailApp');
    expect(elements(xml, 'Permissions')[0]?.text).toBe('ReadItem');
    expect(elements(xml, 'Rule').some((r) => r.attributes['ItemType'] === 'Message' && r.attributes['FormType'] === 'Read')).toBe(true);
  });

  it('opens a pinnable task pane from a MessageReadCommandSurface button, requiring Mailbox 1.5 for pinning', () => {
    const v11 = elements(xml, 'VersionOverrides').find((v) => v.attributes['xsi:type'] === 'VersionOverridesV1_1')!;
    const inV11 = [...walk(v11)].map(({ el }) => el);
    expect(inV11.some((e) => localName(e) === 'ExtensionPoint' && e.attributes['xsi:type'] === 'MessageReadCommandSurface')).toBe(true);
    expect(inV11.find((e) => localName(e) === 'SupportsPinning')?.text).toBe('true');
    const sets = inV11.find((e) => localName(e) === 'Sets');
    expect(sets?.attributes['DefaultMinVersion']).toBe('1.5');
    const taskpaneUrl = inV11.find((e) => localName(e) === 'Url' && e.attributes['id'] === 'Taskpane.Url');
    expect(taskpaneUrl?.attributes['DefaultValue']).toBe(`${DEV_BASE_URL}/addin/taskpane.html`);
  });

  it('declares WebApplicationInfo for single sign-on', () => {
    const info = elements(xml, 'WebApplicationInfo')[0]!;
    const child = (n: string) => info.children.find((c) => localName(c) === n);
    expect(child('Id')?.text).toBe(PLACEHOLDER_CLIENT_ID);
    expect(child('Resource')?.text).toBe(`api://localhost:3000/${PLACEHOLDER_CLIENT_ID}`);
    expect(child('Scopes')?.children.map((s) => s.text)).toContain('openid');
  });
});

describe('checkManifest catches what breaks sideloading', () => {
  it('malformed XML', () => {
    expect(checkManifest(xml.replace('</Permissions>', '</Permission>'))[0]?.message).toMatch(/well-formed/);
  });

  it('an unresolved resid', () => {
    const broken = xml.replace('<Label resid="OpenPane.Label"/>', '<Label resid="Missing.Label"/>');
    expect(checkManifest(broken).map((p) => p.message)).toContainEqual(expect.stringMatching(/resid "Missing.Label".*ShortStrings/));
  });

  it('a resid pointing at the wrong kind of resource', () => {
    const broken = xml.replace('<SourceLocation resid="Taskpane.Url"/>', '<SourceLocation resid="Group.Label"/>');
    expect(checkManifest(broken).map((p) => p.message)).toContainEqual(expect.stringMatching(/Group.Label.*Urls/));
  });

  it('an http URL', () => {
    const broken = xml.replace(`${DEV_BASE_URL}/addin/icons/icon-64.png`, 'http://localhost:3000/addin/icons/icon-64.png');
    expect(checkManifest(broken).map((p) => p.message)).toContainEqual(expect.stringMatching(/must be https/));
  });

  it('elements out of schema order', () => {
    const broken = xml.replace('<Version>1.0.0.0</Version>\n  <ProviderName>Lantern</ProviderName>', '<ProviderName>Lantern</ProviderName>\n  <Version>1.0.0.0</Version>');
    expect(checkManifest(broken).map((p) => p.message)).toContainEqual(expect.stringMatching(/out of order/));
  });

  it('a duplicated id', () => {
    const broken = xml.replace('id="Lantern.OpenPane"', 'id="Lantern.ReadGroup"');
    expect(checkManifest(broken).map((p) => p.message)).toContainEqual(expect.stringMatching(/used twice/));
  });

  it('SupportsPinning outside VersionOverrides 1.1', () => {
    const broken = xml.replace(
      '<SourceLocation resid="Taskpane.Url"/>\n                  </Action>',
      '<SourceLocation resid="Taskpane.Url"/>\n                    <SupportsPinning>true</SupportsPinning>\n                  </Action>',
    );
    expect(checkManifest(broken).map((p) => p.message)).toContainEqual(expect.stringMatching(/SupportsPinning/));
  });
});

describe('rewriteManifest', () => {
  it('points every URL at the deployment and sets the SSO client id and resource', () => {
    const out = rewriteManifest(xml, { baseUrl: 'https://lantern.contoso.com', clientId: CLIENT_ID });
    expect(checkManifest(out)).toEqual([]);
    expect(out).not.toContain('localhost');
    expect(out).not.toContain(PLACEHOLDER_CLIENT_ID);
    expect(out).toContain('<SourceLocation DefaultValue="https://lantern.contoso.com/addin/taskpane.html"/>');
    expect(out).toContain(`<Resource>api://lantern.contoso.com/${CLIENT_ID}</Resource>`);
    expect(out).toContain(`<Id>${CLIENT_ID}</Id>`);
  });

  it('keeps a path prefix and a port', () => {
    const out = rewriteManifest(xml, { baseUrl: 'https://mail-tools.contoso.com:8443/lantern/', clientId: CLIENT_ID });
    expect(out).toContain('https://mail-tools.contoso.com:8443/lantern/addin/taskpane.html');
    expect(out).toContain(`api://mail-tools.contoso.com:8443/${CLIENT_ID}`);
  });

  it('refuses http, a non-GUID client id and the placeholder', () => {
    expect(() => rewriteManifest(xml, { baseUrl: 'http://lantern.contoso.com', clientId: CLIENT_ID })).toThrow(ManifestRewriteError);
    expect(() => rewriteManifest(xml, { baseUrl: 'https://lantern.contoso.com', clientId: 'lantern' })).toThrow(ManifestRewriteError);
    expect(() => rewriteManifest(xml, { baseUrl: 'https://lantern.contoso.com', clientId: PLACEHOLDER_CLIENT_ID })).toThrow(ManifestRewriteError);
  });
});
