// Loads a tenant scenario file (shared/src/scenario.ts, version 1) once, at the edge.
// A file that is not a scenario at all (unreadable, not JSON, wrong version, no tenant) is an error;
// individual invalid records are counted, described in `problems` and skipped; unknown fields are ignored.
import { readFileSync, statSync } from 'node:fs';
import type {
  AuthenticationMethodsSnapshot,
  GraphDirectoryAudit,
  GraphMailFolder,
  GraphMessageRule,
  GraphSignIn,
  GraphUser,
  InboxRulesSnapshot,
  MailFoldersRecord,
  ScenarioLabel,
  ScenarioMessage,
  TenantScenario,
} from '@lantern/shared';

export class ScenarioLoadError extends Error {
  constructor(
    message: string,
    readonly source: string,
  ) {
    super(`${source}: ${message}`);
    this.name = 'ScenarioLoadError';
  }
}

export interface LoadedScenario {
  scenario: TenantScenario;
  /** Number of records skipped because they were invalid. */
  skipped: number;
  /** One line per skipped record (capped; the last line says how many more). */
  problems: string[];
}

/** Largest scenario file accepted (JSON.parse needs the whole text in memory). */
export const MAX_SCENARIO_BYTES = 400 * 1024 * 1024;
const MAX_PROBLEMS = 200;
export const WELL_KNOWN_FOLDERS = ['inbox', 'sentitems', 'deleteditems', 'junkemail', 'archive', 'drafts', 'outbox', 'conversationhistory'] as const;

/**
 * `source` is a file path, a JSON text (starting with `{`), or an already parsed value.
 * Throws ScenarioLoadError when the input is not a scenario at all.
 */
export function loadScenario(source: string | object): LoadedScenario {
  if (typeof source !== 'string') return parseScenario(source, '(value)');
  if (source.trimStart().startsWith('{')) return parseScenario(parseJson(source, '(text)'), '(text)');
  let size: number;
  try {
    size = statSync(source).size;
  } catch (err) {
    throw new ScenarioLoadError(`cannot read the scenario file (${(err as NodeJS.ErrnoException).code ?? String(err)})`, source);
  }
  if (size > MAX_SCENARIO_BYTES) throw new ScenarioLoadError(`the file is ${size} bytes; the limit is ${MAX_SCENARIO_BYTES}`, source);
  let text: string;
  try {
    text = readFileSync(source, 'utf8');
  } catch (err) {
    throw new ScenarioLoadError(`cannot read the scenario file (${(err as NodeJS.ErrnoException).code ?? String(err)})`, source);
  }
  return parseScenario(parseJson(text, source), source);
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ScenarioLoadError(`not valid JSON (${err instanceof Error ? err.message : String(err)})`, source);
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isTime = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));

/** Validates a parsed scenario value. Exported for callers that already hold the JSON. */
export function parseScenario(value: unknown, source = '(value)'): LoadedScenario {
  if (!isObj(value)) throw new ScenarioLoadError('a scenario is a JSON object', source);
  if (value['version'] !== 1) throw new ScenarioLoadError(`unsupported scenario version ${JSON.stringify(value['version'])} (expected 1)`, source);
  const tenant = value['tenant'];
  if (!isObj(tenant) || !isStr(tenant['id'])) throw new ScenarioLoadError('missing tenant.id', source);
  const problems: string[] = [];
  let skipped = 0;
  let omitted = 0;
  const problem = (what: string): void => {
    skipped += 1;
    if (problems.length < MAX_PROBLEMS) problems.push(what);
    else omitted += 1;
  };

  const list = (name: string): unknown[] => {
    const v = value[name];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      problem(`${name}: not an array, ignored`);
      return [];
    }
    return v;
  };

  const seen = new Map<string, Set<string>>();
  const unique = (kind: string, id: string): boolean => {
    let s = seen.get(kind);
    if (!s) seen.set(kind, (s = new Set()));
    if (s.has(id)) return false;
    s.add(id);
    return true;
  };

  const users: GraphUser[] = [];
  list('users').forEach((u, i) => {
    if (!isObj(u) || !isStr(u['id']) || !isStr(u['userPrincipalName'])) return problem(`users[${i}]: needs id and userPrincipalName`);
    if (!unique('user', u['id'])) return problem(`users[${i}]: duplicate id ${u['id']}`);
    users.push(u as unknown as GraphUser);
  });

  const signIns: GraphSignIn[] = [];
  list('signIns').forEach((s, i) => {
    if (!isObj(s) || !isStr(s['id']) || !isTime(s['createdDateTime']) || !isStr(s['userId']) || typeof s['userPrincipalName'] !== 'string') {
      return problem(`signIns[${i}]: needs id, createdDateTime, userId and userPrincipalName`);
    }
    if (!unique('signIn', s['id'])) return problem(`signIns[${i}]: duplicate id ${s['id']}`);
    signIns.push(s as unknown as GraphSignIn);
  });

  const directoryAudits: GraphDirectoryAudit[] = [];
  list('directoryAudits').forEach((a, i) => {
    if (!isObj(a) || !isStr(a['id']) || !isTime(a['activityDateTime']) || typeof a['activityDisplayName'] !== 'string') {
      return problem(`directoryAudits[${i}]: needs id, activityDateTime and activityDisplayName`);
    }
    if (!unique('audit', a['id'])) return problem(`directoryAudits[${i}]: duplicate id ${a['id']}`);
    directoryAudits.push(a as unknown as GraphDirectoryAudit);
  });

  const authenticationMethods: AuthenticationMethodsSnapshot[] = [];
  list('authenticationMethods').forEach((s, i) => {
    if (!isObj(s) || !isStr(s['userId']) || !isTime(s['at']) || !Array.isArray(s['methods'])) return problem(`authenticationMethods[${i}]: needs userId, at and methods[]`);
    const methods = s['methods'].filter((m): m is Obj => isObj(m) && isStr(m['id']) && isStr(m['@odata.type']));
    if (methods.length !== s['methods'].length) problem(`authenticationMethods[${i}]: ${s['methods'].length - methods.length} method(s) without id or @odata.type dropped`);
    authenticationMethods.push({ userId: s['userId'], at: s['at'], methods: methods as unknown as AuthenticationMethodsSnapshot['methods'] });
  });

  const mailFolders: MailFoldersRecord[] = [];
  const folderIds = new Map<string, Set<string>>();
  list('mailFolders').forEach((r, i) => {
    if (!isObj(r) || !isStr(r['userId']) || !Array.isArray(r['folders'])) return problem(`mailFolders[${i}]: needs userId and folders[]`);
    const folders: GraphMailFolder[] = [];
    r['folders'].forEach((f, j) => {
      if (!isObj(f) || !isStr(f['id']) || typeof f['displayName'] !== 'string') return problem(`mailFolders[${i}].folders[${j}]: needs id and displayName`);
      if (!unique('folder', f['id'])) return problem(`mailFolders[${i}].folders[${j}]: duplicate id ${f['id']}`);
      folders.push(f as unknown as GraphMailFolder);
    });
    const ids = folderIds.get(r['userId']) ?? new Set<string>();
    for (const f of folders) ids.add(f.id).add(f.displayName.toLowerCase());
    folderIds.set(r['userId'], ids);
    mailFolders.push({ userId: r['userId'], folders });
  });

  const inboxRules: InboxRulesSnapshot[] = [];
  list('inboxRules').forEach((s, i) => {
    if (!isObj(s) || !isStr(s['userId']) || !isTime(s['at']) || !Array.isArray(s['rules'])) return problem(`inboxRules[${i}]: needs userId, at and rules[]`);
    const rules = s['rules'].filter((r): r is Obj => isObj(r) && isStr(r['id']) && typeof r['displayName'] === 'string');
    if (rules.length !== s['rules'].length) problem(`inboxRules[${i}]: ${s['rules'].length - rules.length} rule(s) without id or displayName dropped`);
    inboxRules.push({ userId: s['userId'], at: s['at'], rules: rules as unknown as GraphMessageRule[] });
  });

  const messages: ScenarioMessage[] = [];
  list('messages').forEach((m, i) => {
    if (!isObj(m) || !isStr(m['userId']) || !isStr(m['folder']) || !isObj(m['message'])) return problem(`messages[${i}]: needs userId, folder and message`);
    const msg = m['message'];
    if (!isStr(msg['id'])) return problem(`messages[${i}]: message.id missing`);
    if (!isTime(msg['receivedDateTime']) && !isTime(msg['sentDateTime']) && !isTime(msg['createdDateTime'])) {
      return problem(`messages[${i}]: message needs receivedDateTime (or sentDateTime)`);
    }
    const folder = m['folder'];
    const known = (WELL_KNOWN_FOLDERS as readonly string[]).includes(folder.toLowerCase()) || folderIds.get(m['userId'])?.has(folder) || folderIds.get(m['userId'])?.has(folder.toLowerCase());
    if (!known) return problem(`messages[${i}]: unknown folder '${folder}' for user ${m['userId']}`);
    if (!unique('message', msg['id'])) return problem(`messages[${i}]: duplicate message id ${msg['id']}`);
    if (m['mime'] !== undefined && typeof m['mime'] !== 'string') return problem(`messages[${i}]: mime must be a string`);
    messages.push({ userId: m['userId'], folder, message: msg as unknown as ScenarioMessage['message'], ...(typeof m['mime'] === 'string' ? { mime: m['mime'] } : {}) });
  });

  const labels: ScenarioLabel[] = [];
  list('labels').forEach((l, i) => {
    if (!isObj(l) || !isStr(l['name']) || (l['kind'] !== 'attack' && l['kind'] !== 'benign-hard-case') || !Array.isArray(l['userIds'])) return problem(`labels[${i}]: needs kind, name and userIds`);
    labels.push(l as unknown as ScenarioLabel);
  });

  // Records about users the scenario does not list are kept: Graph serves sign-ins of deleted users too.
  const times = [...signIns.map((s) => s.createdDateTime), ...directoryAudits.map((a) => a.activityDateTime)].sort();
  let start = value['start'];
  let end = value['end'];
  if (!isTime(start)) {
    start = times[0] ?? new Date(0).toISOString();
    problems.push(`start missing or invalid; using ${String(start)}`);
  }
  if (!isTime(end)) {
    end = times[times.length - 1] ?? start;
    problems.push(`end missing or invalid; using ${String(end)}`);
  }
  if (omitted > 0) problems.push(`... and ${omitted} more`);

  const scenario: TenantScenario = {
    version: 1,
    tenant: {
      id: tenant['id'],
      displayName: typeof tenant['displayName'] === 'string' ? tenant['displayName'] : tenant['id'],
      domains: Array.isArray(tenant['domains']) ? tenant['domains'].filter(isStr) : [],
    },
    start: start as string,
    end: end as string,
    users,
    signIns,
    directoryAudits,
    authenticationMethods,
    mailFolders,
    inboxRules,
    messages,
    labels,
  };
  return { scenario, skipped, problems };
}
