// `lantern sim`: runs the tenant simulator (HTTPS Graph subset + local OpenID provider) until interrupted,
// or with --generate writes a generated scenario file.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { TenantScenario } from '@lantern/shared';
import { acceleratedClock, systemClock } from '../clock.ts';
import { persistCertificates } from '../sim/certificates.ts';
import { ScenarioLoadError, loadScenario } from '../sim/load-scenario.ts';
import { SIM_CLIENT_ID, SIM_CLIENT_SECRET, startSimulator } from '../sim/simulator.ts';
import { parseCommandArgs } from './args.ts';
import { CliError, systemErrorText } from './cli-error.ts';

const HELP = `usage:
  lantern sim [--scenario FILE] [--port N] [--speed X] [--start ISO] [--throttle] [--faults RATE]
              [--fault-seed N] [--batch-424] [--no-mailbox UPN]... [--shared UPN]... [--room UPN]...
              [--cert-dir DIR] [--users N --days N --seed N]
  lantern sim --generate [--users 200] [--days 30] [--seed 7] --out FILE

Runs a Microsoft Graph v1.0 subset and an OpenID identity provider over HTTPS on 127.0.0.1, serving the
scenario as of a clock that starts at --start (default: the scenario's start) and runs --speed times real time.
Without --scenario a scenario is generated (default 50 users, 14 days, seed 7).

  --scenario FILE   tenant scenario (docs/scenario-format.md); invalid records are skipped and counted
  --port N          port (default 8443; 0 picks a free one)
  --speed X         clock speed (default 1; 1440 replays a day per minute)
  --start ISO       clock start (default: scenario start)
  --throttle        apply Graph's throttling limits (per mailbox 10,000/10 min and 4 concurrent; audit logs 5/10 s)
  --faults RATE     inject 503/504, slow, malformed and empty-page faults with this probability (0-1)
  --fault-seed N    seed of the fault sequence (default 1)
  --batch-424       answer a $batch holding a throttled (429) request with an outer 424 Failed Dependency
  --no-mailbox UPN  this user has no mailbox: mail requests answer 404 MailboxNotEnabledForRESTAPI (repeatable)
  --shared UPN / --room UPN   this user's mailbox is a shared / room mailbox (mailboxSettings.userPurpose; repeatable)
  --cert-dir DIR    where the CA and server certificate are kept and reused (default .lantern/sim-certs)
  --client-id ID / --client-secret S   the confidential client accepted by the token endpoint
  --generate        write a generated scenario to --out instead of serving
`;

const ARGS = {
  options: {
    help: { type: 'boolean', short: 'h' },
    scenario: { type: 'string' },
    port: { type: 'string' },
    speed: { type: 'string' },
    start: { type: 'string' },
    throttle: { type: 'boolean' },
    faults: { type: 'string' },
    'fault-seed': { type: 'string' },
    'batch-424': { type: 'boolean' },
    'no-mailbox': { type: 'string', multiple: true },
    shared: { type: 'string', multiple: true },
    room: { type: 'string', multiple: true },
    'cert-dir': { type: 'string' },
    'client-id': { type: 'string' },
    'client-secret': { type: 'string' },
    generate: { type: 'boolean' },
    users: { type: 'string' },
    days: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
  },
  strict: true,
  allowPositionals: false,
} as const;

export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs<typeof ARGS>(args, ARGS);
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const int = (name: string, raw: string | undefined, def: number, min: number, max: number): number => {
    if (raw === undefined) return def;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new CliError(`--${name} must be an integer in [${min}, ${max}], got '${raw}'`);
    return n;
  };
  const num = (name: string, raw: string | undefined, def: number, min: number, max: number): number => {
    if (raw === undefined) return def;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || n > max) throw new CliError(`--${name} must be a number in [${min}, ${max}], got '${raw}'`);
    return n;
  };

  if (values.generate) {
    if (!values.out) throw new CliError('--generate needs --out FILE');
    const scenario = await generate(int('users', values.users, 200, 1, 100_000), int('days', values.days, 30, 1, 400), int('seed', values.seed, 7, -2_147_483_648, 2_147_483_647));
    const { writeScenario } = await import('../sim/generator/write-scenario.ts');
    const out = resolve(values.out);
    try {
      // A missing folder is created, as `--out results/today.json` reads.
      mkdirSync(dirname(out), { recursive: true });
      await writeScenario(out, scenario);
    } catch (err) {
      throw new CliError(`cannot write ${values.out}: ${systemErrorText(err)}`);
    }
    process.stdout.write(`wrote ${values.out}: ${scenario.users?.length ?? 0} users, ${scenario.signIns?.length ?? 0} sign-ins, ${scenario.messages?.length ?? 0} messages, ${scenario.start} to ${scenario.end}\n`);
    return 0;
  }

  let scenario: TenantScenario;
  if (values.scenario) {
    try {
      const loaded = loadScenario(resolve(values.scenario));
      scenario = loaded.scenario;
      if (loaded.skipped > 0) {
        process.stderr.write(`lantern sim: skipped ${loaded.skipped} invalid record(s):\n${loaded.problems.slice(0, 10).map((p) => `  ${p}`).join('\n')}\n`);
      }
    } catch (err) {
      if (err instanceof ScenarioLoadError) throw new CliError(err.message);
      throw err;
    }
  } else {
    scenario = await generate(int('users', values.users, 50, 1, 100_000), int('days', values.days, 14, 1, 400), int('seed', values.seed, 7, -2_147_483_648, 2_147_483_647));
  }

  const start = values.start ?? scenario.start;
  if (Number.isNaN(Date.parse(start))) throw new CliError(`--start is not an ISO date: '${start}'`);
  const speed = num('speed', values.speed, 1, 0.001, 1_000_000);
  const clock = acceleratedClock(new Date(start), speed, systemClock);
  const certificates = await persistCertificates(resolve(values['cert-dir'] ?? '.lantern/sim-certs'), systemClock);
  const clientId = values['client-id'] ?? SIM_CLIENT_ID;
  const clientSecret = values['client-secret'] ?? SIM_CLIENT_SECRET;
  const rate = num('faults', values.faults, 0, 0, 1);
  const sim = await startSimulator({
    scenario,
    clock,
    port: int('port', values.port, 8443, 0, 65_535),
    throttling: values.throttle ? {} : false,
    faults: { rate, seed: int('fault-seed', values['fault-seed'], 1, 0, 2 ** 31) },
    ...(values['batch-424'] ? { batchFailsWhenThrottled: true } : {}),
    certificates,
    clientSecrets: { [clientId]: clientSecret },
  });
  const purposes: [string[] | undefined, 'none' | 'shared' | 'room'][] = [
    [values['no-mailbox'], 'none'],
    [values.shared, 'shared'],
    [values.room, 'room'],
  ];
  for (const [upns, purpose] of purposes) {
    for (const upn of upns ?? []) {
      if (!sim.state.user(upn)) {
        await sim.close();
        throw new CliError(`no user '${upn}' in the scenario`);
      }
      sim.state.setMailboxPurpose(upn, purpose);
    }
  }
  const firstUser = scenario.users?.[0]?.userPrincipalName ?? 'user@example.com';
  process.stdout.write(
    [
      `Lantern tenant simulator: ${scenario.tenant.displayName} (${scenario.users?.length ?? 0} users, ${scenario.signIns?.length ?? 0} sign-ins, ${scenario.messages?.length ?? 0} messages)`,
      `  clock        starts ${start}, speed x${speed}`,
      `  Graph        ${sim.graphUrl}   (Graph client: baseUrl ${sim.baseUrl}, customHosts ['localhost'])`,
      `  authority    ${sim.authority}   (msal knownAuthorities ['${sim.knownAuthority}'])`,
      `  tenant id    ${sim.tenantId}`,
      `  client       id ${clientId}  secret ${clientSecret}`,
      `  CA           ${certificates.caFile}   (NODE_EXTRA_CA_CERTS=${certificates.caFile})`,
      `  throttling   ${values.throttle ? 'Graph limits' : 'off'};  faults ${rate > 0 ? `rate ${rate}` : 'off'}`,
      '',
      'Get an app token:',
      `  curl --cacert ${certificates.caFile} -d grant_type=client_credentials -d client_id=${clientId} \\`,
      `       -d client_secret=${clientSecret} -d scope=https://graph.microsoft.com/.default ${sim.authority}/oauth2/v2.0/token`,
      'Then:',
      `  curl --cacert ${certificates.caFile} -H "Authorization: Bearer $TOKEN" '${sim.graphUrl}/users/${firstUser}/mailFolders/inbox/messages?$top=5'`,
      '',
      'Ctrl-C stops the simulator.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await sim.close();
  return 0;
}

async function generate(users: number, days: number, seed: number): Promise<TenantScenario> {
  let mod: { generateScenario: (o: { users: number; days: number; seed: number }) => TenantScenario };
  try {
    mod = await import('../sim/generator/generate.ts');
  } catch (err) {
    throw new CliError(`the scenario generator is not available (${err instanceof Error ? err.message : String(err)}); pass --scenario FILE`, 1);
  }
  try {
    return mod.generateScenario({ users, days, seed });
  } catch (err) {
    if (err instanceof Error && err.name === 'GeneratorOptionsError') throw new CliError(err.message);
    throw err;
  }
}
