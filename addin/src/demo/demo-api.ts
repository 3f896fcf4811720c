// The simulated tenant's demo-only endpoints (served by the backend in demo mode): users, tokens, mailboxes.

export interface DemoUser {
  id: string;
  upn: string;
  displayName: string | null;
}

export type DemoFolder = 'inbox' | 'held' | 'junkemail';

export interface DemoMessage {
  id: string;
  subject: string | null;
  from: { name: string | null; address: string | null } | null;
  receivedAt: string | null;
  isRead: boolean;
  categories: string[];
  internetMessageId: string | null;
}

export class DemoApiError extends Error {
  override readonly name = 'DemoApiError';
  constructor(
    readonly path: string,
    readonly status: number | null,
    message: string,
  ) {
    super(message);
  }
}

export interface DemoApi {
  users(): Promise<DemoUser[]>;
  token(userId: string): Promise<string>;
  mailbox(userId: string, folder: DemoFolder): Promise<DemoMessage[]>;
}

const MAX_ITEMS = 500;

export function createDemoApi(baseUrl: string, doFetch: typeof fetch = globalThis.fetch.bind(globalThis)): DemoApi {
  const base = baseUrl.replace(/\/+$/, '');
  async function call(path: string, init?: RequestInit): Promise<unknown> {
    let res: Response;
    try {
      res = await doFetch(base + path, { cache: 'no-store', ...init });
    } catch (err) {
      throw new DemoApiError(path, null, `could not reach the demo backend (${err instanceof Error ? err.message : 'network error'})`);
    }
    const json: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const msg = readErrorMessage(json) ?? res.statusText;
      throw new DemoApiError(path, res.status, msg);
    }
    return json;
  }
  return {
    async users() {
      const json = await call('/demo/api/users');
      const list = listOf(json);
      if (!list) throw new DemoApiError('/demo/api/users', 200, 'expected a list of users');
      return list.slice(0, MAX_ITEMS).flatMap((u) => {
        const o = asObj(u);
        const id = str(o?.['id']);
        const upn = str(o?.['upn']) ?? str(o?.['userPrincipalName']);
        return id && upn ? [{ id, upn, displayName: str(o?.['displayName']) }] : [];
      });
    },
    async token(userId) {
      const json = asObj(
        await call('/demo/api/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) }),
      );
      const token = str(json?.['accessToken']);
      if (!token) throw new DemoApiError('/demo/api/token', 200, 'no accessToken in the answer');
      return token;
    },
    async mailbox(userId, folder) {
      const path = `/demo/api/mailbox/${encodeURIComponent(userId)}?folder=${folder}`;
      const json = await call(path);
      const list = listOf(json);
      if (!list) throw new DemoApiError(path, 200, 'expected a list of messages');
      return list.slice(0, MAX_ITEMS).flatMap((m) => {
        const o = asObj(m);
        const id = str(o?.['id']);
        if (!o || !id) return [];
        return [
          {
            id,
            subject: str(o['subject']),
            from: readFrom(o['from']),
            receivedAt: str(o['receivedAt']) ?? str(o['receivedDateTime']),
            isRead: o['isRead'] === true,
            categories: Array.isArray(o['categories']) ? o['categories'].filter((c): c is string => typeof c === 'string') : [],
            internetMessageId: str(o['internetMessageId']),
          },
        ];
      });
    },
  };
}

/** `from` as the backend may give it: a string, { name, address }, or Graph's { emailAddress: { name, address } }. */
function readFrom(v: unknown): DemoMessage['from'] {
  if (typeof v === 'string') {
    const m = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(v);
    return m ? { name: m[1] || null, address: m[2] ?? null } : { name: null, address: v };
  }
  const o = asObj(v);
  if (!o) return null;
  const inner = asObj(o['emailAddress']) ?? o;
  const name = str(inner['name']);
  const address = str(inner['address']);
  return name || address ? { name, address } : null;
}

/** The backend answers `{ items: [...] }`; a bare array is accepted too. */
function listOf(json: unknown): unknown[] | null {
  if (Array.isArray(json)) return json;
  const items = asObj(json)?.['items'];
  return Array.isArray(items) ? items : null;
}

function readErrorMessage(json: unknown): string | null {
  const e = asObj(asObj(json)?.['error']);
  return str(e?.['message']);
}

function asObj(v: unknown): Record<string, unknown> | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}
