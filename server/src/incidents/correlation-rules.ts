// How breaches become incidents, as data: which breaches join (same user within a window, shared source
// within a window), what stage of an attack each model evidences, and which chains add to the score.

export type Stage = 'access' | 'persistence' | 'collection' | 'exfiltration' | 'spread';

export interface ChainRule {
  name: string;
  /** Every stage must be present in the incident. */
  stages: Stage[];
  bonus: number;
  /** How the narrative names the chain. */
  description: string;
}

export interface CorrelationRules {
  /** A user's breach joins their open incident if it ends no longer ago than this. */
  sameUserWindowHours: number;
  /** A breach sharing a source key ("ip:…", "fwd:…") with an incident joins it within this window. */
  sharedSourceWindowHours: number;
  /** Source kinds that correlate across users (asn is too coarse). */
  correlatingSources: string[];
  stages: Readonly<Record<string, Stage>>;
  /** Each stage after the strongest adds this fraction of its strongest breach. */
  otherStageFactor: number;
  chains: ChainRule[];
  /** Points per additional user, capped. */
  perExtraUser: number;
  maxExtraUsers: number;
}

export const defaultCorrelationRules: CorrelationRules = {
  sameUserWindowHours: 24 * 5,
  sharedSourceWindowHours: 24 * 14,
  correlatingSources: ['ip', 'fwd'],
  stages: {
    'saas.unusual-credential-source': 'access',
    'saas.impossible-travel': 'access',
    'saas.legacy-protocol-sign-in': 'access',
    'saas.mfa-fatigue': 'access',
    'saas.password-spray': 'access',
    'saas.sign-in-after-password-spray': 'access',
    'saas.device-code-sign-in': 'access',
    'saas.sign-in-from-attacker-source': 'spread',
    'saas.unusual-login-account-update': 'persistence',
    'saas.anomalous-new-email-rule': 'collection',
    'saas.unusual-login-new-email-rule': 'collection',
    'saas.external-forwarding-rule': 'exfiltration',
    'multi.users-breaching-same-model': 'spread',
  },
  otherStageFactor: 0.3,
  chains: [
    { name: 'account-takeover', stages: ['access', 'persistence', 'collection'], bonus: 15, description: 'unusual sign-in, then a new MFA method, then a mail rule: the account-takeover chain' },
    { name: 'takeover-with-exfiltration', stages: ['access', 'exfiltration'], bonus: 8, description: 'unusual sign-in, then mail forwarded outside' },
    { name: 'durable-access', stages: ['access', 'persistence'], bonus: 5, description: 'unusual sign-in, then a new MFA method' },
  ],
  perExtraUser: 4,
  maxExtraUsers: 3,
};
