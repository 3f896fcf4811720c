// Checks API responses against the contract (shared/src/api.ts) once, at the edge, without bundling TypeBox
// into the task pane. A mismatch throws ApiContractError naming the field.
import type {
  HeldListResponse,
  HeldMessage,
  MeResponse,
  MessageAssessmentResponse,
  ReleaseMode,
  ReleaseRequestResponse,
  ReleaseResponse,
  ReportResponse,
} from '../../../shared/src/api.ts';
import type { AssessedAttachment, AssessedLink, MailAssessment, MailReason, MailVerdict } from '../../../shared/src/assessment.ts';
import { MESSAGE_ACTIONS, MESSAGE_STATES } from '../../../shared/src/message-state.ts';
import { ApiContractError } from './api-error.ts';

type Obj = Record<string, unknown>;

class Reader {
  constructor(
    readonly path: string,
    readonly at: string,
    readonly value: Obj,
  ) {}

  static root(path: string, json: unknown): Reader {
    if (!json || typeof json !== 'object' || Array.isArray(json)) throw new ApiContractError(path, '(body)');
    return new Reader(path, '', json as Obj);
  }

  fail(key: string): never {
    throw new ApiContractError(this.path, this.at ? `${this.at}.${key}` : key);
  }

  str(key: string): string {
    const v = this.value[key];
    return typeof v === 'string' ? v : this.fail(key);
  }

  strOrNull(key: string): string | null {
    const v = this.value[key];
    return v === null || v === undefined ? null : typeof v === 'string' ? v : this.fail(key);
  }

  num(key: string): number {
    const v = this.value[key];
    return typeof v === 'number' && Number.isFinite(v) ? v : this.fail(key);
  }

  bool(key: string): boolean {
    const v = this.value[key];
    return typeof v === 'boolean' ? v : this.fail(key);
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T {
    const v = this.value[key];
    return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : this.fail(key);
  }

  obj(key: string): Reader {
    const v = this.value[key];
    if (!v || typeof v !== 'object' || Array.isArray(v)) this.fail(key);
    return new Reader(this.path, this.at ? `${this.at}.${key}` : key, v as Obj);
  }

  /** An array of strings, each one of `allowed`. */
  oneOfEach<T extends string>(key: string, allowed: readonly T[]): T[] {
    const v = this.value[key];
    if (!Array.isArray(v)) this.fail(key);
    return v.map((item, i) => (typeof item === 'string' && (allowed as readonly string[]).includes(item) ? (item as T) : this.fail(`${key}[${i}]`)));
  }

  arr<T>(key: string, each: (r: Reader) => T): T[] {
    const v = this.value[key];
    if (!Array.isArray(v)) this.fail(key);
    return v.map((item, i) => {
      const at = `${this.at ? `${this.at}.` : ''}${key}[${i}]`;
      if (!item || typeof item !== 'object' || Array.isArray(item)) throw new ApiContractError(this.path, at);
      return each(new Reader(this.path, at, item as Obj));
    });
  }
}

const VERDICTS: readonly MailVerdict[] = ['deliver', 'tag', 'lock-links', 'hold'];
const RELEASE_MODES: readonly ReleaseMode[] = ['allowed', 'request', 'none'];

const reason = (r: Reader): MailReason => ({ code: r.str('code'), weight: r.num('weight'), text: r.str('text') });

const link = (r: Reader): AssessedLink => ({
  text: r.str('text'),
  url: r.str('url'),
  host: r.str('host'),
  risky: r.bool('risky'),
  why: r.strOrNull('why'),
});

const attachment = (r: Reader): AssessedAttachment => ({
  name: r.str('name'),
  contentType: r.str('contentType'),
  size: r.num('size'),
  sha256: r.str('sha256'),
  risky: r.bool('risky'),
  why: r.strOrNull('why'),
});

function assessment(r: Reader): MailAssessment {
  const s = r.obj('sender');
  return {
    score: r.num('score'),
    verdict: r.oneOf('verdict', VERDICTS),
    reasons: r.arr('reasons', reason),
    userNarrative: r.str('userNarrative'),
    analystNarrative: r.str('analystNarrative'),
    sender: {
      address: s.strOrNull('address'),
      name: s.strOrNull('name'),
      replyTo: s.strOrNull('replyTo'),
      authentication: s.strOrNull('authentication'),
    },
    subject: r.strOrNull('subject'),
    links: r.arr('links', link),
    attachments: r.arr('attachments', attachment),
  };
}

export function decodeAssessment(path: string, json: unknown): MessageAssessmentResponse {
  const r = Reader.root(path, json);
  return {
    messageId: r.str('messageId'),
    internetMessageId: r.strOrNull('internetMessageId'),
    receivedAt: r.strOrNull('receivedAt'),
    held: r.bool('held'),
    release: r.oneOf('release', RELEASE_MODES),
    releaseRequested: r.bool('releaseRequested'),
    reported: r.bool('reported'),
    state: r.oneOf('state', MESSAGE_STATES),
    actions: r.oneOfEach('actions', MESSAGE_ACTIONS),
    notice: r.strOrNull('notice'),
    assessment: assessment(r.obj('assessment')),
  };
}

export function decodeReport(path: string, json: unknown): ReportResponse {
  const r = Reader.root(path, json);
  return { status: r.oneOf('status', ['received'] as const), reportId: r.str('reportId'), message: r.str('message') };
}

export function decodeRelease(path: string, json: unknown): ReleaseResponse {
  const r = Reader.root(path, json);
  return { status: r.oneOf('status', ['released'] as const), message: r.str('message') };
}

export function decodeReleaseRequest(path: string, json: unknown): ReleaseRequestResponse {
  const r = Reader.root(path, json);
  return { status: r.oneOf('status', ['requested'] as const), requestId: r.str('requestId'), message: r.str('message') };
}

const heldMessage = (r: Reader): HeldMessage => ({
  messageId: r.str('messageId'),
  subject: r.strOrNull('subject'),
  from: r.strOrNull('from'),
  receivedAt: r.strOrNull('receivedAt'),
  heldAt: r.str('heldAt'),
  score: r.num('score'),
  verdict: r.str('verdict'),
  why: r.str('why'),
  release: r.oneOf('release', RELEASE_MODES),
  releaseRequested: r.bool('releaseRequested'),
  state: r.oneOf('state', MESSAGE_STATES),
  actions: r.oneOfEach('actions', MESSAGE_ACTIONS),
  notice: r.strOrNull('notice'),
});

export function decodeHeldList(path: string, json: unknown): HeldListResponse {
  return { items: Reader.root(path, json).arr('items', heldMessage) };
}

export function decodeMe(path: string, json: unknown): MeResponse {
  const r = Reader.root(path, json);
  return {
    upn: r.str('upn'),
    displayName: r.strOrNull('displayName'),
    roles: decodeRoles(r),
  };
}

function decodeRoles(r: Reader): string[] {
  const roles = r.value['roles'];
  if (!Array.isArray(roles) || !roles.every((x) => typeof x === 'string')) return r.fail('roles');
  return roles as string[];
}

/** The error body `{ error: { code, message } }`, or null when the body is something else. */
export function decodeErrorBody(json: unknown): { code: string; message: string } | null {
  if (!json || typeof json !== 'object') return null;
  const e = (json as Obj)['error'];
  if (!e || typeof e !== 'object') return null;
  const { code, message } = e as Obj;
  return typeof code === 'string' && typeof message === 'string' ? { code, message } : null;
}
