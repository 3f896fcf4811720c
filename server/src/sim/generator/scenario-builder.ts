// Collects generated records, keeps snapshot state per user, and assembles the TenantScenario with every
// time-stamped list sorted by time. Sign-ins are bucketed by day so sorting a large tenant stays cheap.
import type {
  AuthenticationMethodsSnapshot,
  GraphAuthenticationMethod,
  GraphDirectoryAudit,
  GraphMessageRule,
  GraphSignIn,
  InboxRulesSnapshot,
  MailFoldersRecord,
  ScenarioLabel,
  ScenarioMessage,
  GraphUser,
  ScenarioTenant,
  TenantScenario,
} from '@lantern/shared';
import { graphTime } from './sign-in-factory.ts';

const DAY_MS = 86_400_000;

interface Bucket {
  times: number[];
  records: GraphSignIn[];
}

export interface InboxRoute {
  from: number;
  folder: string;
  folderId: string;
  markAsRead: boolean;
}

function applyRoute(message: ScenarioMessage, route: InboxRoute): void {
  message.folder = route.folder;
  message.message.parentFolderId = route.folderId;
  if (route.markAsRead) message.message.isRead = true;
}

export class ScenarioBuilder {
  readonly startMs: number;
  readonly endMs: number;
  readonly #buckets: Bucket[];
  readonly #audits: { t: number; record: GraphDirectoryAudit }[] = [];
  readonly #messages: { t: number; message: ScenarioMessage }[] = [];
  readonly #methods = new Map<string, { t: number; methods: GraphAuthenticationMethod[] }[]>();
  readonly #rules = new Map<string, { t: number; rules: GraphMessageRule[] }[]>();
  readonly #folders: MailFoldersRecord[] = [];
  readonly #labels: ScenarioLabel[] = [];
  #signInCount = 0;
  readonly #routes = new Map<string, InboxRoute>();

  constructor(startMs: number, endMs: number) {
    this.startMs = startMs;
    this.endMs = endMs;
    const days = Math.max(1, Math.ceil((endMs - startMs) / DAY_MS));
    this.#buckets = Array.from({ length: days }, () => ({ times: [], records: [] }));
  }

  inRange(t: number): boolean {
    return t >= this.startMs && t < this.endMs;
  }

  get signInCount(): number {
    return this.#signInCount;
  }

  /** Adds a sign-in built lazily, only when `t` is inside the period. */
  addSignIn(t: number, build: () => GraphSignIn): boolean {
    if (!this.inRange(t)) return false;
    const bucket = this.#buckets[Math.floor((t - this.startMs) / DAY_MS)]!;
    bucket.times.push(Math.floor(t / 1000) * 1000);
    bucket.records.push(build());
    this.#signInCount++;
    return true;
  }

  /** Adds a sign-in the caller has checked to be inside the period (see inRange). */
  pushSignIn(t: number, record: GraphSignIn): void {
    const bucket = this.#buckets[Math.floor((t - this.startMs) / DAY_MS)]!;
    bucket.times.push(Math.floor(t / 1000) * 1000);
    bucket.records.push(record);
    this.#signInCount++;
  }

  addAudit(t: number, record: GraphDirectoryAudit): void {
    if (this.inRange(t)) this.#audits.push({ t, record });
  }

  addMessage(t: number, message: ScenarioMessage): void {
    if (!this.inRange(t)) return;
    const route = this.#routes.get(message.userId);
    if (route && t > route.from && message.folder === 'inbox') applyRoute(message, route);
    this.#messages.push({ t, message });
  }

  /**
   * From `from` on, mail arriving in `userId`'s inbox goes to `folder` (an inbox rule without conditions),
   * including mail added before this call and mail added later.
   */
  routeInbox(userId: string, route: InboxRoute): void {
    this.#routes.set(userId, route);
    for (const m of this.#messages) {
      if (m.message.userId === userId && m.t > route.from && m.message.folder === 'inbox') applyRoute(m.message, route);
    }
  }

  setAuthenticationMethods(userId: string, t: number, methods: GraphAuthenticationMethod[]): void {
    const list = this.#methods.get(userId) ?? [];
    list.push({ t, methods });
    this.#methods.set(userId, list);
  }

  currentAuthenticationMethods(userId: string): GraphAuthenticationMethod[] {
    const list = this.#methods.get(userId);
    return list && list.length > 0 ? list[list.length - 1]!.methods : [];
  }

  setInboxRules(userId: string, t: number, rules: GraphMessageRule[]): void {
    const list = this.#rules.get(userId) ?? [];
    list.push({ t, rules });
    this.#rules.set(userId, list);
  }

  currentInboxRules(userId: string): GraphMessageRule[] {
    const list = this.#rules.get(userId);
    return list && list.length > 0 ? list[list.length - 1]!.rules : [];
  }

  addMailFolders(record: MailFoldersRecord): void {
    this.#folders.push(record);
  }

  /** Users named by the attack labels recorded so far. */
  attackedUserIds(): Set<string> {
    return new Set(this.#labels.filter((l) => l.kind === 'attack').flatMap((l) => l.userIds));
  }

  addLabel(label: ScenarioLabel): void {
    this.#labels.push(label);
  }

  build(tenant: ScenarioTenant, users: GraphUser[], options: { mail: boolean }): TenantScenario {
    const signIns: GraphSignIn[] = [];
    for (const bucket of this.#buckets) {
      const order = Array.from(bucket.times.keys());
      const { times, records } = bucket;
      order.sort((a, b) => times[a]! - times[b]! || a - b);
      for (const i of order) signIns.push(records[i]!);
    }
    const byTime = <T extends { t: number }>(a: T, b: T): number => a.t - b.t;
    const snapshots = <T>(map: Map<string, { t: number; v: T }[]>): { userId: string; t: number; v: T }[] => {
      const out: { userId: string; t: number; v: T }[] = [];
      for (const [userId, list] of map) for (const s of list) out.push({ userId, t: s.t, v: s.v });
      return out.sort(byTime);
    };
    const methodSnaps = new Map<string, { t: number; v: GraphAuthenticationMethod[] }[]>();
    for (const [k, list] of this.#methods) methodSnaps.set(k, list.map((s) => ({ t: s.t, v: s.methods })));
    const ruleSnaps = new Map<string, { t: number; v: GraphMessageRule[] }[]>();
    for (const [k, list] of this.#rules) ruleSnaps.set(k, list.map((s) => ({ t: s.t, v: s.rules })));
    const authenticationMethods: AuthenticationMethodsSnapshot[] = snapshots(methodSnaps).map((s) => ({
      userId: s.userId,
      at: graphTime(s.t),
      methods: s.v,
    }));
    const inboxRules: InboxRulesSnapshot[] = snapshots(ruleSnaps).map((s) => ({ userId: s.userId, at: graphTime(s.t), rules: s.v }));
    const scenario: TenantScenario = {
      version: 1,
      tenant,
      start: new Date(this.startMs).toISOString(),
      end: new Date(this.endMs).toISOString(),
      users,
      signIns,
      directoryAudits: this.#audits.sort(byTime).map((a) => a.record),
      authenticationMethods,
      mailFolders: this.#folders,
      inboxRules,
      messages: options.mail ? this.#messages.sort(byTime).map((m) => m.message) : [],
      labels: this.#labels.sort((a, b) => a.start.localeCompare(b.start)),
    };
    return scenario;
  }
}
