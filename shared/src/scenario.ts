// Tenant scenario file, version 1 (documented in docs/scenario-format.md).
// One JSON document; every array optional; records in any order; unknown fields ignored.
// Records are Graph JSON exactly as Graph returns them. Snapshots (inboxRules, authenticationMethods)
// hold a user's whole set as of `at`: a change is the difference between consecutive snapshots.
import type {
  GraphAuthenticationMethod,
  GraphDirectoryAudit,
  GraphMailFolder,
  GraphMessage,
  GraphMessageRule,
  GraphSignIn,
  GraphUser,
} from './graph-types.ts';

export interface ScenarioTenant {
  id: string;
  displayName: string;
  domains: string[];
}

export interface AuthenticationMethodsSnapshot {
  userId: string;
  at: string;
  methods: GraphAuthenticationMethod[];
}

export interface MailFoldersRecord {
  userId: string;
  folders: GraphMailFolder[];
}

export interface InboxRulesSnapshot {
  userId: string;
  at: string;
  rules: GraphMessageRule[];
}

export interface ScenarioMessage {
  userId: string;
  /** Well-known folder name ("inbox", "sentitems", ...) or a folder id from mailFolders. */
  folder: string;
  message: GraphMessage;
  /** Raw RFC 822 source, served at /messages/{id}/$value. */
  mime?: string;
}

/** Ground truth the generator records so evaluations can score detection; ignored by the simulator. */
export interface ScenarioLabel {
  kind: 'attack' | 'benign-hard-case';
  /** e.g. "classic-chain", "traveller", "vpn-hopper", "new-phone", "newsletter-rule", "moved-city". */
  name: string;
  userIds: string[];
  start: string;
  end: string;
  /** Detection model ids expected to fire (attacks only). */
  expectedModels?: string[];
  attackerIp?: string;
}

export interface TenantScenario {
  version: 1;
  tenant: ScenarioTenant;
  start: string;
  end: string;
  users?: GraphUser[];
  signIns?: GraphSignIn[];
  directoryAudits?: GraphDirectoryAudit[];
  authenticationMethods?: AuthenticationMethodsSnapshot[];
  mailFolders?: MailFoldersRecord[];
  inboxRules?: InboxRulesSnapshot[];
  messages?: ScenarioMessage[];
  labels?: ScenarioLabel[];
}
