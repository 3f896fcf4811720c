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
  /** Buffers `s`; true when the buffer is big enough that the caller should `flush()`. */
  add(s: string): boolean {
    this.#parts.push(s);
    this.#size += s.length;
    return this.#size >= FLUSH_BYTES;
  }
  async flush(): Promise<void> {
    if (this.#parts.length === 0) return;
    const chunk = this.#parts.join('');
    this.#parts = [];
    this.#size = 0;
    if (!this.#out.write(chunk)) await once(this.#out, 'drain');
  }
}

/**
 * JSON.stringify for records whose nested objects are shared between records (the generator shares
 * locations, device details, statuses and empty lists): each nested object is serialised once, by
 * identity. Same output as JSON.stringify for plain data.
 */
function sharedStringifier(): (record: unknown) => string {
  const nested = new Map<object, string>();
  const keys = new Map<string, string>();
  return (record: unknown): string => {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) return JSON.stringify(record);
    let out = '{';
    let first = true;
    for (const key of Object.keys(record)) {
      const value: unknown = (record as Record<string, unknown>)[key];
      if (value === undefined || typeof value === 'function') continue;
      let k = keys.get(key);
      if (k === undefined) {
        k = `${JSON.stringify(key)}:`;
        keys.set(key, k);
      }
      let v: string;
      if (value !== null && typeof value === 'object') {
        const cached = nested.get(value);
        if (cached === undefined) {
          v = JSON.stringify(value);
          nested.set(value, v);
        } else v = cached;
      } else v = JSON.stringify(value);
      out += (first ? '' : ',') + k + v;
      first = false;
    }
    return out + '}';
  };
}

/** Writes `scenario` to `path` (compact JSON, one record per line inside each array). */
export async function writeScenario(path: string, scenario: TenantScenario): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => out.once('error', (err) => reject(new ScenarioWriteError(path, err))));
  failed.catch(() => undefined);
  const work = (async (): Promise<void> => {
    const w = new ChunkWriter(out);
    w.add(`{"version":${JSON.stringify(scenario.version)},"tenant":${JSON.stringify(scenario.tenant)},"start":${JSON.stringify(scenario.start)},"end":${JSON.stringify(scenario.end)}`);
    for (const field of ARRAY_FIELDS) {
      const records: readonly unknown[] | undefined = scenario[field];
      if (records === undefined) continue;
      w.add(`,\n"${field}":[`);
      const stringify = field === 'signIns' ? sharedStringifier() : JSON.stringify;
      for (let i = 0; i < records.length; i++) {
        w.add(i === 0 ? '\n' : ',\n');
        if (w.add(stringify(records[i]))) await w.flush();
      }
      w.add('\n]');
    }
    w.add('}\n');
    await w.flush();
    out.end();
    await once(out, 'finish');
  })();
  await Promise.race([work, failed]);
}
