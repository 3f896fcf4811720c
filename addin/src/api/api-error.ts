// The ways a call to Lantern's API can fail, as typed errors the task pane turns into designed states.

/** The API answered with an error status (body `{ error: { code, message } }`). */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

/** The request never reached the API (offline, DNS, TLS, CORS). */
export class ApiOfflineError extends Error {
  override readonly name = 'ApiOfflineError';
  constructor(
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super('Lantern could not be reached. Check your connection.', options);
  }
}

/** No token could be obtained for the API. */
export class ApiSignInError extends Error {
  override readonly name = 'ApiSignInError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The API answered 2xx with a body that does not match the contract. */
export class ApiContractError extends Error {
  override readonly name = 'ApiContractError';
  constructor(
    readonly path: string,
    readonly field: string,
  ) {
    super(`unexpected response from ${path}: ${field}`);
  }
}
