// The one error type routes and services throw for a caller-visible failure: a stable code, an HTTP status
// and a message that tells the caller what to fix. The app's error handler turns it into an ApiError body.

export class HttpError extends Error {
  readonly code: string;
  readonly statusCode: number;
  constructor(statusCode: number, code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HttpError';
    this.code = code;
    this.statusCode = statusCode;
  }
}

export class NotFoundError extends HttpError {
  constructor(message = 'No such message in your mailbox.') {
    super(404, 'not_found', message);
    this.name = 'NotFoundError';
  }
}

export class ForbiddenError extends HttpError {
  constructor(message: string, code = 'forbidden') {
    super(403, code, message);
    this.name = 'ForbiddenError';
  }
}

export class ConflictError extends HttpError {
  constructor(code: string, message: string) {
    super(409, code, message);
    this.name = 'ConflictError';
  }
}
