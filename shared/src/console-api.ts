// The security-team console's API contract (server/src/routes/console.ts ↔ addin/src/console). Every route
// needs the Lantern.SecurityAnalyst role except /api/my-reports and /api/digest/preference (any signed-in user).
import { Type, type Static } from '@sinclair/typebox';

const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()]);

export const TriageVerdictName = Type.Union([Type.Literal('malicious'), Type.Literal('suspicious'), Type.Literal('spam'), Type.Literal('benign')]);
export type TriageVerdictName = Static<typeof TriageVerdictName>;

export const TriageReasonItem = Type.Object({ code: Type.String(), weight: Type.Number(), text: Type.String() });

export const ReportStatusName = Type.Union([Type.Literal('new'), Type.Literal('needs-person'), Type.Literal('closed')]);

export const ConsoleReport = Type.Object({
  id: Type.String(),
  source: Type.String(),
  reportedAt: Type.String(),
  reporterUpn: Type.String(),
  sender: Nullable(Type.String()),
  subject: Nullable(Type.String()),
  verdict: Nullable(Type.String()),
  confidence: Nullable(Type.Number()),
  status: ReportStatusName,
  outcome: Nullable(Type.String()),
  feedback: Nullable(Type.String()),
  summary: Nullable(Type.String()),
  reasons: Type.Array(TriageReasonItem),
  campaignId: Nullable(Type.String()),
  campaignMailboxes: Type.Integer(),
  campaignReporters: Type.Integer(),
  campaignStatus: Nullable(Type.String()),
  closedBy: Nullable(Type.String()),
});
export type ConsoleReport = Static<typeof ConsoleReport>;

export const ConsoleReportQuery = Type.Object(
  { status: Type.Optional(Type.Union([ReportStatusName, Type.Literal('all')])), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) },
  { additionalProperties: false },
);
export const ConsoleReportList = Type.Object({ items: Type.Array(ConsoleReport) });
export type ConsoleReportList = Static<typeof ConsoleReportList>;

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const CampaignMemberItem = Type.Object({
  mailbox: Type.String(),
  messageId: Type.String(),
  receivedAt: Nullable(Type.String()),
  matchedOn: Type.String(),
  state: Type.String(),
});
export const CampaignDetail = Type.Object({
  id: Type.String(),
  sender: Nullable(Type.String()),
  subject: Nullable(Type.String()),
  status: Type.String(),
  verdict: Nullable(Type.String()),
  confidence: Nullable(Type.Number()),
  narrative: Nullable(Type.String()),
  mailboxes: Type.Integer(),
  copies: Type.Integer(),
  reporters: Type.Integer(),
  firstReceivedAt: Nullable(Type.String()),
  lastReceivedAt: Nullable(Type.String()),
  members: Type.Array(CampaignMemberItem),
  reports: Type.Array(ConsoleReport),
});
export type CampaignDetail = Static<typeof CampaignDetail>;

export const CampaignActionResponse = Type.Object({ status: Type.String(), affected: Type.Integer(), message: Type.String() });
export type CampaignActionResponse = Static<typeof CampaignActionResponse>;

export const DecideBody = Type.Object({ verdict: TriageVerdictName }, { additionalProperties: false });
export type DecideBody = Static<typeof DecideBody>;

export const SearchQuery = Type.Object(
  {
    user: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    sender: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
    domain: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    url: Type.Optional(Type.String({ minLength: 1, maxLength: 2048 })),
  },
  { additionalProperties: false },
);
export type SearchQuery = Static<typeof SearchQuery>;
export const SearchHit = Type.Object({
  mailbox: Type.String(),
  messageId: Type.String(),
  sender: Nullable(Type.String()),
  subject: Nullable(Type.String()),
  receivedAt: Type.String(),
  linkHosts: Type.Array(Type.String()),
  verdict: Nullable(Type.String()),
  score: Nullable(Type.Number()),
});
export const SearchResponse = Type.Object({ items: Type.Array(SearchHit) });
export type SearchResponse = Static<typeof SearchResponse>;

export const HeldItem = Type.Object({
  holdId: Type.String(),
  userId: Type.String(),
  messageId: Type.String(),
  subject: Nullable(Type.String()),
  from: Nullable(Type.String()),
  heldAt: Type.String(),
  score: Type.Number(),
  status: Type.String(),
});
export const HeldResponse = Type.Object({ items: Type.Array(HeldItem) });
export type HeldResponse = Static<typeof HeldResponse>;

export const AuditItem = Type.Object({
  id: Type.String(),
  at: Type.String(),
  actor: Type.String(),
  action: Type.String(),
  targetKind: Type.String(),
  targetId: Type.String(),
  detail: Nullable(Type.String()),
});
export const AuditResponse = Type.Object({ items: Type.Array(AuditItem) });
export type AuditResponse = Static<typeof AuditResponse>;

export const SignInPoint = Type.Object({
  at: Type.String(),
  user: Type.String(),
  lat: Type.Number(),
  lon: Type.Number(),
  city: Nullable(Type.String()),
  country: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  success: Type.Boolean(),
});
export const TimelineEntry = Type.Object({ at: Type.String(), model: Type.String(), user: Type.String(), score: Type.Number(), text: Type.String() });
/** Something the incident's users created that keeps an attacker in, with what to undo. */
export const PersistenceEntry = Type.Object({ kind: Type.String(), user: Type.String(), at: Type.String(), name: Type.String(), what: Type.String(), undo: Type.String(), alerted: Type.Boolean(), removedAt: Nullable(Type.String()) });
export const ConsoleIncident = Type.Object({
  id: Type.String(),
  severity: Type.String(),
  score: Type.Number(),
  users: Type.Array(Type.String()),
  start: Type.String(),
  end: Type.String(),
  narrative: Type.String(),
  timeline: Type.Array(TimelineEntry),
  signIns: Type.Array(SignInPoint),
  persistence: Type.Array(PersistenceEntry),
});
export type ConsoleIncident = Static<typeof ConsoleIncident>;
export const ConsoleIncidentList = Type.Object({ items: Type.Array(ConsoleIncident) });
export type ConsoleIncidentList = Static<typeof ConsoleIncidentList>;

/** The reporter's own reports and their outcomes (task pane). */
export const MyReport = Type.Object({
  id: Type.String(),
  reportedAt: Type.String(),
  subject: Nullable(Type.String()),
  status: ReportStatusName,
  verdict: Nullable(Type.String()),
  feedback: Nullable(Type.String()),
});
export const MyReportsResponse = Type.Object({ items: Type.Array(MyReport) });
export type MyReportsResponse = Static<typeof MyReportsResponse>;

export const DigestFrequencyName = Type.Union([Type.Literal('off'), Type.Literal('daily'), Type.Literal('weekly')]);
export const DigestPreference = Type.Object({ frequency: DigestFrequencyName }, { additionalProperties: false });
export type DigestPreference = Static<typeof DigestPreference>;
