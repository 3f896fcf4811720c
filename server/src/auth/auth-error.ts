import { HttpError } from '../routes/http-error.ts';

/** A request without a valid access token: 401 with a reason the caller can act on (never the token). */
export class AuthError extends HttpError {
  readonly reason: string;
  constructor(reason: string, message: string) {
    super(401, 'invalid_token', message);
    this.name = 'AuthError';
    this.reason = reason;
  }
}
