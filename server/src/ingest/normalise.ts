// The edge between Graph JSON and Lantern's domain: every record is validated here once and turned into a
// typed domain value (shared/src/domain.ts). Unknown fields are ignored, missing optional fields become null,
// and a record without its essentials (id, time, user) is rejected with a sentence saying what is missing.
import type {
  AuthMethod,
  AuthMethodType,
  InboxRule,
  MessageEvent,
  SecurityInfoAction,
  SecurityInfoEvent,
  SignInEvent,
} from '@lantern/shared';

export type Normalised<T> = { ok: true; value: T } | { ok: false; error: string };

/** Longest string kept from any Graph field; longer values are cut (Graph fields are short in practice). */
const MAX_TEXT = 512;
/** Most entries kept from any array field (recipients, condition terms, methods). */
const MAX_ITEMS = 100;

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fail<T>(error: string): Normalised<T> {
  return { ok: false, error };
}

function text(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const t = v.trim();
  if (t === '') return null;
  return t.length > MAX_TEXT ? t.slice(0, MAX_TEXT) : t;
}

/** A string kept even when empty (rule names may legitimately be empty or punctuation only). */
function rawText(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  return v.length > MAX_TEXT ? v.slice(0, MAX_TEXT) : v;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function bool(v: unknown): boolean | null {
  return typeof v === 'boolean' ? v : null;
}

/** Parses an ISO 8601 time and returns it in canonical UTC form, or null. */
function isoTime(v: unknown): string | null {
  if (typeof v !== 'string' || v.length > 64) return null;
  const t = Date.parse(v);
  if (!Number.isFinite(t)) return null;
  return new Date(t).toISOString();
}

function obj(v: unknown): Obj {
  return isObj(v) ? v : {};
}

function lowerOrNull(v: string | null): string | null {
  return v === null ? null : v.toLowerCase();
}

// ---------------------------------------------------------------------------------------------------------
// Sign-ins

export function normaliseSignIn(raw: unknown): Normalised<SignInEvent> {
  if (!isObj(raw)) return fail('sign-in is not a JSON object');
  const id = text(raw.id);
  if (!id) return fail('sign-in has no id');
  const at = isoTime(raw.createdDateTime);
  if (!at) return fail(`sign-in ${id} has no valid createdDateTime`);
  const userId = text(raw.userId);
  if (!userId) return fail(`sign-in ${id} has no userId`);
  const upn = text(raw.userPrincipalName);
  if (!upn) return fail(`sign-in ${id} has no userPrincipalName`);
  const status = raw.status;
  if (!isObj(status) || num(status.errorCode) === null) return fail(`sign-in ${id} has no status.errorCode (its outcome is unknown)`);
  const errorCode = num(status.errorCode) ?? 0;
  const location = obj(raw.location);
  const geo = obj(location.geoCoordinates);
  const device = obj(raw.deviceDetail);
  const lat = num(geo.latitude);
  const lon = num(geo.longitude);
  const risk = text(raw.riskLevelDuringSignIn) ?? text(raw.riskLevelAggregated);
  const country = text(location.countryOrRegion);
  return {
    ok: true,
    value: {
      id,
      kind: 'signIn',
      at,
      userId,
      upn: upn.toLowerCase(),
      ip: text(raw.ipAddress),
      country: country ? country.toUpperCase() : null,
      city: text(location.city),
      state: text(location.state),
      lat: lat !== null && Math.abs(lat) <= 90 ? lat : null,
      lon: lon !== null && Math.abs(lon) <= 180 ? lon : null,
      appId: text(raw.appId),
      appName: text(raw.appDisplayName),
      resourceName: text(raw.resourceDisplayName),
      clientApp: text(raw.clientAppUsed),
      os: text(device.operatingSystem),
      browser: text(device.browser),
      deviceId: text(device.deviceId),
      deviceName: text(device.displayName),
      interactive: bool(raw.isInteractive) ?? interactiveFromEventTypes(raw.signInEventTypes) ?? true,
      success: errorCode === 0,
      errorCode,
      failureReason: errorCode === 0 ? null : text(status.failureReason),
      authProtocol: text(raw.authenticationProtocol),
      userAgent: text(raw.userAgent),
      sessionId: text(raw.sessionId),
      riskLevel: risk === 'hidden' ? null : lowerOrNull(risk),
    },
  };
}

/** Beta's `signInEventTypes`: false for a non-interactive user sign-in, true for an interactive one, else null. */
function interactiveFromEventTypes(v: unknown): boolean | null {
  if (!Array.isArray(v)) return null;
  if (v.includes('interactiveUser')) return true;
  if (v.includes('nonInteractiveUser')) return false;
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Security info (MFA) audits and authentication methods

const ACTIONS: readonly [RegExp, SecurityInfoAction][] = [
  [/^(user|admin) registered( all required)? security info/i, 'registered'],
  [/^(user|admin) changed default security info/i, 'changed-default'],
  [/^(user|admin) updated security info/i, 'updated'],
  [/^(user|admin) deleted security info/i, 'deleted'],
  [/^(user|admin) started security info registration/i, 'started'],
  [/^(user|admin) cancel+ed security info registration/i, 'canceled'],
  [/^(fraud reported|suspicious activity reported)/i, 'fraud-reported'],
];

const METHOD_TYPES: readonly [RegExp, AuthMethodType][] = [
  [/temporary access/i, 'temporaryAccessPass'],
  [/authenticator|microsoft ?authenticator|push notification/i, 'authenticator'],
  [/fido|security key|passkey/i, 'fido2'],
  [/hello/i, 'windowsHello'],
  [/oath|software token|hardware token|verification code from app/i, 'softwareOath'],
  [/phone|sms|text message|voice|mobile/i, 'phone'],
  [/e-?mail/i, 'email'],
  [/platform credential/i, 'platformCredential'],
  [/password/i, 'password'],
];

function methodTypeOf(method: string | null): AuthMethodType | null {
  if (!method) return null;
  for (const [re, type] of METHOD_TYPES) if (re.test(method)) return type;
  return 'other';
}

/** "User registered Authenticator App with Notification and Code" → "Authenticator App with Notification and Code". */
function methodFromReason(reason: string | null): string | null {
  if (!reason) return null;
  const m = /^(?:user|admin)\s+(?:registered|updated|deleted|changed default|changed|started|canceled|cancelled)\s+(.+)$/i.exec(reason);
  const rest = (m ? m[1]! : reason).trim();
  if (/^(all required )?security info\b/i.test(rest) && !/ from | to /i.test(rest)) return null;
  return rest;
}

export function normaliseSecurityInfoAudit(raw: unknown, methodsAfter: AuthMethod[] | null): Normalised<SecurityInfoEvent> {
  if (!isObj(raw)) return fail('directory audit is not a JSON object');
  const id = text(raw.id);
  if (!id) return fail('directory audit has no id');
  const at = isoTime(raw.activityDateTime);
  if (!at) return fail(`directory audit ${id} has no valid activityDateTime`);
  const activity = text(raw.activityDisplayName);
  if (!activity) return fail(`directory audit ${id} has no activityDisplayName`);
  const service = text(raw.loggedByService);
  let action: SecurityInfoAction | null = null;
  for (const [re, a] of ACTIONS) {
    if (re.test(activity)) {
      action = a;
      break;
    }
  }
  const isAuthMethods = service !== null && /^authentication methods$/i.test(service);
  if (!action && !isAuthMethods) return fail(`directory audit ${id} ("${activity}") is not a security info change`);
  const byAdmin = /^admin\b/i.test(activity);
  const initiator = obj(obj(raw.initiatedBy).user);
  // The account whose security info changed: the target for admin actions, otherwise the initiator.
  const targets = Array.isArray(raw.targetResources) ? raw.targetResources.filter(isObj) : [];
  const targetUser = targets.find((t) => text(t.type)?.toLowerCase() === 'user') ?? targets[0];
  const subject = byAdmin && targetUser ? targetUser : initiator;
  const userId = text(subject.id) ?? text(initiator.id) ?? (targetUser ? text(targetUser.id) : null);
  if (!userId) return fail(`directory audit ${id} names no user`);
  const upn = text(subject.userPrincipalName) ?? text(initiator.userPrincipalName) ?? (targetUser ? text(targetUser.userPrincipalName) : null);
  if (!upn) return fail(`directory audit ${id} names no userPrincipalName`);
  const reason = text(raw.resultReason);
  const method = methodFromReason(reason);
  const result = text(raw.result);
  return {
    ok: true,
    value: {
      id,
      kind: 'securityInfo',
      at,
      userId,
      upn: upn.toLowerCase(),
      activity,
      action: action ?? 'other',
      method,
      methodType: methodTypeOf(method),
      byAdmin,
      ip: text(initiator.ipAddress),
      success: result === null || /^success/i.test(result),
      methodsAfter,
    },
  };
}

const ODATA_METHOD_TYPES: Readonly<Record<string, AuthMethodType>> = {
  microsoftauthenticatorauthenticationmethod: 'authenticator',
  phoneauthenticationmethod: 'phone',
  emailauthenticationmethod: 'email',
  fido2authenticationmethod: 'fido2',
  windowshelloforbusinessauthenticationmethod: 'windowsHello',
  softwareoathauthenticationmethod: 'softwareOath',
  temporaryaccesspassauthenticationmethod: 'temporaryAccessPass',
  passwordauthenticationmethod: 'password',
  platformcredentialauthenticationmethod: 'platformCredential',
};

export function normaliseAuthMethods(raw: unknown): Normalised<AuthMethod[]> {
  if (!Array.isArray(raw)) return fail('authentication methods are not a JSON array');
  if (raw.length > MAX_ITEMS) return fail(`authentication methods list has ${raw.length} entries (at most ${MAX_ITEMS})`);
  const out: AuthMethod[] = [];
  for (let i = 0; i < raw.length; i++) {
    const m: unknown = raw[i];
    if (!isObj(m)) return fail(`authentication method #${i} is not a JSON object`);
    const id = text(m.id);
    if (!id) return fail(`authentication method #${i} has no id`);
    const odata = text(m['@odata.type']);
    if (!odata) return fail(`authentication method ${id} has no @odata.type`);
    const key = odata.replace(/^#?microsoft\.graph\./i, '').toLowerCase();
    out.push({
      id,
      type: ODATA_METHOD_TYPES[key] ?? 'other',
      displayName: text(m.displayName) ?? text(m.phoneType),
      createdAt: isoTime(m.createdDateTime),
    });
  }
  return { ok: true, value: out };
}

// ---------------------------------------------------------------------------------------------------------
// Inbox rules

function addresses(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (const r of v) {
    if (out.length >= MAX_ITEMS) break;
    const a = text(obj(obj(r).emailAddress).address);
    if (a) out.push(a.toLowerCase());
  }
  return out;
}

function strings(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (const s of v) {
    if (out.length >= MAX_ITEMS) break;
    const t = text(s);
    if (t) out.push(t);
  }
  return out;
}

/** Whether a predicate set restricts anything, and the words and addresses it matches on. */
function predicates(v: unknown): { any: boolean; terms: string[] } {
  if (!isObj(v)) return { any: false, terms: [] };
  let any = false;
  const terms: string[] = [];
  for (const [key, value] of Object.entries(v)) {
    if (key.startsWith('@odata')) continue;
    if (Array.isArray(value)) {
      const t = key === 'fromAddresses' || key === 'sentToAddresses' ? addresses(value) : strings(value);
      if (t.length > 0) {
        any = true;
        for (const x of t) if (terms.length < MAX_ITEMS) terms.push(x);
      }
    } else if (value === true) {
      any = true;
    } else if (typeof value === 'string' && value.trim() !== '') {
      any = true;
    } else if (isObj(value)) {
      // e.g. withinSizeRange { minimumSize, maximumSize }
      if (Object.values(value).some((x) => x !== null && x !== undefined && x !== 0)) any = true;
    }
  }
  return { any, terms };
}

function folderName(id: string | null, folderNames: ReadonlyMap<string, string>): string | null {
  if (!id) return null;
  return folderNames.get(id) ?? folderNames.get(id.toLowerCase()) ?? id;
}

export function normaliseInboxRule(raw: unknown, folderNames: ReadonlyMap<string, string>): Normalised<InboxRule> {
  if (!isObj(raw)) return fail('inbox rule is not a JSON object');
  const id = text(raw.id);
  if (!id) return fail('inbox rule has no id');
  const name = rawText(raw.displayName);
  if (name === null) return fail(`inbox rule ${id} has no displayName`);
  const cond = predicates(raw.conditions);
  const actions = obj(raw.actions);
  const seq = num(raw.sequence);
  return {
    ok: true,
    value: {
      id,
      name,
      enabled: bool(raw.isEnabled) ?? true,
      sequence: seq,
      hasConditions: cond.any,
      conditionTerms: cond.terms,
      moveToFolder: folderName(text(actions.moveToFolder), folderNames),
      copyToFolder: folderName(text(actions.copyToFolder), folderNames),
      moveToFolderId: text(actions.moveToFolder),
      copyToFolderId: text(actions.copyToFolder),
      delete: bool(actions.delete) ?? false,
      permanentDelete: bool(actions.permanentDelete) ?? false,
      markAsRead: bool(actions.markAsRead) ?? false,
      stopProcessing: bool(actions.stopProcessingRules) ?? false,
      forwardTo: addresses(actions.forwardTo),
      forwardAsAttachmentTo: addresses(actions.forwardAsAttachmentTo),
      redirectTo: addresses(actions.redirectTo),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Messages

export function normaliseMessage(raw: unknown, userId: string, upn: string, folder: string): Normalised<MessageEvent> {
  if (!isObj(raw)) return fail('message is not a JSON object');
  const messageId = text(raw.id);
  if (!messageId) return fail('message has no id');
  if (!userId || !upn) return fail(`message ${messageId} has no owning user`);
  const receivedAt = isoTime(raw.receivedDateTime);
  const at = receivedAt ?? isoTime(raw.createdDateTime) ?? isoTime(raw.sentDateTime);
  if (!at) return fail(`message ${messageId} has no receivedDateTime, createdDateTime or sentDateTime`);
  const from = obj(obj(raw.from ?? raw.sender).emailAddress);
  const address = text(from.address);
  return {
    ok: true,
    value: {
      id: `${userId}:${messageId}`,
      kind: 'message',
      at,
      userId,
      upn: upn.toLowerCase(),
      messageId,
      internetMessageId: text(raw.internetMessageId),
      folder,
      subject: text(raw.subject),
      fromAddress: address ? address.toLowerCase() : null,
      fromName: text(from.name),
      receivedAt,
    },
  };
}
