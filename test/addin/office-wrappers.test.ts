// addin/src/office/: the Office.js wrappers, driven through office-addin-mock's OfficeMockObject.
import { OfficeMockObject } from 'office-addin-mock';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { OfficeApi } from '../../addin/src/office/office-api.ts';
import { OfficeError } from '../../addin/src/office/office-error.ts';
import { onItemChanged, supportsPinning } from '../../addin/src/office/item-changed.ts';
import { createOfficeMailHost } from '../../addin/src/office/office-mail-host.ts';
import { waitForOffice } from '../../addin/src/office/office-ready.ts';
import { getOfficeSsoToken, ssoFallbackAdvised } from '../../addin/src/office/office-sso-token.ts';
import { readOfficeTheme } from '../../addin/src/office/office-theme.ts';
import { readOpenMessage } from '../../addin/src/office/open-message.ts';

type Handler = (args: unknown) => void;
type Callback = (r: { status: string; value: undefined; error: { message: string; code: number } | null }) => void;

const EWS_ID = 'AAMkAGI2TG93AAA/BAf+qsRkAAA=';
const REST_ID = 'AAMkAGI2TG93AAA-BAf_qsRkAAA=';

function versionAtMost(a: string, b: string): boolean {
  const [a1 = 0, a2 = 0] = a.split('.').map(Number);
  const [b1 = 0, b2 = 0] = b.split('.').map(Number);
  return a1 < b1 || (a1 === b1 && a2 <= b2);
}

/** Office.js as office-addin-mock builds it for Outlook, with a mailbox that records its handlers. */
function mockOffice(overrides: { item?: unknown; addFails?: boolean; token?: () => Promise<string>; theme?: string; mailboxVersion?: string } = {}) {
  const handlers = new Map<string, Handler>();
  const data = {
    host: 'outlook',
    onReady: () => Promise.resolve({ host: 'Outlook', platform: 'OfficeOnline' }),
    EventType: { ItemChanged: 'olkItemSelectedChanged' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    MailboxEnums: { RestVersion: { v2_0: 'v2.0' }, ItemType: { Message: 'message', Appointment: 'appointment' } },
    auth: { getAccessToken: overrides.token ?? (() => Promise.resolve('header.payload.signature')) },
    context: {
      officeTheme: { bodyBackgroundColor: overrides.theme ?? '#ffffff' },
      requirements: {
        isSetSupported: (name: string, v?: string) => name === 'Mailbox' && versionAtMost(v ?? '1.1', overrides.mailboxVersion ?? '1.14'),
      },
      mailbox: {
        item:
          'item' in overrides && overrides.item !== null
            ? overrides.item
            : {
                itemId: EWS_ID,
                itemType: 'message',
                internetMessageId: '<phish-1@docsend-share.example>',
                subject: 'Invoice shared with you',
                from: { displayName: 'DocSend', emailAddress: 'no-reply@docsend-share.example' },
              },
        convertToRestId: (id: string, version: string) => {
          if (version !== 'v2.0') throw new Error('bad version');
          return id.replace(/\//g, '-').replace(/\+/g, '_');
        },
        addHandlerAsync: (type: string, handler: Handler, cb: Callback) => {
          if (overrides.addFails) {
            cb({ status: 'failed', value: undefined, error: { message: 'not supported', code: 5000 } });
            return;
          }
          handlers.set(type, handler);
          cb({ status: 'succeeded', value: undefined, error: null });
        },
        removeHandlerAsync: (type: string, cb: Callback) => {
          handlers.delete(type);
          cb({ status: 'succeeded', value: undefined, error: null });
        },
      },
    },
  };
  const office = new OfficeMockObject(data) as unknown as OfficeApi & { context: { mailbox: { item: unknown } } };
  // OfficeMockObject cannot be built from null data; Outlook's "nothing selected" is set afterwards.
  if (overrides.item === null) office.context.mailbox.item = null;
  return { office, handlers };
}

describe('readOpenMessage', () => {
  it('converts the EWS item id to the REST id and reads the message fields', () => {
    const { office } = mockOffice();
    expect(readOpenMessage(office)).toEqual({
      restId: REST_ID,
      internetMessageId: '<phish-1@docsend-share.example>',
      subject: 'Invoice shared with you',
      from: { name: 'DocSend', address: 'no-reply@docsend-share.example' },
    });
  });

  it('returns null when nothing is selected (a pinned pane between items)', () => {
    expect(readOpenMessage(mockOffice({ item: null }).office)).toBeNull();
  });

  it('returns null for an item that is not a message', () => {
    const { office } = mockOffice({ item: { itemId: EWS_ID, itemType: 'appointment' } });
    expect(readOpenMessage(office)).toBeNull();
  });

  it('wraps a failing convertToRestId in an OfficeError', () => {
    const { office } = mockOffice();
    office.context.mailbox.convertToRestId = () => {
      throw { code: 9000, message: 'internal' };
    };
    expect(() => readOpenMessage(office)).toThrow(OfficeError);
  });
});

describe('onItemChanged', () => {
  it('registers for ItemChanged, forwards events, and removes the handler', async () => {
    const { office, handlers } = mockOffice();
    let calls = 0;
    const remove = await onItemChanged(office, () => calls++);
    handlers.get('olkItemSelectedChanged')?.({});
    handlers.get('olkItemSelectedChanged')?.({});
    expect(calls).toBe(2);
    await remove();
    expect(handlers.has('olkItemSelectedChanged')).toBe(false);
  });

  it('rejects with an OfficeError (not a string, not a throw in the callback) when Office refuses', async () => {
    const { office } = mockOffice({ addFails: true });
    const err = await onItemChanged(office, () => {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OfficeError);
    expect((err as OfficeError).code).toBe(5000);
  });

  it('knows whether the host supports pinning (Mailbox 1.5)', () => {
    expect(supportsPinning(mockOffice({ mailboxVersion: '1.14' }).office)).toBe(true);
    expect(supportsPinning(mockOffice({ mailboxVersion: '1.4' }).office)).toBe(false);
  });
});

describe('getOfficeSsoToken', () => {
  it('returns the token Office gives', async () => {
    expect(await getOfficeSsoToken(mockOffice().office)).toBe('header.payload.signature');
  });

  it("turns Office's plain-object rejection into an OfficeError with its code", async () => {
    const { office } = mockOffice({ token: () => Promise.reject({ name: 'Error', code: 13003, message: 'unsupported user type' }) });
    const err = await getOfficeSsoToken(office).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OfficeError);
    expect((err as OfficeError).code).toBe(13003);
    expect(ssoFallbackAdvised(err)).toBe(true);
  });

  it('does not advise the NAA fallback when the user cancelled sign-in', async () => {
    const { office } = mockOffice({ token: () => Promise.reject({ code: 13002, message: 'cancelled' }) });
    expect(ssoFallbackAdvised(await getOfficeSsoToken(office).catch((e: unknown) => e))).toBe(false);
  });
});

describe('createOfficeMailHost', () => {
  it('exposes plain functions: the open message, ItemChanged listeners, theme and token with NAA fallback', async () => {
    const { office, handlers } = mockOffice({
      theme: '#1f1f1f',
      token: () => Promise.reject({ code: 13012, message: 'SSO not supported here' }),
    });
    const host = await createOfficeMailHost(office, { naa: { getToken: () => Promise.resolve('naa-token') } });
    expect(host.followsSelection).toBe(true);
    expect(host.theme).toBe('dark');
    expect(host.currentMessage()?.restId).toBe(REST_ID);
    expect(await host.getToken()).toBe('naa-token');

    const seen: (string | null)[] = [];
    const stop = host.watchMessage(() => seen.push(host.currentMessage()?.subject ?? null));
    office.context.mailbox.item = null;
    handlers.get('olkItemSelectedChanged')?.({});
    stop();
    handlers.get('olkItemSelectedChanged')?.({});
    expect(seen).toEqual([null]);
  });

  it('still works, without following the selection, when ItemChanged cannot be registered', async () => {
    const host = await createOfficeMailHost(mockOffice({ addFails: true }).office);
    expect(host.followsSelection).toBe(false);
    expect(host.currentMessage()?.subject).toBe('Invoice shared with you');
  });
});

describe('waitForOffice and readOfficeTheme', () => {
  it('resolves with the host and platform', async () => {
    expect(await waitForOffice(mockOffice().office)).toEqual({ host: 'Outlook', platform: 'OfficeOnline' });
  });

  it('reads light and dark themes from the body background', () => {
    expect(readOfficeTheme(mockOffice({ theme: '#ffffff' }).office)).toBe('light');
    expect(readOfficeTheme(mockOffice({ theme: '#292929' }).office)).toBe('dark');
  });
});

describe('OfficeApi', () => {
  it('is satisfied by the real Office.js namespace (@types/office-js), checked by the typecheck', () => {
    expectTypeOf<typeof Office>().toExtend<OfficeApi>();
  });
});
