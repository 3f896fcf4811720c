// The seeded tenant scenario generator: a deterministic function of its options (never the wall clock,
// never Math.random). See docs/scenario-format.md for the output and the options.
import type { TenantScenario } from '@lantern/shared';
import { injectClassicChain } from './attacks/classic-chain.ts';
import { injectDeviceCode } from './attacks/device-code.ts';
import { injectExternalForwarding } from './attacks/external-forwarding.ts';
import { injectLegacyImap } from './attacks/legacy-imap.ts';
import { injectMfaFatigue } from './attacks/mfa-fatigue.ts';
import { injectPasswordSpray } from './attacks/password-spray.ts';
import { authenticatorMethod, mobilePhoneMethod, passwordMethod } from './authentication-methods.ts';
import { NEWSLETTERS, assignSubscriptions, generateBenignMail } from './benign-mail.ts';
import type { GeneratorContext } from './generator-context.ts';
import { GeneratorOptionsError } from './generator-options-error.ts';
import { finishHardCases, newsletterRuleUsers, planHardCases, type HardCasePlan } from './hard-cases.ts';
import { buildLanternMailbox } from './lantern-mailbox.ts';
import { buildMailbox } from './mail-folders.ts';
import type { AttackKind, GeneratorOptions } from './options.ts';
import { generatePatternOfLife } from './pattern-of-life.ts';
import { Prng } from './prng.ts';
import { ScenarioBuilder } from './scenario-builder.ts';
import { buildOrg, buildPersonas } from './tenant-model.ts';
import { ruleId } from './graph-ids.ts';

const DAY_MS = 86_400_000;
/** The default end of the generated period: fixed, so output never depends on the wall clock. */
export const DEFAULT_END = '2026-11-01T00:00:00.000Z';
export const MAX_USERS = 100_000;
export const MAX_DAYS = 400;

type Injector = (ctx: GeneratorContext, prng: Prng) => boolean;

const INJECTORS: Record<AttackKind, Injector> = {
  'classic-chain': (ctx, prng) => injectClassicChain(ctx, prng),
  'mfa-fatigue': injectMfaFatigue,
  'password-spray': injectPasswordSpray,
  'device-code': injectDeviceCode,
  'external-forwarding': injectExternalForwarding,
  'legacy-imap': injectLegacyImap,
};

function parseTime(field: string, value: string): number {
  const t = Date.parse(value);
  if (!Number.isFinite(t)) throw new GeneratorOptionsError(field, `not an ISO date: ${JSON.stringify(value)}`);
  return t;
}

function period(options: GeneratorOptions): { startMs: number; endMs: number } {
  const span = options.days * DAY_MS;
  if (options.start !== undefined && options.end !== undefined) {
    const startMs = parseTime('start', options.start);
    const endMs = parseTime('end', options.end);
    if (endMs <= startMs) throw new GeneratorOptionsError('end', 'must be after start');
    return { startMs, endMs };
  }
  if (options.start !== undefined) {
    const startMs = parseTime('start', options.start);
    return { startMs, endMs: startMs + span };
  }
  const endMs = parseTime('end', options.end ?? DEFAULT_END);
  return { startMs: endMs - span, endMs };
}

function validate(options: GeneratorOptions): void {
  const int = (field: string, v: number, min: number, max: number): void => {
    if (!Number.isInteger(v) || v < min || v > max) throw new GeneratorOptionsError(field, `must be an integer in [${min}, ${max}], got ${v}`);
  };
  int('users', options.users, 1, MAX_USERS);
  int('days', options.days, 1, MAX_DAYS);
  if (!Number.isInteger(options.seed)) throw new GeneratorOptionsError('seed', `must be an integer, got ${options.seed}`);
  for (const a of options.attacks ?? []) {
    if (!(a.kind in INJECTORS)) throw new GeneratorOptionsError('attacks', `unknown attack kind ${JSON.stringify(a.kind)}`);
    int('attacks.count', a.count, 0, 1000);
  }
  const rate = options.signInsPerWorkday;
  if (rate !== undefined && !(rate >= 1 && rate <= 500)) throw new GeneratorOptionsError('signInsPerWorkday', 'must be in [1, 500]');
  const mail = options.mailPerUserPerDay;
  if (mail !== undefined && !(mail >= 0 && mail <= 50)) throw new GeneratorOptionsError('mailPerUserPerDay', 'must be in [0, 50]');
}

export function generateScenario(options: GeneratorOptions): TenantScenario {
  validate(options);
  const { startMs, endMs } = period(options);
  const root = new Prng(options.seed);
  const org = buildOrg(root.fork('org'), options.tenantName, options.domain);
  const personas = buildPersonas(root.fork('users'), org, options.users, startMs, endMs);
  const builder = new ScenarioBuilder(startMs, endMs);
  const mail = options.mail ?? true;
  const ctx: GeneratorContext = {
    org,
    personas,
    mailboxes: new Map(),
    builder,
    startMs,
    endMs,
    reserved: new Set(),
    subscriptions: new Map(),
    mail,
  };

  const attacks = options.attacks ?? [{ kind: 'classic-chain' as const, count: 1 }];
  // Attack victims (and up to three fallen recipients per chain) take precedence over hard cases.
  const attackUsers = attacks.reduce((n, a) => n + a.count * (a.kind === 'classic-chain' ? 4 : 1), 0);
  const plan: HardCasePlan = options.hardCases ?? true ? planHardCases(ctx, root.fork('hard-cases'), attackUsers) : { newsletterRules: [], newPhones: [] };
  const ruleUsers = newsletterRuleUsers(plan);

  // Mailboxes, and the state every snapshot starts from.
  const setup = root.fork('setup');
  for (const p of personas) {
    const mailbox = buildMailbox(setup, ruleUsers.has(p.id) ? ['Newsletters'] : []);
    ctx.mailboxes.set(p.id, mailbox);
    builder.addMailFolders({ userId: p.id, folders: mailbox.folders });
    const registered = startMs - setup.between(30, 900) * DAY_MS;
    const methods = [passwordMethod(registered)];
    if (p.phone) methods.push(authenticatorMethod(setup, registered + setup.between(0, 3) * 60_000, p.phone.app.operatingSystem ?? null));
    if (!p.phone || setup.chance(0.3)) methods.push(mobilePhoneMethod(setup, p.home.country));
    builder.setAuthenticationMethods(p.id, startMs, methods);
    const rules = setup.chance(0.08)
      ? [{
          id: ruleId(setup),
          displayName: 'Build notifications',
          sequence: 1,
          isEnabled: true,
          hasError: false,
          isReadOnly: false,
          conditions: { subjectContains: ['[Build]'] },
          actions: { moveToFolder: mailbox.ids.get('archive')!, stopProcessingRules: true },
        }]
      : [];
    builder.setInboxRules(p.id, startMs, rules);
  }

  const life = root.fork('life');
  const signInsPerWorkday = options.signInsPerWorkday ?? 24;
  for (const p of personas) generatePatternOfLife(p, org, builder, life.fork(`user:${p.index}`), { signInsPerWorkday });

  assignSubscriptions(ctx, root.fork('subscriptions'));
  for (const r of plan.newsletterRules) {
    const subs = ctx.subscriptions.get(r.persona.id) ?? [];
    if (subs.length === 0) ctx.subscriptions.set(r.persona.id, [r.persona.index % NEWSLETTERS.length]);
  }
  finishHardCases(ctx, root.fork('hard-cases-finish'), plan);
  if (mail) {
    const ruleAt = new Map(plan.newsletterRules.map((r) => [r.persona.id, r.at]));
    generateBenignMail(ctx, root.fork('mail'), options.mailPerUserPerDay ?? 0.5, (p, t) => {
      const at = ruleAt.get(p.id);
      return at !== undefined && t > at ? 'Newsletters' : 'inbox';
    });
  }

  const attackPrng = root.fork('attacks');
  // Password sprays go last: they avoid the other attacks' victims.
  const ordered = [...attacks.filter((a) => a.kind !== 'password-spray'), ...attacks.filter((a) => a.kind === 'password-spray')];
  for (const a of ordered) {
    for (let i = 0; i < a.count; i++) INJECTORS[a.kind](ctx, attackPrng.fork(`${a.kind}:${i}`));
  }

  // Lantern's own mailbox comes last and from its own stream, so every person's records stay as they were.
  const users = personas.map((p) => p.user);
  if (options.lanternMailbox ?? true) {
    const lantern = buildLanternMailbox(root.fork('lantern-mailbox'), org);
    builder.addMailFolders({ userId: lantern.user.id, folders: lantern.mailbox.folders });
    builder.setAuthenticationMethods(lantern.user.id, startMs, [passwordMethod(startMs - 30 * DAY_MS)]);
    builder.setInboxRules(lantern.user.id, startMs, []);
    users.push(lantern.user);
  }
  return builder.build({ id: org.tenantId, displayName: org.displayName, domains: [org.domain] }, users, { mail });
}
