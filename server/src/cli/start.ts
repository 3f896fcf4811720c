// `lantern start`: runs Lantern. With no tenant settings it runs the built-in simulated tenant (demo mode)
// and prints what it is doing and where to look.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { ConfigError, loadConfig } from '../config.ts';
import { startLantern } from '../runtime/start-lantern.ts';
import { checkDemoHost } from '../runtime/demo-host.ts';
import { SqliteInUseError } from '../store/sqlite-lock.ts';
import { parseCommandArgs } from './args.ts';
import { CliError } from './cli-error.ts';

const ARGS = {
  options: {
    port: { type: 'string' },
    'no-addin': { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
    'allow-remote-demo': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  allowPositionals: false,
} as const;

const USAGE = `usage: lantern start [--port N] [--no-addin] [--fresh] [--allow-remote-demo]

Runs the backend, the pollers, identity detection, mail scoring and triage. With no tenant settings
(LANTERN_TENANT_ID, LANTERN_CLIENT_ID, LANTERN_CLIENT_SECRET, ...: see the README) it runs against the
built-in simulated tenant and plays its story: a few quiet days, then an account takeover.

  --port N      listen on this port (default LANTERN_PORT or 3000; 0 picks a free one)
  --no-addin    do not build or serve the add-in pages
  --fresh       demo only: delete the stored demo (reports, campaigns, approvals, audit, the simulated
                mailboxes' changes and the tenant clock) and start over; without it the demo resumes
  --allow-remote-demo
                demo only: listen on a non-loopback LANTERN_HOST (the demo hands out analyst tokens to
                anyone who can reach it; also LANTERN_ALLOW_REMOTE_DEMO=1)
`;

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the add-in pages into the data directory unless a build newer than every source is there. */
async function ensureAddinBuilt(outDir: string, say: (line: string) => void): Promise<string> {
  const stamp = join(outDir, '.vite', 'manifest.json');
  const sources = join(repoRoot, 'addin');
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= newestMtime(sources)) return outDir;
  say('building the add-in pages (once, before the first start; about a minute on a small machine)');
  const { buildAddin } = await import('../../../addin/src/build/build-addin.ts');
  const { progressLine } = await import('../../../addin/src/build/build-progress.ts');
  await buildAddin({ outDir, onProgress: (p) => say(progressLine(p)) });
  return outDir;
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs<typeof ARGS>(args, ARGS);
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const env = { ...process.env };
  if (values.port !== undefined) env.LANTERN_PORT = values.port;
  let config;
  try {
    config = loadConfig(env, process.cwd(), (p) => readFileSync(p, 'utf8'));
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message);
    throw err;
  }

  try {
    checkDemoHost(config.mode, config.host, values['allow-remote-demo'] || env.LANTERN_ALLOW_REMOTE_DEMO === '1');
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message);
    throw err;
  }
  if (values.fresh && config.mode !== 'demo') throw new CliError('--fresh only starts the demo over; Lantern never deletes the data it keeps for a real tenant');

  const started = Date.now();
  const say = (line: string) => process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${line}\n`);
  // Structured logs go to stderr (warnings and errors by default); the story goes to stdout.
  const logger = pino(
    { level: config.logLevel === 'info' ? 'warn' : config.logLevel, redact: { paths: ['*.token', '*.accessToken', '*.authorization', '*.body'], censor: '[redacted]' } },
    pino.destination(2),
  );

  say(config.mode === 'demo' ? 'Lantern, demo mode: no tenant configured, using the built-in simulated tenant' : `Lantern, tenant ${config.tenant?.tenantId}`);
  const addinDir = values['no-addin'] ? null : await ensureAddinBuilt(join(config.dataDir, 'addin'), say);
  let lantern;
  try {
    lantern = await startLantern({ config, logger, addinDir, progress: say, fresh: values.fresh });
  } catch (err) {
    // Settings only Graph can check (e.g. LANTERN_SECURITY_MAILBOX names no user) fail in one line too.
    if (err instanceof ConfigError || err instanceof SqliteInUseError) throw new CliError(err.message);
    throw err;
  }

  const base = lantern.url;
  say(`backend listening at ${base}`);
  if (lantern.simulator) {
    say(`  demo mailbox (Outlook stand-in with the task pane): ${base}/addin/demo.html`);
    say(`  security console:                                   ${base}/addin/console.html`);
  }
  say(`  start here (links to everything):                    ${base}/`);
  if (addinDir) say(`  incidents (in the console, analysts sign in):        ${base}/incidents`);
  say(`  health: ${base}/api/health`);
  say('press Ctrl+C to stop');

  // Progress: what has been ingested, every few seconds while it changes.
  let last = '';
  const timer = setInterval(() => {
    const h = lantern.ingestion.health();
    const parts = Object.entries(h.sources).map(([name, s]) => `${name} ${s.records}${s.errors > 0 ? ` (${s.errors} errors)` : ''}`);
    const line = `tenant clock ${lantern.clock.now().toISOString().slice(0, 16)}Z · ingested: ${parts.join(', ')} · incidents ≥ high: ${
      lantern.engine.incidents().filter((i) => i.severity === 'high' || i.severity === 'critical').length
    }`;
    if (line.slice(30) !== last.slice(30)) say(line);
    last = line;
  }, 5_000);
  timer.unref();

  await new Promise<void>((done) => {
    const stop = () => {
      say('stopping');
      done();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  clearInterval(timer);
  await lantern.stop();
  return 0;
}
