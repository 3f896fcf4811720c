import { describe, expect, it } from 'vitest';
import {
  normaliseAuthMethods,
  normaliseInboxRule,
  normaliseMessage,
  normaliseSecurityInfoAudit,
  normaliseSignIn,
} from '../../server/src/ingest/normalise.ts';

const signIn = {
  id: 's1',
  createdDateTime: '2026-03-02T09:15:00Z',
  userId: 'u1',
  userPrincipalName: 'Alice@Contoso.com',
  appDisplayName: 'Office 365 Exchange Online',
  ipAddress: '203.0.113.9',
  clientAppUsed: 'Browser',
  isInteractive: true,
  status: { errorCode: 0 },
  deviceDetail: { operatingSystem: 'Windows10', browser: 'Edge 120.0' },
  location: { city: 'Lyon', countryOrRegion: 'FR', geoCoordinates: { latitude: 45.75, longitude: 4.85 } },
  someFutureField: { nested: true },
};

describe('normaliseSignIn', () => {
  it('turns a Graph sign-in into a typed event, lower-casing the UPN and ignoring unknown fields', () => {
    const r = normaliseSignIn(signIn);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ id: 's1', kind: 'signIn', upn: 'alice@contoso.com', country: 'FR', city: 'Lyon', lat: 45.75, success: true, os: 'Windows10' });
    expect(r.value.at).toBe('2026-03-02T09:15:00.000Z');
  });

  it('tolerates missing optional fields', () => {
    const r = normaliseSignIn({ id: 's2', createdDateTime: '2026-03-02T09:15:00Z', userId: 'u1', userPrincipalName: 'a@b.c', status: { errorCode: 50126, failureReason: 'Invalid password' } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ ip: null, country: null, success: false, errorCode: 50126, failureReason: 'Invalid password', clientApp: null });
  });

  it.each([
    [null, 'not a JSON object'],
    [{ ...signIn, id: undefined }, 'no id'],
    [{ ...signIn, createdDateTime: 'yesterday' }, 'createdDateTime'],
    [{ ...signIn, userId: '' }, 'userId'],
    [{ ...signIn, userPrincipalName: 3 }, 'userPrincipalName'],
    [{ ...signIn, status: null }, 'outcome is unknown'],
  ])('rejects a record without its essentials (%#)', (raw, msg) => {
    const r = normaliseSignIn(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(msg);
  });

  it('bounds the size of text fields', () => {
    const r = normaliseSignIn({ ...signIn, userAgent: 'x'.repeat(100_000) });
    expect(r.ok && r.value.userAgent!.length).toBe(512);
  });
});

const audit = {
  id: 'a1',
  activityDateTime: '2026-03-03T10:00:00Z',
  activityDisplayName: 'User registered security info',
  category: 'UserManagement',
  loggedByService: 'Authentication Methods',
  result: 'success',
  resultReason: 'User registered Authenticator App with Notification and Code',
  initiatedBy: { user: { id: 'u1', userPrincipalName: 'Alice@contoso.com', ipAddress: '198.51.100.7' } },
  targetResources: [{ id: 'u1', type: 'User', userPrincipalName: 'alice@contoso.com' }],
};

describe('normaliseSecurityInfoAudit', () => {
  it('reads the action, the method and its type', () => {
    const methods = [{ id: 'm1', type: 'authenticator' as const, displayName: 'Pixel', createdAt: null }];
    const r = normaliseSecurityInfoAudit(audit, methods);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ action: 'registered', method: 'Authenticator App with Notification and Code', methodType: 'authenticator', byAdmin: false, ip: '198.51.100.7', success: true, upn: 'alice@contoso.com' });
    expect(r.value.methodsAfter).toBe(methods);
  });

  it('attributes an admin change to the target user', () => {
    const r = normaliseSecurityInfoAudit(
      { ...audit, activityDisplayName: 'Admin registered security info', resultReason: 'Admin registered phone method', initiatedBy: { user: { id: 'admin', userPrincipalName: 'admin@contoso.com' } } },
      null,
    );
    expect(r.ok && r.value).toMatchObject({ userId: 'u1', byAdmin: true, methodType: 'phone' });
  });

  it('rejects audits that are not security info changes', () => {
    const r = normaliseSecurityInfoAudit({ ...audit, loggedByService: 'Core Directory', activityDisplayName: 'Add user' }, null);
    expect(r).toEqual({ ok: false, error: expect.stringContaining('not a security info change') });
  });

  it('rejects an audit that names no user', () => {
    const r = normaliseSecurityInfoAudit({ ...audit, initiatedBy: null, targetResources: [] }, null);
    expect(r.ok).toBe(false);
  });
});

describe('normaliseAuthMethods', () => {
  it('maps @odata.type to a method type and keeps unknown types as other', () => {
    const r = normaliseAuthMethods([
      { '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod', id: 'm1', displayName: 'iPhone', createdDateTime: '2026-01-01T00:00:00Z' },
      { '@odata.type': '#microsoft.graph.phoneAuthenticationMethod', id: 'm2', phoneType: 'mobile', phoneNumber: '+1 555' },
      { '@odata.type': '#microsoft.graph.somethingNew', id: 'm3' },
    ]);
    expect(r.ok && r.value.map((m) => m.type)).toEqual(['authenticator', 'phone', 'other']);
    expect(r.ok && r.value[1]!.displayName).toBe('mobile');
  });
  it('rejects non-arrays and methods without id', () => {
    expect(normaliseAuthMethods({}).ok).toBe(false);
    expect(normaliseAuthMethods([{ '@odata.type': '#microsoft.graph.phoneAuthenticationMethod' }]).ok).toBe(false);
  });
});

describe('normaliseInboxRule', () => {
  const folders = new Map([['fid-rss', 'RSS Feeds']]);
  it('resolves folder ids, flattens condition terms and addresses', () => {
    const r = normaliseInboxRule(
      {
        id: 'r1',
        displayName: '..',
        sequence: 1,
        isEnabled: true,
        conditions: { bodyOrSubjectContains: ['invoice', 'payment'], fromAddresses: [{ emailAddress: { address: 'CFO@Contoso.com' } }] },
        actions: { moveToFolder: 'fid-rss', markAsRead: true, stopProcessingRules: true, forwardTo: [{ emailAddress: { address: 'X@evil.example' } }] },
      },
      folders,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ name: '..', hasConditions: true, moveToFolder: 'RSS Feeds', markAsRead: true, stopProcessing: true, forwardTo: ['x@evil.example'], delete: false });
    expect(r.value.conditionTerms).toEqual(['invoice', 'payment', 'cfo@contoso.com']);
  });
  it('sees a rule without conditions, and keeps an unresolvable folder id', () => {
    const r = normaliseInboxRule({ id: 'r2', displayName: '', conditions: {}, actions: { moveToFolder: 'unknown-id' } }, folders);
    expect(r.ok && r.value).toMatchObject({ name: '', hasConditions: false, moveToFolder: 'unknown-id', enabled: true });
  });
  it('rejects a rule without id', () => {
    expect(normaliseInboxRule({ displayName: 'x' }, folders).ok).toBe(false);
  });
});

describe('normaliseMessage', () => {
  it('keeps metadata only', () => {
    const r = normaliseMessage({ id: 'msg1', subject: 'Hi', receivedDateTime: '2026-03-01T00:00:00Z', from: { emailAddress: { address: 'Bob@x.com', name: 'Bob' } }, body: { contentType: 'text', content: 'secret' } }, 'u1', 'A@b.c', 'inbox');
    expect(r.ok && r.value).toMatchObject({ messageId: 'msg1', fromAddress: 'bob@x.com', upn: 'a@b.c', folder: 'inbox' });
    expect(JSON.stringify(r)).not.toContain('secret');
  });
  it('rejects a message without a time', () => {
    expect(normaliseMessage({ id: 'm' }, 'u1', 'a@b.c', 'inbox').ok).toBe(false);
  });
});
