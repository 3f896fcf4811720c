// Options of the seeded scenario generator (server/src/sim/generator/generate.ts).
/**
 * 'classic-chain': unusual sign-in → new Authenticator → hidden inbox rule → internal phishing → more victims.
 * Variants: 'mfa-fatigue' (many 500121 denials then a success), 'password-spray' (one IP, many users,
 * 50126), 'device-code' (device-code phishing: Azure CLI token from a hosting IP), 'external-forwarding'
 * (a rule forwarding mail to a gmail.com address), 'legacy-imap' (IMAP4 sign-ins from a hosting IP).
 */
export type AttackKind = 'classic-chain' | 'mfa-fatigue' | 'password-spray' | 'device-code' | 'external-forwarding' | 'legacy-imap';

export interface GeneratorOptions {
  users: number;
  days: number;
  seed: number;
  /** ISO start of the generated period; default: `days` days before `end`. */
  start?: string;
  /** ISO end of the generated period. */
  end?: string;
  /** Attack chains to inject (default: one classic chain). */
  attacks?: { kind: AttackKind; count: number }[];
  /** Benign hard cases to include (default: all of them, a few users each). */
  hardCases?: boolean;
  /** Generate inbound mail (default true). */
  mail?: boolean;
  /**
   * Add the dedicated "Lantern" mailbox (lantern@domain, "Lantern Security") after the `users` people: the
   * security mailbox, with no sign-ins, mail or rules (default true).
   */
  lanternMailbox?: boolean;
  /** Tenant display name and primary domain. */
  tenantName?: string;
  domain?: string;
  /** Target sign-ins per user on a working day, laptop and phone together (default 24; weekends far fewer). */
  signInsPerWorkday?: number;
  /** Benign non-newsletter messages per user per working day (default 0.5; newsletters come on top). */
  mailPerUserPerDay?: number;
}
