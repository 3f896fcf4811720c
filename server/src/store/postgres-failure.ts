// A PostgreSQL connection failure in one line an operator can act on: where Lantern tried to connect (host,
// port and database from DATABASE_URL, never the user name or password) and why, in plain words.

const SYSTEM: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'nothing is listening there',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name could not be resolved',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ECONNRESET: 'the server closed the connection',
};

const POSTGRES: Readonly<Record<string, string>> = {
  '3D000': 'that database does not exist',
  '28P01': 'the server refused the user name or password',
  '28000': 'the server refused this user (check pg_hba.conf and the user name)',
  '42501': 'the user lacks a privilege Lantern needs (it creates its tables on first start)',
  '53300': 'the server has too many connections',
  '57P03': 'the server is starting up or shutting down',
};

/** host:port/database of a PostgreSQL URL, without credentials; null when it is not one. */
export function postgresTarget(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') return null;
  const host = u.hostname || 'localhost';
  return `${host}:${u.port || '5432'}${u.pathname && u.pathname !== '/' ? u.pathname : ''}`;
}

function codeOf(err: unknown): string | null {
  return err && typeof err === 'object' && 'code' in err && typeof err.code === 'string' ? err.code : null;
}

/** The one-line reason a connection to `url` failed, or null when `err` is not a connection failure. */
export function postgresFailureLine(url: string, err: unknown): string | null {
  const code = codeOf(err);
  const reason = code ? (SYSTEM[code] ?? POSTGRES[code] ?? null) : null;
  if (!reason) return null;
  return `cannot use the PostgreSQL database named by DATABASE_URL (${postgresTarget(url) ?? 'unparsable URL'}): ${reason}`;
}
