// Reads the exports incident responders hold, as they are, into one tenant scenario (docs/replay-formats/):
// the Purview audit search CSV (RecordId, CreationDate, RecordType, Operation, UserId, AuditData with
// AuditData a JSON string; older exports name the columns UserIds and Operations) and the same records as JSON, and the Entra sign-in log JSON export. The format of
// each file is detected from its content; several files combine into one timeline; records of operations the
// engine has no event for are counted by operation and skipped. Pure apart from the caller reading the files.
import type { GraphMessageRule, GraphRecipient, GraphSignIn, GraphUser, InboxRulesSnapshot, TenantScenario } from '@lantern/shared';
import { csvRecords } from './csv.ts';

export type ExportFormat = 'scenario' | 'purview-audit-csv' | 'purview-audit-json' | 'entra-sign-ins-json';

export interface ExportFileSummary {
  name: string;
  format: ExportFormat;
  records: number;
  /** Records turned into engine input (sign-ins, inbox-rule changes). */
  mapped: number;
  /** Records of operations the engine has no event for, by operation. */
  unknown: Record<string, number>;
  /** Records that could not be read (no time, no user, AuditData not JSON). */
  invalid: number;
}

export class ExportFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportFormatError';
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/** Detects a file's format from its text. Throws ExportFormatError when it is none Lantern reads. */
export function detectFormat(text: string): ExportFormat {
  const head = text.replace(/^\ufeff/, '').trimStart();
  if (head.startsWith('{') || head.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(head);
    } catch {
      throw new ExportFormatError('starts like JSON but does not parse');
    }
    if (isObj(json) && json.version === 1 && isObj(json.tenant)) return 'scenario';
    const list = Array.isArray(json) ? json : isObj(json) && Array.isArray(json.value) ? json.value : null;
    const first = list?.find(isObj);
    if (first && ('AuditData' in first || ('CreationTime' in first && 'Operation' in first))) return 'purview-audit-json';
    if (first && 'createdDateTime' in first && 'userPrincipalName' in first) return 'entra-sign-ins-json';
    throw new ExportFormatError('is JSON but neither a scenario, Purview audit records nor Entra sign-ins');
  }
  const firstLine = head.slice(0, head.search(/\r?\n|$/));
  const cols = firstLine.split(',').map((c) => c.replace(/"/g, '').trim());
  if (cols.includes('AuditData') && (cols.includes('Operation') || cols.includes('Operations')) && cols.includes('CreationDate')) return 'purview-audit-csv';
  throw new ExportFormatError('is neither JSON nor a Purview audit CSV (header RecordId,CreationDate,RecordType,Operation,UserId,AuditData)');
}

function iso(v: unknown): string | null {
  const s = str(v);
  if (!s) return null;
  // Purview writes CreationTime without a zone ("2026-03-02T09:15:01"): it is UTC.
  const t = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`);
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

/** Exchange cmdlet parameters ([{Name, Value}]) as a map. */
function params(audit: Obj): Map<string, string> {
  const m = new Map<string, string>();
  const list = Array.isArray(audit.Parameters) ? audit.Parameters : Array.isArray(audit.OperationProperties) ? audit.OperationProperties : [];
  for (const p of list) if (isObj(p) && typeof p.Name === 'string') m.set(p.Name, typeof p.Value === 'string' ? p.Value : String(p.Value ?? ''));
  return m;
}

function nameValue(list: unknown, name: string): string | null {
  if (!Array.isArray(list)) return null;
  for (const p of list) if (isObj(p) && p.Name === name) return str(p.Value);
  return null;
}

const truthy = (v: string | undefined): boolean => v !== undefined && /^(true|1)$/i.test(v.trim());
const recipients = (v: string | undefined): GraphRecipient[] =>
  (v ?? '').split(/[;,]/).map((a) => a.trim().replace(/^smtp:/i, '')).filter((a) => a.includes('@')).map((address) => ({ emailAddress: { address } }));
const words = (v: string | undefined): string[] => (v ?? '').split(/[;,]/).map((w) => w.trim()).filter(Boolean);

/** The audit operations mapped to engine input; the rest are counted. */
const SIGN_IN_OPS = new Set(['UserLoggedIn', 'UserLoginFailed']);
const RULE_OPS = new Set(['New-InboxRule', 'Set-InboxRule', 'Remove-InboxRule', 'UpdateInboxRules']);

interface Timeline {
  signIns: GraphSignIn[];
  /** Per mailbox (UPN): rule name (lower case) → rule, and the snapshots taken after each change. */
  rules: Map<string, Map<string, GraphMessageRule>>;
  snapshots: InboxRulesSnapshot[];
  users: Set<string>;
  first: number;
  last: number;
}

function note(tl: Timeline, at: string, upn: string): void {
  const t = Date.parse(at);
  if (t < tl.first) tl.first = t;
  if (t > tl.last) tl.last = t;
  tl.users.add(upn);
}

/** One Purview audit record (its AuditData parsed) into the timeline; returns the operation if unknown. */
function auditRecord(tl: Timeline, audit: Obj, fallback: { operation: string | null; userId: string | null; at: string | null }): 'mapped' | 'invalid' | { unknown: string } {
  const op = str(audit.Operation) ?? fallback.operation;
  const at = iso(audit.CreationTime) ?? fallback.at;
  const actor = (str(audit.UserId) ?? fallback.userId)?.toLowerCase() ?? null;
  if (!op) return 'invalid';
  if (!SIGN_IN_OPS.has(op) && !RULE_OPS.has(op)) return { unknown: op };
  if (!at || !actor) return 'invalid';
  const id = str(audit.Id) ?? `${op}:${actor}:${at}`;
  if (SIGN_IN_OPS.has(op)) {
    const failed = op === 'UserLoginFailed';
    const code = Number(audit.ErrorNumber);
    const signIn: GraphSignIn = {
      id,
      createdDateTime: at,
      userId: actor,
      userPrincipalName: actor,
      ipAddress: str(audit.ActorIpAddress) ?? str(audit.ClientIP) ?? undefined,
      appId: str(audit.ApplicationId) ?? undefined,
      isInteractive: true,
      deviceDetail: { operatingSystem: nameValue(audit.DeviceProperties, 'OS') ?? undefined, browser: nameValue(audit.DeviceProperties, 'BrowserType') ?? undefined },
      userAgent: nameValue(audit.ExtendedProperties, 'UserAgent') ?? undefined,
      status: { errorCode: failed ? (Number.isInteger(code) && code > 0 ? code : 50126) : 0, failureReason: str(audit.LogonError) ?? undefined },
    } as GraphSignIn;
    tl.signIns.push(signIn);
    note(tl, at, actor);
    return 'mapped';
  }
  // Inbox rules: the mailbox is the Identity/Mailbox parameter's owner or the ObjectId's prefix, else the actor.
  const p = params(audit);
  const objectId = str(audit.ObjectId) ?? '';
  const mailbox = (str(p.get('Mailbox')) ?? (objectId.includes('\\') ? objectId.slice(0, objectId.indexOf('\\')) : null) ?? actor).toLowerCase();
  const upn = mailbox.includes('@') ? mailbox : actor;
  const ruleName = str(p.get('Name')) ?? str(p.get('RuleName')) ?? (objectId.includes('\\') ? objectId.slice(objectId.lastIndexOf('\\') + 1) : null) ?? str(p.get('Identity'));
  if (!ruleName) return 'invalid';
  const rules = tl.rules.get(upn) ?? new Map<string, GraphMessageRule>();
  tl.rules.set(upn, rules);
  const key = ruleName.toLowerCase();
  if (op === 'Remove-InboxRule' || (op === 'UpdateInboxRules' && /remove|delete/i.test(p.get('RuleOperation') ?? ''))) rules.delete(key);
  else {
    const old = rules.get(key);
    const fwd = recipients(p.get('ForwardTo'));
    const att = recipients(p.get('ForwardAsAttachmentTo'));
    const redirect = recipients(p.get('RedirectTo'));
    const conditions: GraphMessageRule['conditions'] = {};
    const subject = words(p.get('SubjectContainsWords'));
    const body = words(p.get('SubjectOrBodyContainsWords'));
    const from = recipients(p.get('From'));
    if (subject.length > 0) conditions.subjectContains = subject;
    if (body.length > 0) conditions.bodyOrSubjectContains = body;
    if (from.length > 0) conditions.fromAddresses = from;
    const folder = str(p.get('MoveToFolder'));
    const rule: GraphMessageRule = {
      ...old,
      id: old?.id ?? `audit-rule:${upn}:${key}`,
      displayName: ruleName,
      isEnabled: p.has('Enabled') ? truthy(p.get('Enabled')) : (old?.isEnabled ?? true),
      conditions: Object.keys(conditions).length > 0 ? conditions : (old?.conditions ?? {}),
      actions: {
        ...old?.actions,
        ...(folder ? { moveToFolder: folder.replace(/^.*[:\\]/, '') } : {}),
        ...(p.has('DeleteMessage') ? { delete: truthy(p.get('DeleteMessage')) } : {}),
        ...(p.has('MarkAsRead') ? { markAsRead: truthy(p.get('MarkAsRead')) } : {}),
        ...(p.has('StopProcessingRules') ? { stopProcessingRules: truthy(p.get('StopProcessingRules')) } : {}),
        ...(fwd.length > 0 ? { forwardTo: fwd } : {}),
        ...(att.length > 0 ? { forwardAsAttachmentTo: att } : {}),
        ...(redirect.length > 0 ? { redirectTo: redirect } : {}),
      },
    };
    rules.set(key, rule);
  }
  tl.snapshots.push({ userId: upn, at, rules: [...rules.values()].map((r) => ({ ...r })) });
  note(tl, at, upn);
  return 'mapped';
}

function entraSignIn(tl: Timeline, raw: unknown): boolean {
  if (!isObj(raw)) return false;
  const upn = str(raw.userPrincipalName)?.toLowerCase();
  const at = iso(raw.createdDateTime);
  if (!upn || !at || !isObj(raw.status)) return false;
  // Users are keyed by UPN so sign-ins and audit records of the same person meet in one timeline.
  tl.signIns.push({ ...(raw as unknown as GraphSignIn), userId: upn, createdDateTime: at });
  note(tl, at, upn);
  return true;
}

export interface ExportFile {
  name: string;
  text: string;
}

export interface ReadExports {
  scenario: TenantScenario;
  files: ExportFileSummary[];
}

/** Reads export files (already read from disk) into one scenario. A scenario file can be given alone only. */
export function readExports(files: readonly ExportFile[]): ReadExports {
  const tl: Timeline = { signIns: [], rules: new Map(), snapshots: [], users: new Set(), first: Infinity, last: -Infinity };
  const summaries: ExportFileSummary[] = [];
  for (const f of files) {
    let format: ExportFormat;
    try {
      format = detectFormat(f.text);
    } catch (err) {
      throw new ExportFormatError(`${f.name}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (format === 'scenario') throw new ExportFormatError(`${f.name}: a scenario file is replayed on its own, not combined with exports`);
    const s: ExportFileSummary = { name: f.name, format, records: 0, mapped: 0, unknown: {}, invalid: 0 };
    const count = (r: 'mapped' | 'invalid' | { unknown: string }) => {
      s.records++;
      if (r === 'mapped') s.mapped++;
      else if (r === 'invalid') s.invalid++;
      else s.unknown[r.unknown] = (s.unknown[r.unknown] ?? 0) + 1;
    };
    if (format === 'purview-audit-csv') {
      for (const row of csvRecords(f.text).records) {
        let audit: unknown;
        try {
          audit = JSON.parse(row.AuditData ?? '');
        } catch {
          audit = null;
        }
        if (!isObj(audit)) {
          count('invalid');
          continue;
        }
        count(auditRecord(tl, audit, { operation: str(row.Operation) ?? str(row.Operations), userId: str(row.UserId) ?? str(row.UserIds), at: iso(row.CreationDate) }));
      }
    } else {
      const json: unknown = JSON.parse(f.text.replace(/^\ufeff/, ''));
      const list: unknown[] = Array.isArray(json) ? json : isObj(json) && Array.isArray(json.value) ? json.value : [];
      for (const item of list) {
        if (format === 'entra-sign-ins-json') {
          count(entraSignIn(tl, item) ? 'mapped' : 'invalid');
          continue;
        }
        // Purview JSON: either the portal's rows (AuditData a string or an object) or raw audit records.
        if (!isObj(item)) {
          count('invalid');
          continue;
        }
        let audit: unknown = item.AuditData ?? item;
        if (typeof audit === 'string') {
          try {
            audit = JSON.parse(audit);
          } catch {
            audit = null;
          }
        }
        if (!isObj(audit)) count('invalid');
        else count(auditRecord(tl, audit, { operation: str(item.Operation), userId: str(item.UserId) ?? str(item.UserIds), at: iso(item.CreationDate) }));
      }
    }
    summaries.push(s);
  }
  const first = Number.isFinite(tl.first) ? tl.first : 0;
  const last = Number.isFinite(tl.last) ? tl.last : 0;
  const domains = [...new Set([...tl.users].map((u) => u.slice(u.lastIndexOf('@') + 1)).filter(Boolean))].sort();
  const users: GraphUser[] = [...tl.users].sort().map((u) => ({ id: u, userPrincipalName: u }) as GraphUser);
  const scenario: TenantScenario = {
    version: 1,
    tenant: { id: 'exports', displayName: 'Replayed exports', domains },
    // A rule seen in the exports is a change, not the mailbox's state before: the period starts just before.
    start: new Date(first - 1000).toISOString(),
    end: new Date(last + 1000).toISOString(),
    users,
    signIns: tl.signIns,
    inboxRules: tl.snapshots,
  };
  return { scenario, files: summaries };
}

/** "purview.csv (Purview audit CSV): 412 records, 120 read, 290 unknown (MailItemsAccessed 250, ...), 2 invalid" */
export function summaryLines(files: readonly ExportFileSummary[]): string[] {
  return files.map((f) => {
    const unknown = Object.entries(f.unknown).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const total = unknown.reduce((n, [, c]) => n + c, 0);
    const list = unknown.slice(0, 8).map(([op, c]) => `${op} ${c}`).join(', ') + (unknown.length > 8 ? `, ${unknown.length - 8} more operations` : '');
    return `${f.name} (${f.format}): ${f.records} records, ${f.mapped} read, ${total} skipped as unknown${total > 0 ? ` (${list})` : ''}, ${f.invalid} invalid`;
  });
}
