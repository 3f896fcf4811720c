// Dispatches `lantern <command>` to server/src/cli/<command>.ts, each exporting `run(args): Promise<number>`.
import { CliError, cliFailureLine } from './cli-error.ts';

const commands: Record<string, { summary: string; load: () => Promise<{ run: (args: string[]) => Promise<number> }> }> = {
  start: { summary: 'run Lantern (no configuration: the simulated demo tenant)', load: () => import('./start.ts') },
  sim: { summary: 'run the tenant simulator, or generate a scenario file (--generate)', load: () => import('./sim.ts') },
  replay: { summary: 'replay a tenant scenario file through identity detection', load: () => import('./replay.ts') },
  assess: { summary: 'score .eml files or folders of them', load: () => import('./assess.ts') },
  train: { summary: 'learn the mail score from a labelled corpus (--corpus DIR)', load: () => import('./train.ts') },
  backfill: { summary: 'score the last N days of mail and report what Lantern would have done (dry run)', load: () => import('./backfill.ts') },
  bench: { summary: 'run the benchmarks and print the figures', load: () => import('./bench.ts') },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`);
  return ['usage: lantern <command> [options]', '', 'commands:', ...lines, '', 'lantern <command> --help for its options'].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`lantern: unknown command '${name}'\n\n${usage()}\n`);
    return 2;
  }
  try {
    const mod = await command.load();
    return await mod.run(rest);
  } catch (err) {
    // Every failure is one line; the stack only on request (the entry point is where the environment is read).
    process.stderr.write(`${cliFailureLine(name, err)}\n`);
    if (process.env.LANTERN_DEBUG === '1' && !(err instanceof CliError)) process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return err instanceof CliError ? err.exitCode : 1;
  }
}
