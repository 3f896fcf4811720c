// addin/src/demo/office-stand-in.ts: the demo mailbox's Office.js stand-in, driven through the add-in's own
// Office wrappers exactly as the task pane drives it.
import { describe, expect, it } from 'vitest';
import { OfficeStandIn } from '../../addin/src/demo/office-stand-in.ts';
import { toEwsId, toRestId } from '../../addin/src/demo/ews-id.ts';
import type { OfficeApi } from '../../addin/src/office/office-api.ts';
import { createOfficeMailHost } from '../../addin/src/office/office-mail-host.ts';
import { OfficeError } from '../../addin/src/office/office-error.ts';
import { waitForOffice } from '../../addin/src/office/office-ready.ts';

const REST_ID = 'AAMkADk0-abc_def-ghi_=';
const item = (id: string, subject: string) => ({ id, internetMessageId: `<${subject}@x>`, subject, from: { name: 'DocSend', address: 'no-reply@docsend-share.example' }, receivedAt: null });

function standIn(token: () => Promise<string> = () => Promise.resolve('demo-token')) {
  return new OfficeStandIn({ getToken: token, user: { upn: 'adele@contoso.example', displayName: 'Adele' }, theme: 'dark' });
}

const frame = {} as Window;

describe('ews ids', () => {
  it('round-trip between REST and EWS form', () => {
    expect(toEwsId(REST_ID)).toBe('AAMkADk0/abc+def/ghi+=');
    expect(toRestId(toEwsId(REST_ID))).toBe(REST_ID);
  });
});

describe('OfficeStandIn', () => {
  it('gives the pane an EWS item id that convertToRestId turns back into the REST id', async () => {
    const s = standIn();
    s.selectItem(item(REST_ID, 'first'));
    const office = s.createOffice(frame) as OfficeApi;
    await waitForOffice(office);
    expect(office.context.mailbox.item?.itemId).toBe(toEwsId(REST_ID));
    const host = await createOfficeMailHost(office);
    expect(host.currentMessage()).toEqual({
      restId: REST_ID,
      internetMessageId: '<first@x>',
      subject: 'first',
      from: { name: 'DocSend', address: 'no-reply@docsend-share.example' },
    });
    expect(host.theme).toBe('dark');
    expect(await host.getToken()).toBe('demo-token');
  });

  it('fires ItemChanged to a pinned pane when another message is opened, and null when none is', async () => {
    const s = standIn();
    s.selectItem(item('m1', 'first'));
    const host = await createOfficeMailHost(s.createOffice(frame) as OfficeApi);
    expect(host.followsSelection).toBe(true);
    expect(s.paneFollowsSelection).toBe(true);
    const seen: (string | null)[] = [];
    host.watchMessage(() => seen.push(host.currentMessage()?.subject ?? null));
    s.selectItem(item('m2', 'second'));
    await new Promise((r) => setTimeout(r, 5));
    s.selectItem(null);
    await new Promise((r) => setTimeout(r, 5));
    expect(seen).toEqual(['second', null]);
  });

  it('stops telling a pane that was replaced by a new frame', async () => {
    const s = standIn();
    const old = await createOfficeMailHost(s.createOffice({} as Window) as OfficeApi);
    let oldCalls = 0;
    old.watchMessage(() => oldCalls++);
    s.createOffice({} as Window); // the pane reloaded and has not registered yet
    expect(s.paneFollowsSelection).toBe(false);
    s.selectItem(item('m3', 'third'));
    await new Promise((r) => setTimeout(r, 5));
    expect(oldCalls).toBe(0);
  });

  it('rejects getAccessToken like Office (plain object with code 13001), which the wrapper turns into an OfficeError', async () => {
    const s = standIn(() => Promise.reject(new Error('no such demo user')));
    const host = await createOfficeMailHost(s.createOffice(frame) as OfficeApi);
    const err = await host.getToken().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OfficeError);
    expect((err as OfficeError).code).toBe(13001);
  });
});
