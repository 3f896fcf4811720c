// The caller, as established by a validated access token. Every /api/* handler except health sees one.

export interface AuthUser {
  /** Entra object id of the user: the mailbox every message lookup is scoped to. */
  oid: string;
  /** Tenant id (always equal to the configured tenant). */
  tid: string;
  /** preferred_username (v2) or upn / unique_name (v1), lower-cased. */
  upn: string;
  /** Display name from the token, or null. */
  name: string | null;
  /** App roles granted to the user (e.g. Lantern.SecurityAnalyst). */
  roles: string[];
}
