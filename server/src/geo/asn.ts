// Offline IPv4 → ASN / organisation, from the CSV shipped in the @ip-location-db/asn npm package
// (`start,end,asn,org`, addresses as 32-bit numbers, sorted by start). Loaded once, lazily, into typed
// arrays and searched by bisection. Never an online lookup.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface AsnInfo {
  asn: number;
  org: string;
}

export class AsnDataError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'AsnDataError';
  }
}

/** An immutable IPv4 range table. */
export class AsnTable {
  constructor(
    private readonly starts: Uint32Array,
    private readonly ends: Uint32Array,
    private readonly asns: Uint32Array,
    private readonly orgIndex: Uint32Array,
    private readonly orgs: readonly string[],
    /** Milliseconds it took to build the table. */
    readonly loadMs: number,
  ) {}

  get size(): number {
    return this.starts.length;
  }

  /** The ASN of an IPv4 address given as a 32-bit number, or null when no range holds it. */
  lookupNumber(ip: number): AsnInfo | null {
    const i = this.indexOf(ip);
    return i < 0 ? null : { asn: this.asns[i]!, org: this.orgs[this.orgIndex[i]!]! };
  }

  /** The ASN number only (no allocation), or 0 when unknown. */
  asnOfNumber(ip: number): number {
    const i = this.indexOf(ip);
    return i < 0 ? 0 : this.asns[i]!;
  }

  lookup(ip: string): AsnInfo | null {
    const n = ipv4ToNumber(ip);
    return n === null ? null : this.lookupNumber(n);
  }

  /** The organisation name of an ASN seen in the table (first range wins). */
  orgOfAsn(asn: number): string | null {
    if (!this.asnOrg) {
      const m = new Map<number, string>();
      for (let i = 0; i < this.asns.length; i++) if (!m.has(this.asns[i]!)) m.set(this.asns[i]!, this.orgs[this.orgIndex[i]!]!);
      this.asnOrg = m;
    }
    return this.asnOrg.get(asn) ?? null;
  }
  private asnOrg: Map<number, string> | null = null;

  private indexOf(ip: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid]! <= ip) lo = mid + 1;
      else hi = mid - 1;
    }
    // hi is the last range starting at or before ip
    if (hi >= 0 && this.ends[hi]! >= ip) return hi;
    return -1;
  }
}

/** Dotted IPv4 to an unsigned 32-bit number; null for anything else (IPv6 included). */
export function ipv4ToNumber(ip: string): number | null {
  let n = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || part > 255) return null;
      n = n * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      part = part * 10 + (c - 48);
      digits++;
      if (digits > 3) return null;
    } else return null;
  }
  if (dots !== 3 || digits === 0 || part > 255) return null;
  return n * 256 + part;
}

/** Parses the `start,end,asn,org` CSV text (org may be double-quoted with "" escapes). */
export function parseAsnCsv(csv: string, path = '<memory>', now: () => number = () => performance.now()): AsnTable {
  const t0 = now();
  let lines = 0;
  for (let i = 0; i < csv.length; i++) if (csv.charCodeAt(i) === 10) lines++;
  lines++;
  const starts = new Uint32Array(lines);
  const ends = new Uint32Array(lines);
  const asns = new Uint32Array(lines);
  const orgIndex = new Uint32Array(lines);
  const orgs: string[] = [];
  const orgIds = new Map<string, number>();
  let n = 0;
  let pos = 0;
  let lastStart = -1;
  while (pos < csv.length) {
    let eol = csv.indexOf('\n', pos);
    if (eol < 0) eol = csv.length;
    const c1 = csv.indexOf(',', pos);
    const c2 = c1 < 0 ? -1 : csv.indexOf(',', c1 + 1);
    const c3 = c2 < 0 ? -1 : csv.indexOf(',', c2 + 1);
    if (c3 < 0 || c3 > eol) {
      if (eol > pos + 1) throw new AsnDataError(`malformed ASN line ${n + 1}`, path);
      pos = eol + 1;
      continue;
    }
    const start = Number(csv.slice(pos, c1));
    const end = Number(csv.slice(c1 + 1, c2));
    const asn = Number(csv.slice(c2 + 1, c3));
    let org = csv.slice(c3 + 1, eol).replace(/\r$/, '');
    if (org.startsWith('"') && org.endsWith('"')) org = org.slice(1, -1).replace(/""/g, '"');
    if (!Number.isFinite(start) || !Number.isFinite(end) || !Number.isFinite(asn) || start < lastStart) {
      throw new AsnDataError(`malformed or unsorted ASN line ${n + 1}`, path);
    }
    lastStart = start;
    let oi = orgIds.get(org);
    if (oi === undefined) {
      oi = orgs.length;
      orgs.push(org);
      orgIds.set(org, oi);
    }
    starts[n] = start;
    ends[n] = end;
    asns[n] = asn;
    orgIndex[n] = oi;
    n++;
    pos = eol + 1;
  }
  return new AsnTable(starts.slice(0, n), ends.slice(0, n), asns.slice(0, n), orgIndex.slice(0, n), orgs, now() - t0);
}

/** Where the npm package keeps its IPv4 table. */
export function defaultAsnCsvPath(): string {
  const require = createRequire(import.meta.url);
  return require.resolve('@ip-location-db/asn/asn-ipv4-num.csv');
}

let shared: AsnTable | null = null;

/** The process-wide table, loaded on first use from the npm package. */
export function asnTable(path: string = defaultAsnCsvPath()): AsnTable {
  if (!shared) shared = loadAsnTable(path);
  return shared;
}

export function loadAsnTable(path: string): AsnTable {
  let csv: string;
  try {
    csv = readFileSync(path, 'utf8');
  } catch (err) {
    throw new AsnDataError(`cannot read ASN data: ${err instanceof Error ? err.message : String(err)}`, path);
  }
  return parseAsnCsv(csv, path);
}
