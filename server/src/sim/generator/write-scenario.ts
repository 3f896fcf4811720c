// Writes a TenantScenario as one JSON document, streaming record by record (never one giant string), so
// tenants with millions of sign-ins can be written with bounded extra memory.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { TenantScenario } from '@lantern/shared';

const FLUSH_BYTES = 1 << 20;

/** Raised when the scenario file cannot be written; `path` says which. */
export class ScenarioWriteError extends Error {
  readonly path: string;
  constructor(path: string, cause: unknown) {
    super(`cannot write scenario to ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'ScenarioWriteError';
    this.path = path;
  }
}

const ARRAY_FIELDS = [
  'users',
  'signIns',
  'directoryAudits',
  'authenticationMethods',
  'mailFolders',
  'inboxRules',
  'messages',
  'labels',
] as const satisfies readonly (keyof TenantScenario)[];

class ChunkWriter {
  #parts: string[] = [];
  #size = 0;
  readonly #out: WriteStream;
  constructor(out: WriteStream) {
    this.#out = out;
  }
  async write(s: string): Promise<void> {
    this.#parts.push(s);
    this.#size += s.length;
    if (this.#size >= FLUSH_BYTES) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.#parts.length === 0) return;
    const chunk = this.#parts.join('');
    this.#parts = [];
    this.#size = 0;
    if (!this.#out.write(chunk)) await once(this.#out, 'drain');
  }
}

/** Writes `scenario` to `path` (compact JSON, one record per line inside each array). */
export async function writeScenario(path: string, scenario: TenantScenario): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => out.once('error', (err) => reject(new ScenarioWriteError(path, err))));
  failed.catch(() => undefined);
  const work = (async (): Promise<void> => {
    const w = new ChunkWriter(out);
    await w.write(`{"version":${JSON.stringify(scenario.version)},"tenant":${JSON.stringify(scenario.tenant)},"start":${JSON.stringify(scenario.start)},"end":${JSON.stringify(scenario.end)}`);
    for (const field of ARRAY_FIELDS) {
      const records: readonly unknown[] | undefined = scenario[field];
      if (records === undefined) continue;
      await w.write(`,\n"${field}":[`);
      for (let i = 0; i < records.length; i++) await w.write((i === 0 ? '\n' : ',\n') + JSON.stringify(records[i]));
      await w.write('\n]');
    }
    await w.write('}\n');
    await w.flush();
    out.end();
    await once(out, 'finish');
  })();
  await Promise.race([work, failed]);
}
