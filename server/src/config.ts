// Configuration is read from the environment here, once, by the entry points, and passed inward as typed values.
import { postgresTarget } from './store/postgres-failure.ts';
import { resolve } from 'node:path';
import { defaultParseLimits, type ParseLimits } from './mail/parse-limits.ts';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export type ClientCredential =
  | { kind: 'secret'; secret: string }
  | { kind: 'certificate'; privateKeyPem: string; thumbprint: string };

export interface TenantConfig {
  tenantId: string;
  clientId: string;
  credential: ClientCredential;
  /** The add-in API's client id (audience of task-pane tokens); defaults to clientId. */
  apiClientId: string;
  /** Graph base URL; https://graph.microsoft.com/v1.0 unless testing. */
  graphUrl: string;
  authorityHost: string;
  /**
   * Extra CA certificate (PEM) trusted for Graph and the authority (LANTERN_CA_FILE): for a Graph and identity
   * provider behind a private CA, such as `lantern sim` in CI. Null: the system's CAs only.
   */
  caPem: string | null;
}

export interface LanternConfig {
  mode: 'demo' | 'tenant';
  dataDir: string;
  database: DatabaseConfig;
  host: string;
  port: number;
  /** Public https URL of this backend (for the add-in manifest and digest links). */
  publicUrl: string | null;
  /** Secret for signing action links; generated and kept in the data directory when unset. */
  linkSecret: string | null;
  tenant: TenantConfig | null;
  /**
   * Lantern's own mailbox (UPN or object id): digests, reporter feedback and notifications are sent from it,
   * and reports can be sent to it. Required in tenant mode; in the demo, null means the simulated tenant's
   * dedicated "Lantern" mailbox.
   */
  securityMailbox: string | null;
  /** Demo: virtual days per real minute the simulated tenant unfolds at. */
  demoSpeed: number;
  demoUsers: number;
  demoDays: number;
  demoSeed: number;
  logLevel: string;
  /** Real milliseconds between poller runs (LANTERN_POLL_INTERVAL_MS); null = the defaults (5 s in the demo). */
  pollIntervalMs: number | null;
  /** Partitions of the mail consumers shared out among instances on PostgreSQL (LANTERN_MAIL_PARTITIONS). */
  mailPartitions: number;
  /**
   * Where sign-ins are read (LANTERN_SIGNIN_API): 'auto' (default) beta where the tenant allows it (interactive
   * and non-interactive sign-ins, beta fields), else v1.0; 'beta' or 'v1.0' that version only.
   */
  signInApi: 'auto' | 'beta' | 'v1.0';
  /**
   * Bounds on reading one message (LANTERN_MAIL_MAX_BYTES, LANTERN_MAIL_MAX_PARTS, LANTERN_MAIL_MAX_HEADER_BYTES,
   * LANTERN_MAIL_PARSE_TIMEOUT_MS): a message past one is scored on the part read and held as not fully checked.
   */
  mailParseLimits: Pick<ParseLimits, 'maxBytes' | 'maxParts' | 'maxHeaderBytes' | 'timeoutMs'>;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got '${raw}')`);
  }
  return n;
}

function numberFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be a number from ${min} to ${max} (got '${raw}')`);
  }
  return n;
}

/**
 * Reads Lantern's settings. With no tenant settings at all Lantern runs in demo mode against the
 * built-in simulated tenant; with some but not all of them it refuses to start and says what is missing.
 * `readFile` is injected so a certificate path can be read without this module touching the disk itself.
 */
export function loadConfig(env: NodeJS.ProcessEnv, cwd: string, readFile: (path: string) => string): LanternConfig {
  const dataDir = resolve(cwd, env.LANTERN_DATA_DIR || '.lantern');
  // Checked here so a mistyped URL is one line at start, not a connection error later (the value is never echoed:
  // it may hold a password).
  if (env.DATABASE_URL && postgresTarget(env.DATABASE_URL) === null) {
    throw new ConfigError('DATABASE_URL must be a PostgreSQL URL such as postgres://lantern@db.example:5432/lantern');
  }
  const database: DatabaseConfig = env.DATABASE_URL
    ? { kind: 'postgres', url: env.DATABASE_URL }
    : { kind: 'sqlite', file: resolve(dataDir, 'lantern.sqlite') };

  const tenantKeys = ['LANTERN_TENANT_ID', 'LANTERN_CLIENT_ID', 'LANTERN_CLIENT_SECRET', 'LANTERN_CLIENT_CERTIFICATE', 'LANTERN_CLIENT_CERTIFICATE_THUMBPRINT'];
  const anyTenant = tenantKeys.some((k) => env[k]);
  let tenant: TenantConfig | null = null;
  if (anyTenant) {
    const tenantId = env.LANTERN_TENANT_ID ?? '';
    const clientId = env.LANTERN_CLIENT_ID ?? '';
    if (!GUID.test(tenantId)) throw new ConfigError('LANTERN_TENANT_ID must be the directory (tenant) id, a GUID');
    if (!GUID.test(clientId)) throw new ConfigError('LANTERN_CLIENT_ID must be the application (client) id, a GUID');
    let credential: ClientCredential;
    if (env.LANTERN_CLIENT_SECRET) {
      credential = { kind: 'secret', secret: env.LANTERN_CLIENT_SECRET };
    } else if (env.LANTERN_CLIENT_CERTIFICATE && env.LANTERN_CLIENT_CERTIFICATE_THUMBPRINT) {
      let pem: string;
      try {
        pem = readFile(resolve(cwd, env.LANTERN_CLIENT_CERTIFICATE));
      } catch (err) {
        throw new ConfigError(`cannot read LANTERN_CLIENT_CERTIFICATE: ${(err as Error).message}`);
      }
      credential = { kind: 'certificate', privateKeyPem: pem, thumbprint: env.LANTERN_CLIENT_CERTIFICATE_THUMBPRINT };
    } else {
      throw new ConfigError(
        'set LANTERN_CLIENT_SECRET, or LANTERN_CLIENT_CERTIFICATE (path to the private key PEM) with LANTERN_CLIENT_CERTIFICATE_THUMBPRINT',
      );
    }
    const apiClientId = env.LANTERN_API_CLIENT_ID || clientId;
    if (!GUID.test(apiClientId)) throw new ConfigError('LANTERN_API_CLIENT_ID must be a GUID');
    tenant = {
      tenantId,
      clientId,
      credential,
      apiClientId,
      graphUrl: env.LANTERN_GRAPH_URL || 'https://graph.microsoft.com/v1.0',
      authorityHost: env.LANTERN_AUTHORITY_HOST || 'https://login.microsoftonline.com',
      caPem: env.LANTERN_CA_FILE ? readFile(resolve(cwd, env.LANTERN_CA_FILE)) : null,
    };
  }

  const securityMailbox = (env.LANTERN_SECURITY_MAILBOX ?? '').trim() || null;
  if (tenant && !securityMailbox) {
    throw new ConfigError(
      "set LANTERN_SECURITY_MAILBOX to Lantern's own mailbox (UPN or object id): digests and feedback are sent from it, and Lantern never scores its mail",
    );
  }
  if (securityMailbox && !GUID.test(securityMailbox) && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(securityMailbox)) {
    throw new ConfigError(`LANTERN_SECURITY_MAILBOX must be a user principal name (name@domain) or an object id (GUID), got '${securityMailbox}'`);
  }

  const publicUrl = env.LANTERN_PUBLIC_URL || null;
  if (publicUrl && !/^https:\/\//.test(publicUrl)) throw new ConfigError('LANTERN_PUBLIC_URL must be an https:// URL (Outlook loads add-ins over https only)');

  return {
    mode: tenant ? 'tenant' : 'demo',
    dataDir,
    database,
    host: env.LANTERN_HOST || '127.0.0.1',
    port: intFrom(env, 'LANTERN_PORT', 3000, 0, 65535),
    publicUrl,
    linkSecret: env.LANTERN_LINK_SECRET || null,
    tenant,
    securityMailbox,
    demoSpeed: numberFrom(env, 'LANTERN_DEMO_SPEED', 1440, 1, 1_000_000),
    demoUsers: intFrom(env, 'LANTERN_DEMO_USERS', 50, 5, 5000),
    demoDays: intFrom(env, 'LANTERN_DEMO_DAYS', 14, 2, 90),
    demoSeed: intFrom(env, 'LANTERN_DEMO_SEED', 7, 0, 2 ** 31 - 1),
    logLevel: env.LANTERN_LOG_LEVEL || 'info',
    signInApi: signInApiFrom(env.LANTERN_SIGNIN_API),
    pollIntervalMs: env.LANTERN_POLL_INTERVAL_MS ? intFrom(env, 'LANTERN_POLL_INTERVAL_MS', 5_000, 500, 24 * 3_600_000) : null,
    mailPartitions: intFrom(env, 'LANTERN_MAIL_PARTITIONS', 4, 1, 64),
    mailParseLimits: {
      maxBytes: intFrom(env, 'LANTERN_MAIL_MAX_BYTES', defaultParseLimits.maxBytes, 64 * 1024, 150 * 1024 * 1024),
      maxParts: intFrom(env, 'LANTERN_MAIL_MAX_PARTS', defaultParseLimits.maxParts, 10, 100_000),
      maxHeaderBytes: intFrom(env, 'LANTERN_MAIL_MAX_HEADER_BYTES', defaultParseLimits.maxHeaderBytes, 16 * 1024, 64 * 1024 * 1024),
      timeoutMs: intFrom(env, 'LANTERN_MAIL_PARSE_TIMEOUT_MS', defaultParseLimits.timeoutMs, 100, 300_000),
    },
  };
}

function signInApiFrom(raw: string | undefined): 'auto' | 'beta' | 'v1.0' {
  const v = (raw ?? '').trim().toLowerCase();
  if (v === '' || v === 'auto') return 'auto';
  if (v === 'beta' || v === 'v1.0') return v;
  throw new ConfigError(`LANTERN_SIGNIN_API must be auto, beta or v1.0, got '${raw ?? ''}'`);
}
