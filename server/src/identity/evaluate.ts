// Scores identity detection against a scenario's ground truth (scenario.labels): were the attack chains
// found (every user of the chain in an incident of severity ≥ high with the expected models), and how
// many benign users ended up in incidents.
import type { Incident, ScenarioLabel, Severity, TenantScenario } from '@lantern/shared';
import type { ReplayResult } from './replay.ts';

const RANK: Readonly<Record<Severity, number>> = { low: 0, medium: 1, high: 2, critical: 3 };

export interface AttackOutcome {
  name: string;
  users: number;
  detected: boolean;
  /** Highest severity among incidents holding the chain's users. */
  severity: Severity | null;
  usersMissing: number;
  missingModels: string[];
}

export interface HardCaseOutcome {
  name: string;
  users: number;
  /** Highest severity of an incident that includes one of its users; null when none. */
  severity: Severity | null;
}

export interface ScenarioEvaluation {
  users: number;
  signIns: number;
  attacks: AttackOutcome[];
  attacksDetected: number;
  benignUsers: number;
  benignInMedium: number;
  benignInHigh: number;
  benignMediumRate: number;
  hardCases: HardCaseOutcome[];
  incidents: Record<Severity, number>;
}

function severityOfUser(incidents: readonly Incident[], userId: string): { severity: Severity | null; models: Set<string> } {
  let best: Severity | null = null;
  const models = new Set<string>();
  for (const i of incidents) {
    if (!i.breaches.some((b) => b.userId === userId)) continue;
    if (best === null || RANK[i.severity] > RANK[best]) best = i.severity;
    if (RANK[i.severity] >= RANK.high) for (const b of i.breaches) models.add(b.model);
  }
  return { severity: best, models };
}

export function evaluateReplay(scenario: TenantScenario, result: ReplayResult): ScenarioEvaluation {
  const incidents = result.raw.incidents;
  const labels: ScenarioLabel[] = scenario.labels ?? [];
  const attackUsers = new Set<string>();
  for (const l of labels) if (l.kind === 'attack') for (const u of l.userIds) attackUsers.add(u);
  const attacks: AttackOutcome[] = [];
  for (const l of labels) {
    if (l.kind !== 'attack') continue;
    let missing = 0;
    let sev: Severity | null = null;
    const models = new Set<string>();
    for (const u of l.userIds) {
      const r = severityOfUser(incidents, u);
      if (r.severity === null || RANK[r.severity] < RANK.high) missing++;
      if (r.severity !== null && (sev === null || RANK[r.severity] > RANK[sev])) sev = r.severity;
      for (const m of r.models) models.add(m);
    }
    const missingModels = (l.expectedModels ?? []).filter((m) => !models.has(m));
    attacks.push({ name: l.name, users: l.userIds.length, detected: missing === 0 && missingModels.length === 0, severity: sev, usersMissing: missing, missingModels });
  }
  const allUsers = (scenario.users ?? []).map((u) => u.id);
  const benign = allUsers.filter((u) => !attackUsers.has(u));
  const inMedium = new Set<string>();
  const inHigh = new Set<string>();
  for (const i of incidents) {
    for (const b of i.breaches) {
      if (attackUsers.has(b.userId)) continue;
      if (RANK[i.severity] >= RANK.medium) inMedium.add(b.userId);
      if (RANK[i.severity] >= RANK.high) inHigh.add(b.userId);
    }
  }
  const hardCases: HardCaseOutcome[] = labels
    .filter((l) => l.kind === 'benign-hard-case')
    .map((l) => {
      let sev: Severity | null = null;
      for (const u of l.userIds) {
        const r = severityOfUser(incidents, u);
        if (r.severity !== null && (sev === null || RANK[r.severity] > RANK[sev])) sev = r.severity;
      }
      return { name: l.name, users: l.userIds.length, severity: sev };
    });
  const counts: Record<Severity, number> = { low: 0, medium: 0, high: 0, critical: 0 };
  for (const i of incidents) counts[i.severity]++;
  return {
    users: allUsers.length,
    signIns: result.stats.signIns,
    attacks,
    attacksDetected: attacks.filter((a) => a.detected).length,
    benignUsers: benign.length,
    benignInMedium: inMedium.size,
    benignInHigh: inHigh.size,
    benignMediumRate: benign.length > 0 ? inMedium.size / benign.length : 0,
    hardCases,
    incidents: counts,
  };
}
