// Replay benchmark: sign-ins scored per second and peak memory of the identity engine for N users × D days
// in one process. Events are synthesised day by day (seeded), as normalised SignInEvents, so the figures
// measure the engine (baselines, models, correlation), not JSON parsing, and memory is the engine's state.
import type { SignInEvent } from '@lantern/shared';
import { IdentityEngine } from '../identity/engine.ts';
import { asnTable } from '../geo/asn.ts';

export interface ReplayBenchOptions {
  /** Also measure writing the engine's snapshot and loading it into a new engine. */
  snapshot?: boolean;
  /** Tenant sizes to run, each in a fresh engine (default 1,000 and 10,000). */
  users?: number[];
  days?: number;
  /** Sign-ins per user per working day (weekends a quarter of it). */
  signInsPerUserDay?: number;
  seed?: number;
  /** Monotonic clock in ms (default performance.now). */
  now?: () => number;
  onProgress?: (line: string) => void;
}

/** Mulberry32: small, fast, seeded. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CITIES = [
  { country: 'FR', city: 'Paris', lat: 48.86, lon: 2.35, net: [90, 84] },
  { country: 'FR', city: 'Lyon', lat: 45.76, lon: 4.84, net: [90, 90] },
  { country: 'GB', city: 'London', lat: 51.51, lon: -0.13, net: [81, 2] },
  { country: 'DE', city: 'Berlin', lat: 52.52, lon: 13.4, net: [84, 56] },
  { country: 'US', city: 'New York', lat: 40.71, lon: -74.01, net: [24, 29] },
  { country: 'ES', city: 'Madrid', lat: 40.42, lon: -3.7, net: [83, 37] },
] as const;
const APPS = ['Office 365 Exchange Online', 'Microsoft Teams', 'Office 365 SharePoint Online', 'Microsoft Office'];
const DEVICES = [
  ['Windows10', 'Edge'],
  ['Windows10', 'Chrome'],
  ['MacOs', 'Safari'],
  ['Ios', 'Mobile Safari'],
  ['Android', 'Chrome Mobile'],
] as const;

interface Persona {
  id: string;
  upn: string;
  city: (typeof CITIES)[number];
  homeIp: string;
  devices: (typeof DEVICES)[number][];
  traveller: boolean;
}

function personas(n: number, rnd: () => number): Persona[] {
  const out: Persona[] = [];
  for (let i = 0; i < n; i++) {
    const city = CITIES[Math.floor(rnd() * rnd() * CITIES.length)]!;
    out.push({
      id: `u${i}`,
      upn: `user${i}@bench.example`,
      city,
      homeIp: `${city.net[0]}.${city.net[1]}.${Math.floor(rnd() * 250)}.${1 + Math.floor(rnd() * 250)}`,
      devices: [DEVICES[Math.floor(rnd() * 3)]!, DEVICES[3 + Math.floor(rnd() * 2)]!],
      traveller: rnd() < 0.02,
    });
  }
  return out;
}

function daySignIns(people: Persona[], day: number, startMs: number, perDay: number, rnd: () => number, seq: { n: number }): SignInEvent[] {
  const out: SignInEvent[] = [];
  const dow = new Date(startMs + day * 86_400_000).getUTCDay();
  const weekend = dow === 0 || dow === 6;
  const officeIps = CITIES.map((c) => `${c.net[0]}.${c.net[1]}.1.10`);
  for (const p of people) {
    const n = Math.round((weekend ? perDay / 4 : perDay) * (0.5 + rnd()));
    const abroad = p.traveller && day % 10 >= 7 ? CITIES[(CITIES.indexOf(p.city) + 3) % CITIES.length]! : null;
    for (let k = 0; k < n; k++) {
      const t = startMs + day * 86_400_000 + (7 + rnd() * 11) * 3_600_000;
      const place = abroad ?? p.city;
      const atOffice = !abroad && !weekend && rnd() < 0.6;
      const ip = abroad ? `${place.net[0]}.${place.net[1]}.77.${1 + (p.homeIp.length % 200)}` : atOffice ? officeIps[CITIES.indexOf(p.city)]! : p.homeIp;
      const dev = p.devices[rnd() < 0.7 ? 0 : 1]!;
      const fail = rnd() < 0.02;
      out.push({
        id: `b${seq.n++}`,
        kind: 'signIn',
        at: new Date(Math.floor(t / 1000) * 1000).toISOString(),
        userId: p.id,
        upn: p.upn,
        ip,
        country: place.country,
        city: place.city,
        state: null,
        lat: place.lat,
        lon: place.lon,
        appId: null,
        appName: APPS[Math.floor(rnd() * APPS.length)]!,
        resourceName: null,
        clientApp: dev[0] === 'Ios' || dev[0] === 'Android' ? 'Mobile Apps and Desktop clients' : 'Browser',
        os: dev[0],
        browser: dev[1],
        deviceId: null,
        deviceName: null,
        interactive: rnd() < 0.3,
        success: !fail,
        errorCode: fail ? 50126 : 0,
        failureReason: fail ? 'Invalid username or password.' : null,
        authProtocol: null,
        userAgent: null,
        riskLevel: null,
      });
    }
  }
  out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return out;
}

export async function benchReplay(opts: ReplayBenchOptions = {}): Promise<Record<string, number | string>> {
  const now = opts.now ?? (() => performance.now());
  const sizes = opts.users ?? [1000, 10_000];
  const days = opts.days ?? 30;
  const perDay = opts.signInsPerUserDay ?? 12;
  const out: Record<string, number | string> = {};
  const t0 = now();
  const table = asnTable();
  out['asn.loadMs'] = Math.round(now() - t0);
  out['asn.ranges'] = table.size;
  for (const n of sizes) {
    const rnd = prng((opts.seed ?? 1) * 7919 + n);
    const people = personas(n, rnd);
    const engine = new IdentityEngine({ tenantDomains: ['bench.example'], asn: table });
    const startMs = Date.parse('2026-09-01T00:00:00Z');
    const seq = { n: 0 };
    let engineMs = 0;
    let engineCpuUs = 0;
    let signIns = 0;
    let peakRss = 0;
    let peakHeap = 0;
    for (let d = 0; d < days; d++) {
      const events = daySignIns(people, d, startMs, perDay, rnd, seq);
      const s = now();
      const c = process.cpuUsage();
      engine.ingest(events);
      const dc = process.cpuUsage(c);
      engineMs += now() - s;
      engineCpuUs += dc.user + dc.system;
      signIns += events.length;
      const m = process.memoryUsage();
      if (m.rss > peakRss) peakRss = m.rss;
      if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
      if (opts.onProgress && d % 10 === 9) opts.onProgress(`replay ${n} users: day ${d + 1}/${days}, ${signIns} sign-ins`);
    }
    const k = `replay.${n}u.${days}d`;
    out[`${k}.signIns`] = signIns;
    out[`${k}.signInsPerSec`] = Math.round((signIns / engineMs) * 1000);
    out[`${k}.engineSec`] = Math.round(engineMs) / 1000;
    // On a shared machine wall time includes waiting for a core; CPU time is the engine's own cost.
    out[`${k}.signInsPerCpuSec`] = Math.round(signIns / (engineCpuUs / 1e6));
    out[`${k}.peakRssMB`] = Math.round(peakRss / 1048576);
    out[`${k}.peakHeapMB`] = Math.round(peakHeap / 1048576);
    out[`${k}.breaches`] = engine.stats.breaches;
    out[`${k}.incidents`] = engine.incidents().length;
    if (opts.snapshot) {
      // What a restart from a snapshot costs for this tenant: write it, then read it back into a new engine.
      let s = now();
      const json = JSON.stringify(engine.toSnapshot());
      out[`${k}.snapshotWriteSec`] = Math.round(now() - s) / 1000;
      out[`${k}.snapshotMB`] = Math.round((json.length / 1048576) * 10) / 10;
      s = now();
      const restored = IdentityEngine.fromSnapshot(JSON.parse(json) as ReturnType<IdentityEngine['toSnapshot']>, { tenantDomains: ['bench.example'], asn: table });
      out[`${k}.snapshotLoadSec`] = Math.round(now() - s) / 1000;
      out[`${k}.restoredSameIncidents`] = JSON.stringify(restored.incidents()) === JSON.stringify(engine.incidents()) ? 'yes' : 'NO';
    }
  }
  return out;
}
