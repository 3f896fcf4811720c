import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './cli-error.ts';

/** node:util parseArgs with errors turned into CliError (a clear one-line message, exit code 2). */
export function parseCommandArgs<T extends ParseArgsConfig>(args: string[], config: Omit<T, 'args'>): ReturnType<typeof parseArgs<T & { args: string[] }>> {
  try {
    return parseArgs({ ...config, args } as T & { args: string[] });
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err));
  }
}
