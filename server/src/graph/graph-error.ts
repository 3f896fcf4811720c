// Typed failures of Graph calls. Messages carry the method, path, status, Graph error code and request id,
// never the access token.

export interface GraphErrorContext {
  method: string;
  /** Path and query of the request (no host, no token). */
  path: string;
  /** HTTP status; 0 when no response arrived (network failure, timeout). */
  status: number;
  /** Graph's error code (e.g. "ErrorItemNotFound"), or Lantern's ("Timeout", "NetworkError", "MalformedResponse"). */
  code: string;
  requestId: string | null;
  /** For a throttled answer given up on: how long Graph asked to wait (ms). */
  retryAfterMs?: number;
}

export class GraphError extends Error {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly code: string;
  readonly requestId: string | null;
  readonly retryAfterMs: number | null;

  constructor(message: string, context: GraphErrorContext) {
    super(`${context.method} ${context.path} → ${context.status || 'no response'} ${context.code}: ${message}${context.requestId ? ` (request-id ${context.requestId})` : ''}`);
    this.name = 'GraphError';
    this.method = context.method;
    this.path = context.path;
    this.status = context.status;
    this.code = context.code;
    this.requestId = context.requestId;
    this.retryAfterMs = context.retryAfterMs ?? null;
  }

  /** Whether trying again later may succeed (throttling, server errors, timeouts, broken responses). */
  get transient(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500 || this.code === 'MalformedResponse';
  }
}

/** Graph refused sign-in logs because the tenant has no Entra ID P1/P2 licence. */
export class LicenceRequiredError extends GraphError {
  constructor(context: GraphErrorContext) {
    super('sign-in logs need Microsoft Entra ID P1 or P2 in this tenant (Graph answered Authentication_RequestFromNonPremiumTenantOrB2CTenant)', context);
    this.name = 'LicenceRequiredError';
  }
}

/** Acquiring the app's access token failed (bad credentials, unreachable authority). */
export class TokenAcquisitionError extends Error {
  readonly authority: string;
  constructor(message: string, authority: string) {
    super(`could not acquire a Graph token from ${authority}: ${message}`);
    this.name = 'TokenAcquisitionError';
    this.authority = authority;
  }
}

export const LICENCE_REQUIRED_CODE = 'Authentication_RequestFromNonPremiumTenantOrB2CTenant';

/**
 * Graph error codes meaning "this user has no (usable) mailbox": an unlicensed or mail-less user, a mailbox
 * that is inactive, soft-deleted or on premises (MailboxNotEnabledForRESTAPI / MailboxNotSupportedForRESTAPI,
 * documented with 404), or a mailbox Exchange cannot find (ResourceNotFound, MailboxNotFound). Also a user
 * deleted since the user list was read (Request_ResourceNotFound).
 */
export const NO_MAILBOX_CODES: ReadonlySet<string> = new Set([
  'MailboxNotEnabledForRESTAPI',
  'MailboxNotSupportedForRESTAPI',
  'MailboxNotFound',
  'ResourceNotFound',
  'Request_ResourceNotFound',
]);

/** Whether a failed mailbox request means the user has no mailbox Lantern can read (not a passing failure). */
export function isNoMailboxError(err: unknown): err is GraphError {
  return err instanceof GraphError && (err.status === 404 || err.status === 400) && NO_MAILBOX_CODES.has(err.code);
}
