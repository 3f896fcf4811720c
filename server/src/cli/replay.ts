import { CliError } from './cli-error.ts';

export async function run(_args: string[]): Promise<number> {
  throw new CliError('the replay command is not built yet', 1);
}
