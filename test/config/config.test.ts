import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/src/config.ts';

const noFile = (): string => {
  throw new Error('ENOENT: no such file');
};
const tenantId = '11111111-2222-3333-4444-555555555555';
const clientId = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

describe('loadConfig', () => {
  it('runs the demo on SQLite under the data directory when nothing is configured', () => {
    const c = loadConfig({}, '/srv/lantern', noFile);
    expect(c.mode).toBe('demo');
    expect(c.tenant).toBeNull();
    expect(c.database).toEqual({ kind: 'sqlite', file: '/srv/lantern/.lantern/lantern.sqlite' });
    expect(c.port).toBe(3000);
    expect(c.mailParseLimits).toEqual({ maxBytes: 25 * 1024 * 1024, maxParts: 1000, maxHeaderBytes: 1024 * 1024, timeoutMs: 10_000 });
  });

  it('reads the mail parse bounds and refuses nonsense', () => {
    const c = loadConfig({ LANTERN_MAIL_MAX_PARTS: '200', LANTERN_MAIL_MAX_HEADER_BYTES: '65536', LANTERN_MAIL_MAX_BYTES: '10485760', LANTERN_MAIL_PARSE_TIMEOUT_MS: '2000' }, '/x', noFile);
    expect(c.mailParseLimits).toEqual({ maxBytes: 10_485_760, maxParts: 200, maxHeaderBytes: 65_536, timeoutMs: 2000 });
    expect(() => loadConfig({ LANTERN_MAIL_MAX_PARTS: '0' }, '/x', noFile)).toThrow(/LANTERN_MAIL_MAX_PARTS must be a whole number from 10/);
    expect(() => loadConfig({ LANTERN_MAIL_MAX_HEADER_BYTES: 'lots' }, '/x', noFile)).toThrow(ConfigError);
  });

  it('reads where sign-ins come from (LANTERN_SIGNIN_API), auto by default, and refuses anything else', () => {
    expect(loadConfig({}, '/x', noFile).signInApi).toBe('auto');
    expect(loadConfig({ LANTERN_SIGNIN_API: 'v1.0' }, '/x', noFile).signInApi).toBe('v1.0');
    expect(loadConfig({ LANTERN_SIGNIN_API: 'Beta' }, '/x', noFile).signInApi).toBe('beta');
    expect(() => loadConfig({ LANTERN_SIGNIN_API: 'v2' }, '/x', noFile)).toThrow(/LANTERN_SIGNIN_API must be auto, beta or v1.0/);
  });

  it('reads a private CA for Graph and the authority from LANTERN_CA_FILE in tenant mode', () => {
    const env = { LANTERN_TENANT_ID: '11111111-1111-4111-8111-111111111111', LANTERN_CLIENT_ID: '22222222-2222-4222-8222-222222222222', LANTERN_CLIENT_SECRET: 's', LANTERN_SECURITY_MAILBOX: 'lantern@contoso.com' };
    expect(loadConfig(env, '/x', noFile).tenant?.caPem).toBeNull();
    const read = (p: string) => (p === '/x/ca.pem' ? '-----BEGIN CERTIFICATE-----' : '');
    expect(loadConfig({ ...env, LANTERN_CA_FILE: 'ca.pem' }, '/x', read).tenant?.caPem).toBe('-----BEGIN CERTIFICATE-----');
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@db/lantern' }, '/x', noFile);
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://u@db/lantern' });
  });

  it('polls a real tenant with a client secret', () => {
    const c = loadConfig({ LANTERN_TENANT_ID: tenantId, LANTERN_CLIENT_ID: clientId, LANTERN_CLIENT_SECRET: 's3cret', LANTERN_SECURITY_MAILBOX: 'lantern@contoso.com' }, '/x', noFile);
    expect(c.mode).toBe('tenant');
    expect(c.securityMailbox).toBe('lantern@contoso.com');
    expect(c.tenant?.credential).toEqual({ kind: 'secret', secret: 's3cret' });
    expect(c.tenant?.apiClientId).toBe(clientId);
    expect(c.tenant?.graphUrl).toBe('https://graph.microsoft.com/v1.0');
  });

  it('reads a certificate key from the given path', () => {
    const c = loadConfig(
      { LANTERN_TENANT_ID: tenantId, LANTERN_CLIENT_ID: clientId, LANTERN_CLIENT_CERTIFICATE: 'key.pem', LANTERN_CLIENT_CERTIFICATE_THUMBPRINT: 'AB12', LANTERN_SECURITY_MAILBOX: tenantId },
      '/etc/lantern',
      (p) => `PEM from ${p}`,
    );
    expect(c.tenant?.credential).toEqual({ kind: 'certificate', privateKeyPem: 'PEM from /etc/lantern/key.pem', thumbprint: 'AB12' });
  });

  it('refuses partial tenant settings and says what is missing', () => {
    expect(() => loadConfig({ LANTERN_TENANT_ID: tenantId, LANTERN_CLIENT_ID: clientId }, '/x', noFile)).toThrow(/LANTERN_CLIENT_SECRET/);
    expect(() => loadConfig({ LANTERN_TENANT_ID: 'contoso', LANTERN_CLIENT_SECRET: 'x' }, '/x', noFile)).toThrow(ConfigError);
    expect(() =>
      loadConfig({ LANTERN_TENANT_ID: tenantId, LANTERN_CLIENT_ID: clientId, LANTERN_CLIENT_CERTIFICATE: 'k', LANTERN_CLIENT_CERTIFICATE_THUMBPRINT: 'A' }, '/x', noFile),
    ).toThrow(/cannot read LANTERN_CLIENT_CERTIFICATE/);
  });

  it("refuses tenant mode without Lantern's own mailbox, in one line that names the setting", () => {
    const run = () => loadConfig({ LANTERN_TENANT_ID: tenantId, LANTERN_CLIENT_ID: clientId, LANTERN_CLIENT_SECRET: 's' }, '/x', noFile);
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(/^set LANTERN_SECURITY_MAILBOX .*\(UPN or object id\)[^\n]*$/);
    expect(() => loadConfig({ LANTERN_TENANT_ID: tenantId, LANTERN_CLIENT_ID: clientId, LANTERN_CLIENT_SECRET: 's', LANTERN_SECURITY_MAILBOX: 'security team' }, '/x', noFile)).toThrow(
      /LANTERN_SECURITY_MAILBOX must be/,
    );
  });

  it('lets the demo use its own Lantern mailbox unless one is named', () => {
    expect(loadConfig({}, '/x', noFile).securityMailbox).toBeNull();
    expect(loadConfig({ LANTERN_SECURITY_MAILBOX: ' Lantern@Example.com ' }, '/x', noFile).securityMailbox).toBe('Lantern@Example.com');
  });

  it('rejects out-of-range numbers and non-https public URLs', () => {
    expect(() => loadConfig({ LANTERN_PORT: '70000' }, '/x', noFile)).toThrow(/LANTERN_PORT/);
    expect(() => loadConfig({ LANTERN_DEMO_SPEED: 'fast' }, '/x', noFile)).toThrow(/LANTERN_DEMO_SPEED/);
    expect(() => loadConfig({ LANTERN_PUBLIC_URL: 'http://lantern.example' }, '/x', noFile)).toThrow(/https/);
  });
});
