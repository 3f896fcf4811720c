import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './cli-error.ts';

type Config = Omit<ParseArgsConfig, 'args'>;

/** node:util parseArgs with errors turned into CliError (a clear one-line message, exit code 2). */
export function parseCommandArgs<const T extends Config>(args: string[], config: T): ReturnType<typeof parseArgs<T & { args: string[] }>> {
  try {
    return parseArgs<T & { args: string[] }>({ ...config, args });
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err));
  }
}
