// Shared by the ingestion tests: a simulator over a generated tenant, a Graph client for it, and what the
// store should hold once everything up to a time has been ingested.
import type { DomainEvent, InboxRuleEvent, TenantScenario } from '@lantern/shared';
import pino from 'pino';
import type { Logger } from 'pino';
import type { GraphApiOptions } from '../../server/src/graph/create-graph-api.ts';
import type { GraphApi } from '../../server/src/graph/graph-api.ts';
import type { RunningSimulator } from '../../server/src/sim/simulator.ts';
import type { Store } from '../../server/src/store/store.ts';
import { simulatorGraphApi } from '../../server/src/sim/simulator-graph-api.ts';

export const silent: Logger = pino({ level: 'silent' });

export interface SimEndpoint {
  graphUrl: string;
  authority: string;
  knownAuthority: string;
  caPem: string;
}

export function endpointOf(sim: RunningSimulator): SimEndpoint {
  return { graphUrl: sim.graphUrl, authority: sim.authority, knownAuthority: sim.knownAuthority, caPem: sim.caPem };
}

export function graphFor(sim: SimEndpoint, extra: Partial<GraphApiOptions> = {}): GraphApi {
  return simulatorGraphApi(sim, {
    logger: silent,
    ...extra,
  });
}

export interface Expected {
  signIns: Set<string>;
  securityInfo: Set<string>;
  /** internetMessageIds of inbox mail per user. */
  messages: Map<string, string[]>;
}

/** What ingesting everything visible at `now` must store (sign-ins and audits by id, inbox mail by user). */
export function expectedAt(scenario: TenantScenario, now: string): Expected {
  const t = Date.parse(now);
  const signIns = new Set((scenario.signIns ?? []).filter((s) => Date.parse(s.createdDateTime) <= t).map((s) => s.id));
  const securityInfo = new Set(
    (scenario.directoryAudits ?? []).filter((a) => a.loggedByService === 'Authentication Methods' && Date.parse(a.activityDateTime) <= t).map((a) => a.id),
  );
  const messages = new Map<string, string[]>();
  for (const m of scenario.messages ?? []) {
    if (m.folder !== 'inbox') continue;
    const at = Date.parse(m.message.receivedDateTime ?? '');
    if (!(at <= t)) continue;
    const list = messages.get(m.userId) ?? [];
    list.push(m.message.internetMessageId ?? m.message.id);
    messages.set(m.userId, list);
  }
  return { signIns, securityInfo, messages };
}

export async function allEvents(store: Store): Promise<DomainEvent[]> {
  return store.listEvents({ limit: 100_000 });
}

/** Stored events grouped the way `Expected` is. */
export function actualOf(events: readonly DomainEvent[]): Expected & { rules: InboxRuleEvent[] } {
  const signIns = new Set<string>();
  const securityInfo = new Set<string>();
  const messages = new Map<string, string[]>();
  const rules: InboxRuleEvent[] = [];
  for (const e of events) {
    if (e.kind === 'signIn') signIns.add(e.id);
    else if (e.kind === 'securityInfo') securityInfo.add(e.id);
    else if (e.kind === 'inboxRule') rules.push(e);
    else {
      const list = messages.get(e.userId) ?? [];
      list.push(e.internetMessageId ?? e.messageId);
      messages.set(e.userId, list);
    }
  }
  return { signIns, securityInfo, messages, rules };
}

export function sortedMessages(m: Map<string, string[]>): [string, string[]][] {
  return [...m.entries()].map(([k, v]) => [k, [...v].sort()] as [string, string[]]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** Replays rule events per user: the rule ids each mailbox holds at the end. Throws on an impossible sequence. */
export function replayRules(events: readonly InboxRuleEvent[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const ordered = [...events].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  for (const e of ordered) {
    const set = out.get(e.userId) ?? new Set<string>();
    out.set(e.userId, set);
    // `existing` (a mailbox's first snapshot) and `created` both put a rule in the mailbox.
    if (e.change === 'created' || e.change === 'existing') {
      if (set.has(e.rule.id)) throw new Error(`rule ${e.rule.id} of ${e.userId} ${e.change} twice`);
      set.add(e.rule.id);
    } else if (e.change === 'deleted') {
      if (!set.has(e.rule.id)) throw new Error(`rule ${e.rule.id} of ${e.userId} deleted while absent`);
      set.delete(e.rule.id);
    } else if (!set.has(e.rule.id)) throw new Error(`rule ${e.rule.id} of ${e.userId} changed while absent`);
  }
  return out;
}
