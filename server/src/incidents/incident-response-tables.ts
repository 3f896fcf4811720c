// The incident-response tables (created by store/migrations/0080-incident-response.ts). Times are ISO 8601 UTC text.
import type { IncidentState, ResponseActionKind } from '@lantern/shared/incident-response-api';

export interface IncidentCasesTable {
  incident_id: string;
  state: IncidentState;
  owner: string | null;
  state_changed_at: string;
  /** When it was resolved or marked benign; null while open. */
  closed_at: string | null;
  updated_at: string;
}

export interface IncidentAuditTable {
  id: string;
  incident_id: string;
  at: string;
  /** UPN of the analyst. */
  actor: string;
  action: string;
  /** A readable sentence: who did what to what. */
  summary: string;
  /** JSON with the particulars (states, ids); never tokens or mail content. */
  detail: string;
}

export type ResponseActionStatus = 'running' | 'done' | 'failed' | 'undone';

export interface IncidentActionsTable {
  id: string;
  /** incident id + the console's request id: unique, so a retried request is found instead of repeated. */
  request_key: string;
  incident_id: string;
  kind: ResponseActionKind;
  user_id: string;
  target_id: string | null;
  target_label: string;
  status: ResponseActionStatus;
  result: string;
  /** JSON the undo needs (a removed rule's definition); null when Graph cannot undo the action. */
  undo_data: string | null;
  actor: string;
  at: string;
  undone_at: string | null;
  undone_by: string | null;
}

export interface IncidentResponseTables {
  incident_cases: IncidentCasesTable;
  incident_audit: IncidentAuditTable;
  incident_actions: IncidentActionsTable;
}
