// Every failure of an Office.js call surfaces as an OfficeError: an Error with the operation and Office's code.

export class OfficeError extends Error {
  override readonly name = 'OfficeError';
  /** Office's numeric error code when it gave one (e.g. 13001 "not signed in" for getAccessToken). */
  readonly code: number | null;
  /** The Office.js call that failed, e.g. "mailbox.addHandlerAsync". */
  readonly operation: string;

  constructor(operation: string, message: string, code: number | null = null, options?: { cause?: unknown }) {
    super(`${operation}: ${message}`, options);
    this.operation = operation;
    this.code = code;
  }

  /** Wraps whatever Office rejected or reported with (Office errors are plain objects, not Errors). */
  static from(operation: string, reason: unknown): OfficeError {
    if (reason instanceof OfficeError) return reason;
    if (reason && typeof reason === 'object') {
      const r = reason as { message?: unknown; code?: unknown; name?: unknown };
      const message = typeof r.message === 'string' && r.message ? r.message : typeof r.name === 'string' ? r.name : 'failed';
      const code = typeof r.code === 'number' ? r.code : typeof r.code === 'string' && /^\d+$/.test(r.code) ? Number(r.code) : null;
      return new OfficeError(operation, message, code, { cause: reason });
    }
    return new OfficeError(operation, typeof reason === 'string' && reason ? reason : 'failed', null, { cause: reason });
  }
}
