// Options of the seeded scenario generator (server/src/sim/generator/generate.ts).
export type AttackKind = 'classic-chain';

export interface GeneratorOptions {
  users: number;
  days: number;
  seed: number;
  /** ISO start of the generated period; default: `days` days before `end`. */
  start?: string;
  /** ISO end of the generated period. */
  end?: string;
  /** Attack chains to inject (default: one classic chain). */
  attacks?: { kind: AttackKind; count: number }[];
  /** Benign hard cases to include (default: all of them, a few users each). */
  hardCases?: boolean;
  /** Generate inbound mail (default true). */
  mail?: boolean;
  /** Tenant display name and primary domain. */
  tenantName?: string;
  domain?: string;
}
