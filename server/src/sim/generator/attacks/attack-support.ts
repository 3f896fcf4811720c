// Helpers the attack injectors share: the attacker's infrastructure and sign-ins from it.
import type { SignInApp } from '../apps.ts';
import type { GeneratorContext } from '../generator-context.ts';
import { endpointAt } from '../endpoints.ts';
import { HOSTING, ipInNetwork } from '../networks.ts';
import type { Prng } from '../prng.ts';
import { makeSignIn, type Endpoint } from '../sign-in-factory.ts';
import type { GraphDeviceDetail, GraphSignInStatus } from '@lantern/shared';
import type { Persona } from '../tenant-model.ts';

/** Countries a persona's ordinary traffic can come from (home, offices, corporate VPN, stays). */
export function countriesOf(ctx: GeneratorContext, p: Persona): Set<string> {
  const countries = new Set<string>([p.home.country, ctx.org.country, ctx.org.corporateVpn.city.country]);
  for (const o of ctx.org.offices) countries.add(o.city.country);
  for (const s of p.stays) countries.add(s.city.country);
  return countries;
}

/** A hosting-provider address in a country none of `victims` has used. */
export function attackerEndpoint(ctx: GeneratorContext, prng: Prng, victims: Persona[]): Endpoint {
  const used = new Set<string>();
  for (const v of victims) for (const c of countriesOf(ctx, v)) used.add(c);
  const candidates = HOSTING.filter((n) => !used.has(n.country));
  const network = prng.pick(candidates.length > 0 ? candidates : HOSTING);
  return endpointAt(network, network.city!, ipInNetwork(network, () => prng.next()));
}

export function attackerSignIn(
  ctx: GeneratorContext,
  prng: Prng,
  victim: Persona,
  t: number,
  app: SignInApp,
  endpoint: Endpoint,
  device: GraphDeviceDetail,
  options: { interactive: boolean; status: GraphSignInStatus; clientAppUsed?: string; correlationId?: string },
): void {
  const correlationId = options.correlationId ?? prng.guid();
  ctx.builder.addSignIn(t, () =>
    makeSignIn(prng.guid(), victim, {
      t,
      app,
      endpoint,
      device,
      clientAppUsed: options.clientAppUsed ?? 'Browser',
      interactive: options.interactive,
      status: options.status,
      correlationId,
    }),
  );
}

/** A time between `from` and `to` fractions of the period, leaving `tailMs` before the end. */
export function attackStart(ctx: GeneratorContext, prng: Prng, from: number, to: number, tailMs: number): number {
  const latest = ctx.endMs - tailMs;
  const t = ctx.startMs + (ctx.endMs - ctx.startMs) * prng.real(from, to);
  return Math.max(ctx.startMs + 60_000, Math.min(t, latest));
}
