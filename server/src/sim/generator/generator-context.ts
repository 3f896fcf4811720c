// State shared by the generator's stages (pattern of life, mail, hard cases, attacks).
import type { Mailbox } from './mail-folders.ts';
import type { ScenarioBuilder } from './scenario-builder.ts';
import type { Org, Persona } from './tenant-model.ts';

export interface GeneratorContext {
  org: Org;
  personas: Persona[];
  mailboxes: Map<string, Mailbox>;
  builder: ScenarioBuilder;
  startMs: number;
  endMs: number;
  /** Persona indices already given a special role (hard case or attack), so roles do not overlap. */
  reserved: Set<number>;
  /** Newsletter senders each user is subscribed to (index into NEWSLETTERS). */
  subscriptions: Map<string, number[]>;
  mail: boolean;
}

/**
 * Picks a persona without a special role, preferring ones that match `fit`; marks it reserved.
 * `draw` gives the random number in [0, 1) that picks; NaN means "do not pick" (null).
 */
export function reservePersona(
  ctx: GeneratorContext,
  draw: () => number,
  fit: (p: Persona) => boolean = () => true,
): Persona | null {
  const r = draw();
  if (Number.isNaN(r)) return null;
  const free = ctx.personas.filter((p) => !ctx.reserved.has(p.index));
  const fitting = free.filter(fit);
  const pool = fitting.length > 0 ? fitting : free;
  if (pool.length === 0) return null;
  const chosen = pool[Math.floor(r * pool.length)]!;
  ctx.reserved.add(chosen.index);
  return chosen;
}
