// The simulated tenant: the scenario's records served "as of the clock" plus everything tests and the
// demo change at run time (new mail, moves, rules, sent mail). Graph routes read and write only through here.
import { createHash } from 'node:crypto';
import type {
  GraphAuthenticationMethod,
  GraphDirectoryAudit,
  GraphMailFolder,
  GraphMessage,
  GraphMessageRule,
  GraphRecipient,
  GraphSignIn,
  GraphUser,
  TenantScenario,
} from '@lantern/shared';
import type { Clock } from '../clock.ts';
import { WELL_KNOWN_FOLDERS } from './load-scenario.ts';
import { messageFieldsFromMime, synthesiseMime, type MimeAttachment } from './mime.ts';

export interface StoredFolder {
  id: string;
  displayName: string;
  parentFolderId: string;
  isHidden: boolean;
  wellKnownName: string | null;
}

export interface StoredMessage {
  /** Survives moves (what Graph returns with `Prefer: IdType="ImmutableId"`). */
  immutableId: string;
  /** The default (REST) id: changes on every move. */
  restId: string;
  /** The id the message was created with (scenario or addMessage), for tests' look-ups. */
  originalId: string;
  folderId: string;
  message: GraphMessage;
  mime: string | undefined;
  attachments: MimeAttachment[];
  /** Clock time (epoch ms) from which the message exists. */
  visibleAt: number;
  /** Sequence number of the last change (arrival by API, move in, update). */
  changeSeq: number;
}

interface Departure {
  seq: number;
  folderId: string;
  immutableId: string;
  restId: string;
}

interface Mailbox {
  userId: string;
  rootId: string;
  folders: Map<string, StoredFolder>;
  messages: Map<string, StoredMessage>;
  restIndex: Map<string, string>;
  departures: Departure[];
}

interface Snapshot<T> {
  at: number;
  items: T[];
}

export interface SentMailRecord {
  senderId: string;
  sentAt: string;
  message: GraphMessage;
  attachments: MimeAttachment[];
  /** Tenant users the message was delivered to (recipients outside the tenant are only recorded). */
  deliveredTo: string[];
}

export interface MessageLocation {
  userId: string;
  folderId: string;
  folderName: string;
  wellKnownName: string | null;
  restId: string;
  immutableId: string;
}

export interface NewMessage {
  userId: string;
  /** Well-known name, folder id or display name; default inbox. */
  folder?: string;
  message: Partial<GraphMessage> & { id?: string };
  mime?: string;
}

/**
 * A change made to the tenant at run time (by Graph calls, tests or the demo), with the tenant-clock time it
 * was made at. Replaying the same changes, in order, onto the same scenario gives the same state: the same
 * ids, folders, sequence numbers and delta marks (see TenantState.applyChange).
 */
export type TenantChange =
  | { op: 'addUser'; at: string; user: GraphUser }
  | { op: 'addSignIns'; at: string; signIns: GraphSignIn[] }
  | { op: 'addDirectoryAudits'; at: string; audits: GraphDirectoryAudit[] }
  | { op: 'setAuthenticationMethods'; at: string; userId: string; methods: GraphAuthenticationMethod[] }
  | { op: 'setInboxRules'; at: string; userId: string; rules: GraphMessageRule[] }
  | { op: 'createFolder'; at: string; userId: string; displayName: string; isHidden: boolean; parentId: string | null }
  | { op: 'addMessage'; at: string; input: NewMessage }
  | { op: 'moveMessage'; at: string; userId: string; id: string; destination: string }
  | { op: 'updateMessage'; at: string; userId: string; id: string; patch: { isRead?: boolean; categories?: string[]; importance?: string } }
  | { op: 'updateUser'; at: string; userId: string; patch: UserPatch }
  | { op: 'revokeSignInSessions'; at: string; userId: string }
  | { op: 'sendMail'; at: string; senderId: string; message: Partial<GraphMessage> & { bccRecipients?: GraphRecipient[] }; attachments: MimeAttachment[]; saveToSentItems: boolean };
/** What PATCH /users/{id} may change in the simulator (incident response). */
export interface UserPatch {
  accountEnabled?: boolean;
  forceChangePasswordNextSignIn?: boolean;
}

/** Graph's mailboxSettings.userPurpose, plus 'none' for a user without a mailbox (MailboxNotEnabledForRESTAPI). */
export type SimMailboxPurpose = 'user' | 'linked' | 'shared' | 'room' | 'equipment' | 'others' | 'none';

export class TenantStateError extends Error {
  constructor(
    message: string,
    readonly kind: 'user' | 'folder' | 'message' | 'invalid',
  ) {
    super(message);
    this.name = 'TenantStateError';
  }
}

const FOLDER_NAMES: Record<string, string> = {
  inbox: 'Inbox',
  sentitems: 'Sent Items',
  deleteditems: 'Deleted Items',
  junkemail: 'Junk Email',
  archive: 'Archive',
  drafts: 'Drafts',
  outbox: 'Outbox',
  conversationhistory: 'Conversation History',
};

const opaqueId = (prefix: string, seed: string): string =>
  prefix + createHash('sha256').update(seed).digest('base64url').slice(0, 40);

const timeOf = (m: Partial<GraphMessage>): number => Date.parse(m.receivedDateTime ?? m.sentDateTime ?? m.createdDateTime ?? '');

export class TenantState {
  readonly tenantId: string;
  readonly tenantName: string;
  readonly domains: string[];
  #users: GraphUser[];
  #userIndex = new Map<string, GraphUser>();
  #signIns: Timed<GraphSignIn>[];
  #audits: Timed<GraphDirectoryAudit>[];
  #methods = new Map<string, Snapshot<GraphAuthenticationMethod>[]>();
  #rules = new Map<string, Snapshot<GraphMessageRule>[]>();
  #passwordChangeRequired = new Map<string, boolean>();
  #sessionsValidFrom = new Map<string, string>();
  #mailboxes = new Map<string, Mailbox>();
  #purposes = new Map<string, SimMailboxPurpose>();
  #sent: SentMailRecord[] = [];
  #seq = 0;
  #idCounter = 0;
  /** While a recorded change is replayed: the time it was made at (epoch ms). */
  #replayAt: number | null = null;
  /** Hears every run-time change once it has been made (the demo keeps them across restarts). */
  onChange: ((change: TenantChange) => void) | null = null;

  constructor(
    scenario: TenantScenario,
    readonly clock: Clock,
  ) {
    this.tenantId = scenario.tenant.id;
    this.tenantName = scenario.tenant.displayName;
    this.domains = scenario.tenant.domains;
    this.#users = [...(scenario.users ?? [])];
    for (const u of this.#users) this.#indexUser(u);
    this.#signIns = timed(scenario.signIns ?? [], (s) => s.createdDateTime);
    this.#audits = timed(scenario.directoryAudits ?? [], (a) => a.activityDateTime);
    for (const s of scenario.authenticationMethods ?? []) pushSnapshot(this.#methods, s.userId, Date.parse(s.at), s.methods);
    for (const s of scenario.inboxRules ?? []) pushSnapshot(this.#rules, s.userId, Date.parse(s.at), s.rules);
    for (const r of scenario.mailFolders ?? []) {
      const box = this.#mailbox(r.userId);
      for (const f of r.folders) this.#addFolder(box, f);
      this.#adoptRoot(box);
    }
    for (const m of scenario.messages ?? []) {
      const box = this.#mailbox(m.userId);
      const folder = this.#resolveFolder(box, m.folder);
      if (!folder) continue;
      this.#storeMessage(box, folder.id, m.message, m.mime, [], timeOf(m.message), 0);
    }
  }

  #nowMs(): number {
    return this.#replayAt ?? this.clock.now().getTime();
  }

  #changed(change: TenantChange): void {
    if (this.#replayAt === null) this.onChange?.(change);
  }

  #stamp(): string {
    return new Date(this.#nowMs()).toISOString();
  }

  /** Makes a recorded change again, as of the time it was first made (nothing is reported to onChange). */
  applyChange(change: TenantChange): void {
    const at = Date.parse(change.at);
    if (!Number.isFinite(at)) throw new TenantStateError(`change ${change.op} has no valid time`, 'invalid');
    this.#replayAt = at;
    try {
      switch (change.op) {
        case 'addUser':
          return this.addUser(change.user);
        case 'addSignIns':
          return this.addSignIns(change.signIns);
        case 'addDirectoryAudits':
          return this.addDirectoryAudits(change.audits);
        case 'setAuthenticationMethods':
          return this.setAuthenticationMethods(change.userId, change.methods);
        case 'setInboxRules':
          return this.setInboxRules(change.userId, change.rules);
        case 'createFolder':
          this.createFolder(change.userId, change.displayName, change.isHidden, change.parentId ?? undefined);
          return;
        case 'addMessage':
          this.addMessage(change.input);
          return;
        case 'moveMessage':
          this.moveMessage(change.userId, change.id, change.destination);
          return;
        case 'updateMessage':
          this.updateMessage(change.userId, change.id, change.patch);
          return;
        case 'updateUser':
          return this.updateUser(change.userId, change.patch);
        case 'revokeSignInSessions':
          this.revokeSignInSessions(change.userId);
          return;
        case 'sendMail':
          this.sendMail(change.senderId, change.message, change.attachments, change.saveToSentItems);
          return;
      }
    } finally {
      this.#replayAt = null;
    }
  }

  // ---------- users ----------
  users(): GraphUser[] {
    return this.#users;
  }

  /** By object id, userPrincipalName or mail (case-insensitive). */
  user(idOrUpn: string): GraphUser | undefined {
    return this.#userIndex.get(idOrUpn.toLowerCase());
  }

  addUser(user: GraphUser): void {
    if (this.user(user.id)) throw new TenantStateError(`user ${user.id} exists`, 'invalid');
    this.#users.push(user);
    this.#indexUser(user);
    this.#changed({ op: 'addUser', at: this.#stamp(), user });
  }

  /** What the user's mailbox is (default 'user'); 'none' when the user has no mailbox. */
  mailboxPurpose(idOrUpn: string): SimMailboxPurpose {
    const u = this.#requireUser(idOrUpn);
    return this.#purposes.get(u.id) ?? 'user';
  }

  /** Makes the user's mailbox shared, a room, ... or takes it away ('none': Graph answers MailboxNotEnabledForRESTAPI). */
  setMailboxPurpose(idOrUpn: string, purpose: SimMailboxPurpose): void {
    this.#purposes.set(this.#requireUser(idOrUpn).id, purpose);
  }

  /** PATCH /users/{id}: enable or disable the account, require a password change at next sign-in. */
  updateUser(idOrUpn: string, patch: UserPatch): void {
    const u = this.#requireUser(idOrUpn);
    if (patch.accountEnabled !== undefined) u.accountEnabled = patch.accountEnabled;
    if (patch.forceChangePasswordNextSignIn !== undefined) this.#passwordChangeRequired.set(u.id, patch.forceChangePasswordNextSignIn);
    this.#changed({ op: 'updateUser', at: this.#stamp(), userId: u.id, patch });
  }

  /** True when the user must change their password at next sign-in. */
  passwordChangeRequired(idOrUpn: string): boolean {
    return this.#passwordChangeRequired.get(this.#requireUser(idOrUpn).id) ?? false;
  }

  /** POST /users/{id}/revokeSignInSessions: sessions issued before now are no longer valid; returns that time. */
  revokeSignInSessions(idOrUpn: string): string {
    const u = this.#requireUser(idOrUpn);
    const at = this.#stamp();
    this.#sessionsValidFrom.set(u.id, at);
    this.#changed({ op: 'revokeSignInSessions', at, userId: u.id });
    return at;
  }

  /** The user's signInSessionsValidFromDateTime once sessions were revoked, else null. */
  sessionsValidFrom(idOrUpn: string): string | null {
    return this.#sessionsValidFrom.get(this.#requireUser(idOrUpn).id) ?? null;
  }

  #indexUser(u: GraphUser): void {
    this.#userIndex.set(u.id.toLowerCase(), u);
    this.#userIndex.set(u.userPrincipalName.toLowerCase(), u);
    if (u.mail) this.#userIndex.set(u.mail.toLowerCase(), u);
  }

  #requireUser(idOrUpn: string): GraphUser {
    const u = this.user(idOrUpn);
    if (!u) throw new TenantStateError(`no user ${idOrUpn}`, 'user');
    return u;
  }

  // ---------- audit logs ----------
  /** Sign-ins whose createdDateTime the clock has passed, newest first. */
  visibleSignIns(): GraphSignIn[] {
    return this.timedSignIns(Number.POSITIVE_INFINITY).map((x) => x.record);
  }

  visibleDirectoryAudits(): GraphDirectoryAudit[] {
    return this.timedDirectoryAudits(Number.POSITIVE_INFINITY).map((x) => x.record);
  }

  /** Visible sign-ins at or before `upTo` (epoch ms), newest first, with their parsed times. */
  timedSignIns(upTo: number): readonly Timed<GraphSignIn>[] {
    return fromTime(this.#signIns, Math.min(upTo, this.#nowMs()));
  }

  timedDirectoryAudits(upTo: number): readonly Timed<GraphDirectoryAudit>[] {
    return fromTime(this.#audits, Math.min(upTo, this.#nowMs()));
  }

  addSignIns(signIns: GraphSignIn[]): void {
    this.#signIns = timed([...this.#signIns.map((x) => x.record), ...signIns], (s) => s.createdDateTime);
    this.#changed({ op: 'addSignIns', at: this.#stamp(), signIns });
  }

  addDirectoryAudits(audits: GraphDirectoryAudit[]): void {
    this.#audits = timed([...this.#audits.map((x) => x.record), ...audits], (a) => a.activityDateTime);
    this.#changed({ op: 'addDirectoryAudits', at: this.#stamp(), audits });
  }

  // ---------- snapshots ----------
  authenticationMethods(userId: string): GraphAuthenticationMethod[] {
    const u = this.#requireUser(userId);
    const current = currentSnapshot(this.#methods.get(u.id), this.#nowMs());
    if (current) return current;
    return [{ '@odata.type': '#microsoft.graph.passwordAuthenticationMethod', id: '28c10230-6103-485e-b985-444c60001490', createdDateTime: null }];
  }

  setAuthenticationMethods(userId: string, methods: GraphAuthenticationMethod[]): void {
    const u = this.#requireUser(userId);
    pushSnapshot(this.#methods, u.id, this.#nowMs(), methods);
    this.#changed({ op: 'setAuthenticationMethods', at: this.#stamp(), userId, methods });
  }

  inboxRules(userId: string): GraphMessageRule[] {
    const u = this.#requireUser(userId);
    return currentSnapshot(this.#rules.get(u.id), this.#nowMs()) ?? [];
  }

  /** Replaces the user's rule set from now on (later scenario snapshots still take over when their time comes). */
  setInboxRules(userId: string, rules: GraphMessageRule[]): void {
    const u = this.#requireUser(userId);
    pushSnapshot(this.#rules, u.id, this.#nowMs(), rules);
    this.#changed({ op: 'setInboxRules', at: this.#stamp(), userId, rules });
  }

  // ---------- folders ----------
  folders(userId: string): StoredFolder[] {
    const box = this.#mailbox(this.#requireUser(userId).id);
    return [...box.folders.values()];
  }

  folder(userId: string, idOrName: string): StoredFolder | undefined {
    return this.#resolveFolder(this.#mailbox(this.#requireUser(userId).id), idOrName);
  }

  folderCounts(userId: string, folderId: string): { total: number; unread: number; children: number } {
    const box = this.#mailbox(this.#requireUser(userId).id);
    const now = this.#nowMs();
    let total = 0;
    let unread = 0;
    for (const m of box.messages.values()) {
      if (m.folderId !== folderId || m.visibleAt > now) continue;
      total += 1;
      if (!m.message.isRead) unread += 1;
    }
    const children = [...box.folders.values()].filter((f) => f.parentFolderId === folderId).length;
    return { total, unread, children };
  }

  createFolder(userId: string, displayName: string, isHidden: boolean, parentId?: string): StoredFolder {
    const box = this.#mailbox(this.#requireUser(userId).id);
    const parent = parentId ? this.#resolveFolder(box, parentId) : undefined;
    if (parentId && !parent) throw new TenantStateError(`no folder ${parentId}`, 'folder');
    const parentFolderId = parent?.id ?? box.rootId;
    const clash = [...box.folders.values()].find((f) => f.parentFolderId === parentFolderId && f.displayName.toLowerCase() === displayName.toLowerCase());
    if (clash) throw new TenantStateError(`A folder with the specified name already exists: ${displayName}`, 'invalid');
    const folder: StoredFolder = { id: opaqueId('AAMkAF', `${box.userId}:folder:${++this.#idCounter}:${displayName}`), displayName, parentFolderId, isHidden, wellKnownName: null };
    box.folders.set(folder.id, folder);
    this.#changed({ op: 'createFolder', at: this.#stamp(), userId, displayName, isHidden, parentId: parentId ?? null });
    return folder;
  }

  // ---------- messages ----------
  /** A message by REST id or immutable id, if it exists (the clock has passed its arrival). */
  message(userId: string, id: string): StoredMessage | undefined {
    const box = this.#mailbox(this.#requireUser(userId).id);
    const m = box.messages.get(id) ?? box.messages.get(box.restIndex.get(id) ?? '');
    if (!m || m.visibleAt > this.#nowMs()) return undefined;
    return m;
  }

  /** Visible messages of a folder, newest first. */
  messagesIn(userId: string, folderIdOrName: string): StoredMessage[] {
    const box = this.#mailbox(this.#requireUser(userId).id);
    const folder = this.#resolveFolder(box, folderIdOrName);
    if (!folder) throw new TenantStateError(`no folder ${folderIdOrName}`, 'folder');
    const now = this.#nowMs();
    return [...box.messages.values()].filter((m) => m.folderId === folder.id && m.visibleAt <= now).sort((a, b) => byTimeDesc(a.visibleAt, a.immutableId, b.visibleAt, b.immutableId));
  }

  /**
   * Adds a message (e.g. new inbound mail). It appears when the clock passes its receivedDateTime (default: now).
   * With `mime`, fields the caller leaves out (subject, from, recipients, internetMessageHeaders, ...) come from it.
   */
  addMessage(input: NewMessage): StoredMessage {
    const box = this.#mailbox(this.#requireUser(input.userId).id);
    const folder = this.#resolveFolder(box, input.folder ?? 'inbox');
    if (!folder) throw new TenantStateError(`no folder ${input.folder}`, 'folder');
    const nowIso = new Date(this.#nowMs()).toISOString();
    const id = input.message.id ?? opaqueId('AAMkAG', `${box.userId}:msg:${++this.#idCounter}`);
    if (box.messages.has(id) || box.restIndex.has(id)) throw new TenantStateError(`message ${id} exists`, 'invalid');
    const fromMime = input.mime ? messageFieldsFromMime(input.mime) : {};
    const message: GraphMessage = { receivedDateTime: nowIso, sentDateTime: nowIso, isRead: false, categories: [], ...fromMime, ...input.message, id };
    const stored = this.#storeMessage(box, folder.id, message, input.mime, [], timeOf(message), ++this.#seq);
    // Recorded as given: a replay draws the same id from the same counter.
    this.#changed({ op: 'addMessage', at: this.#stamp(), input });
    return stored;
  }

  /** Moves a message; `keepId` models `Prefer: IdType="ImmutableId"` callers, who only ever see the immutable id. */
  moveMessage(userId: string, id: string, destination: string): StoredMessage {
    const box = this.#mailbox(this.#requireUser(userId).id);
    const m = this.message(userId, id);
    if (!m) throw new TenantStateError(`no message ${id}`, 'message');
    const dest = this.#resolveFolder(box, destination);
    if (!dest) throw new TenantStateError(`no folder ${destination}`, 'folder');
    if (dest.id === m.folderId) return m;
    const seq = ++this.#seq;
    box.departures.push({ seq, folderId: m.folderId, immutableId: m.immutableId, restId: m.restId });
    box.restIndex.delete(m.restId);
    m.restId = opaqueId('AAMkAG', `${m.immutableId}:move:${seq}`);
    box.restIndex.set(m.restId, m.immutableId);
    m.folderId = dest.id;
    m.changeSeq = seq;
    this.#changed({ op: 'moveMessage', at: this.#stamp(), userId, id, destination });
    return m;
  }

  updateMessage(userId: string, id: string, patch: { isRead?: boolean; categories?: string[]; importance?: string }): StoredMessage {
    const m = this.message(userId, id);
    if (!m) throw new TenantStateError(`no message ${id}`, 'message');
    m.message = { ...m.message, ...patch };
    m.changeSeq = ++this.#seq;
    this.#changed({ op: 'updateMessage', at: this.#stamp(), userId, id, patch });
    return m;
  }

  /** Where a message is now, by current REST id, immutable id, original id or internetMessageId. */
  whereIs(userId: string, id: string): MessageLocation | undefined {
    const box = this.#mailbox(this.#requireUser(userId).id);
    const m = box.messages.get(id) ?? box.messages.get(box.restIndex.get(id) ?? '') ?? [...box.messages.values()].find((x) => x.originalId === id || x.message.internetMessageId === id);
    if (!m) return undefined;
    const f = box.folders.get(m.folderId);
    return { userId: box.userId, folderId: m.folderId, folderName: f?.displayName ?? '', wellKnownName: f?.wellKnownName ?? null, restId: m.restId, immutableId: m.immutableId };
  }

  /** Changes to a folder between two (clock, sequence) marks, for delta queries. */
  folderChanges(userId: string, folderId: string, since: { clock: number; seq: number } | null, upTo: { clock: number; seq: number }): { changed: StoredMessage[]; removed: Departure[] } {
    const box = this.#mailbox(this.#requireUser(userId).id);
    const changed = [...box.messages.values()]
      .filter((m) => m.folderId === folderId && m.visibleAt <= upTo.clock && m.changeSeq <= upTo.seq)
      .filter((m) => !since || m.visibleAt > since.clock || m.changeSeq > since.seq)
      .sort((a, b) => a.visibleAt - b.visibleAt || (a.immutableId < b.immutableId ? -1 : 1));
    const removed = since
      ? box.departures.filter((d) => d.folderId === folderId && d.seq > since.seq && d.seq <= upTo.seq && box.messages.get(d.immutableId)?.folderId !== folderId)
      : [];
    return { changed, removed };
  }

  get sequence(): number {
    return this.#seq;
  }

  // ---------- sending ----------
  /** Records the message in the sender's Sent Items and delivers it to recipients who are tenant users. */
  sendMail(senderId: string, message: Partial<GraphMessage> & { bccRecipients?: GraphRecipient[] }, attachments: MimeAttachment[], saveToSentItems = true): SentMailRecord {
    const sender = this.#requireUser(senderId);
    const now = new Date(this.#nowMs()).toISOString();
    const from: GraphRecipient = { emailAddress: { name: sender.displayName ?? null, address: sender.mail ?? sender.userPrincipalName } };
    const internetMessageId = `<${opaqueId('', `${sender.id}:sent:${++this.#idCounter}`).slice(0, 24)}@${this.domains[0] ?? 'lantern.sim'}>`;
    const { bccRecipients, ...visible } = message;
    const base: Omit<GraphMessage, 'id'> = {
      ...visible,
      from,
      sender: from,
      sentDateTime: now,
      receivedDateTime: now,
      createdDateTime: now,
      internetMessageId,
      hasAttachments: attachments.length > 0,
      isRead: false,
      categories: visible.categories ?? [],
      bodyPreview: (visible.body?.content ?? '').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 255),
    };
    if (saveToSentItems) {
      const box = this.#mailbox(sender.id);
      const sentFolder = this.#resolveFolder(box, 'sentitems');
      const id = opaqueId('AAMkAG', `${sender.id}:msg:${++this.#idCounter}`);
      if (sentFolder) this.#storeMessage(box, sentFolder.id, { ...base, id, isRead: true }, undefined, attachments, Date.parse(now), ++this.#seq);
    }
    const recipients = [...(visible.toRecipients ?? []), ...(visible.ccRecipients ?? []), ...(bccRecipients ?? [])];
    const deliveredTo: string[] = [];
    for (const r of recipients) {
      const u = r.emailAddress.address ? this.user(r.emailAddress.address) : undefined;
      if (!u || deliveredTo.includes(u.id)) continue;
      const box = this.#mailbox(u.id);
      const inbox = this.#resolveFolder(box, 'inbox');
      if (!inbox) continue;
      const id = opaqueId('AAMkAG', `${u.id}:msg:${++this.#idCounter}`);
      this.#storeMessage(box, inbox.id, { ...base, id }, undefined, attachments, Date.parse(now), ++this.#seq);
      deliveredTo.push(u.id);
    }
    const record: SentMailRecord = { senderId: sender.id, sentAt: now, message: { ...base, id: internetMessageId }, attachments, deliveredTo };
    this.#sent.push(record);
    this.#changed({ op: 'sendMail', at: now, senderId, message, attachments, saveToSentItems });
    return record;
  }

  sentMail(): SentMailRecord[] {
    return [...this.#sent];
  }

  /** Raw RFC 822 source (the scenario's, or a synthesised one). */
  mimeOf(m: StoredMessage): string {
    return m.mime ?? synthesiseMime(m.message, m.attachments);
  }

  // ---------- internals ----------
  #mailbox(userId: string): Mailbox {
    let box = this.#mailboxes.get(userId);
    if (box) return box;
    const rootId = opaqueId('AAMkAR', `${userId}:msgfolderroot`);
    box = { userId, rootId, folders: new Map(), messages: new Map(), restIndex: new Map(), departures: [] };
    this.#mailboxes.set(userId, box);
    for (const name of WELL_KNOWN_FOLDERS) {
      const f: StoredFolder = { id: opaqueId('AAMkAF', `${userId}:${name}`), displayName: FOLDER_NAMES[name] ?? name, parentFolderId: rootId, isHidden: false, wellKnownName: name };
      box.folders.set(f.id, f);
    }
    return box;
  }

  #addFolder(box: Mailbox, f: GraphMailFolder): void {
    const wk = f.wellKnownName?.toLowerCase();
    if (wk) {
      // The scenario names a well-known folder's id: adopt it.
      const existing = [...box.folders.values()].find((x) => x.wellKnownName === wk);
      if (existing) box.folders.delete(existing.id);
    }
    box.folders.set(f.id, { id: f.id, displayName: f.displayName, parentFolderId: f.parentFolderId ?? box.rootId, isHidden: f.isHidden ?? false, wellKnownName: wk ?? null });
  }

  /** Scenario folders name their root by id without listing it: make that id the mailbox root. */
  #adoptRoot(box: Mailbox): void {
    const orphanParents = new Set([...box.folders.values()].map((f) => f.parentFolderId).filter((p) => p !== box.rootId && !box.folders.has(p)));
    if (orphanParents.size === 1) {
      const root = [...orphanParents][0] as string;
      for (const f of box.folders.values()) if (f.parentFolderId === box.rootId) f.parentFolderId = root;
      box.rootId = root;
    } else {
      for (const f of box.folders.values()) if (orphanParents.has(f.parentFolderId)) f.parentFolderId = box.rootId;
    }
  }

  #resolveFolder(box: Mailbox, idOrName: string): StoredFolder | undefined {
    const direct = box.folders.get(idOrName);
    if (direct) return direct;
    const lower = idOrName.toLowerCase();
    if (lower === 'msgfolderroot') return { id: box.rootId, displayName: 'Top of Information Store', parentFolderId: '', isHidden: false, wellKnownName: 'msgfolderroot' };
    const folders = [...box.folders.values()];
    return folders.find((f) => f.wellKnownName === lower) ?? folders.find((f) => f.displayName.toLowerCase() === lower);
  }

  #storeMessage(box: Mailbox, folderId: string, message: GraphMessage, mime: string | undefined, attachments: MimeAttachment[], visibleAt: number, seq: number): StoredMessage {
    const immutableId = `AAkALg${Buffer.from(message.id, 'utf8').toString('base64url')}`;
    const stored: StoredMessage = { immutableId, restId: message.id, originalId: message.id, folderId, message, mime, attachments, visibleAt: Number.isNaN(visibleAt) ? 0 : visibleAt, changeSeq: seq };
    box.messages.set(immutableId, stored);
    box.restIndex.set(message.id, immutableId);
    return stored;
  }
}

export interface Timed<T> {
  t: number;
  id: string;
  record: T;
}

function timed<T extends { id: string }>(records: T[], time: (r: T) => string): Timed<T>[] {
  return records.map((record) => ({ t: Date.parse(time(record)), id: record.id, record })).sort((a, b) => byTimeDesc(a.t, a.id, b.t, b.id));
}

/** The suffix of a newest-first list starting at the first record at or before `upTo` (binary search). */
function fromTime<T>(list: Timed<T>[], upTo: number): Timed<T>[] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid]?.t ?? 0) > upTo) lo = mid + 1;
    else hi = mid;
  }
  return list.slice(lo);
}

function byTimeDesc(ta: number, ia: string, tb: number, ib: string): number {
  return tb - ta || (ia < ib ? 1 : ia > ib ? -1 : 0);
}

function pushSnapshot<T>(map: Map<string, Snapshot<T>[]>, userId: string, at: number, items: T[]): void {
  const list = map.get(userId) ?? [];
  list.push({ at, items });
  list.sort((a, b) => a.at - b.at);
  map.set(userId, list);
}

function currentSnapshot<T>(list: Snapshot<T>[] | undefined, now: number): T[] | undefined {
  if (!list) return undefined;
  let current: T[] | undefined;
  for (const s of list) if (s.at <= now) current = s.items;
  return current;
}
