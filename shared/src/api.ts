// The HTTP API contract between the backend (server/src/routes) and the add-in / console (addin/src).
// TypeBox schemas give both the runtime validation (Fastify) and the static types (Static<>).
import { Type, type Static } from '@sinclair/typebox';
import type { MessageAction, MessageState } from './message-state.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const ApiError = Type.Object({
  error: Type.Object({
    /** Stable machine code, e.g. "not_found", "forbidden", "invalid_token", "rate_limited". */
    code: Type.String(),
    /** What the caller can fix (4xx), or just "Internal Server Error" (5xx). */
    message: Type.String(),
  }),
});
export type ApiError = Static<typeof ApiError>;

export const MailReasonSchema = Type.Object({ code: Type.String(), weight: Type.Number(), text: Type.String() });

export const AssessedLinkSchema = Type.Object({
  text: Type.String(),
  url: Type.String(),
  host: Type.String(),
  risky: Type.Boolean(),
  why: Nullable(Type.String()),
});

export const AssessedAttachmentSchema = Type.Object({
  name: Type.String(),
  contentType: Type.String(),
  size: Type.Number(),
  sha256: Type.String(),
  risky: Type.Boolean(),
  why: Nullable(Type.String()),
});

export const MailAssessmentSchema = Type.Object({
  score: Type.Number(),
  verdict: Type.Union([Type.Literal('deliver'), Type.Literal('tag'), Type.Literal('lock-links'), Type.Literal('hold')]),
  reasons: Type.Array(MailReasonSchema),
  userNarrative: Type.String(),
  analystNarrative: Type.String(),
  sender: Type.Object({
    address: Nullable(Type.String()),
    name: Nullable(Type.String()),
    replyTo: Nullable(Type.String()),
    authentication: Nullable(Type.String()),
  }),
  subject: Nullable(Type.String()),
  links: Type.Array(AssessedLinkSchema),
  attachments: Type.Array(AssessedAttachmentSchema),
});

/** What the user may do about a held message: release it, ask for release, or nothing. */
export const ReleaseMode = Type.Union([Type.Literal('allowed'), Type.Literal('request'), Type.Literal('none')]);
export type ReleaseMode = Static<typeof ReleaseMode>;

/** Where a message stands (shared/src/message-state.ts): drives the actions offered and what the pane says. */
export const MessageStateSchema = Type.Union([
  Type.Literal('delivered'),
  Type.Literal('tagged'),
  Type.Literal('links-locked'),
  Type.Literal('held'),
  Type.Literal('reported'),
  Type.Literal('release-requested'),
  Type.Literal('released'),
  Type.Literal('denied'),
  Type.Literal('restored'),
]);
export const MessageActionSchema = Type.Union([Type.Literal('report'), Type.Literal('release'), Type.Literal('request-release')]);
// The schemas list exactly the state module's states and actions (checked both ways at compile time).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const statesMatch: Same<Static<typeof MessageStateSchema>, MessageState> = true;
const actionsMatch: Same<Static<typeof MessageActionSchema>, MessageAction> = true;
void statesMatch;
void actionsMatch;

/** Path parameter: the message's REST id (from convertToRestId), URL-encoded. Bounded. */
export const MessageParams = Type.Object({ messageId: Type.String({ minLength: 1, maxLength: 512 }) });
export type MessageParams = Static<typeof MessageParams>;

export const AssessmentQuery = Type.Object({
  internetMessageId: Type.Optional(Type.String({ maxLength: 998 })),
});

/** GET /api/messages/:messageId/assessment */
export const MessageAssessmentResponse = Type.Object({
  messageId: Type.String(),
  internetMessageId: Nullable(Type.String()),
  receivedAt: Nullable(Type.String()),
  held: Type.Boolean(),
  release: ReleaseMode,
  releaseRequested: Type.Boolean(),
  reported: Type.Boolean(),
  /** The message's state: the only input for which actions the pane offers. */
  state: MessageStateSchema,
  /** The actions allowed in `state` (allowedActions), in the order the pane shows them. */
  actions: Type.Array(MessageActionSchema),
  /** Where the message stands, in whole sentences (stateSentence), or null when the verdict says it all. */
  notice: Nullable(Type.String()),
  assessment: MailAssessmentSchema,
});
export type MessageAssessmentResponse = Static<typeof MessageAssessmentResponse>;

/** POST /api/messages/:messageId/report */
export const ReportBody = Type.Object({
  /** Optional note from the reporter, bounded. */
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
});
export const ReportResponse = Type.Object({
  status: Type.Literal('received'),
  reportId: Type.String(),
  /** Immediate acknowledgement shown to the reporter. */
  message: Type.String(),
});
export type ReportResponse = Static<typeof ReportResponse>;

/** POST /api/messages/:messageId/release */
export const ReleaseResponse = Type.Object({ status: Type.Literal('released'), message: Type.String() });
export type ReleaseResponse = Static<typeof ReleaseResponse>;

/** POST /api/messages/:messageId/release-request */
export const ReleaseRequestResponse = Type.Object({
  status: Type.Literal('requested'),
  requestId: Type.String(),
  message: Type.String(),
});
export type ReleaseRequestResponse = Static<typeof ReleaseRequestResponse>;

export const HeldMessage = Type.Object({
  messageId: Type.String(),
  subject: Nullable(Type.String()),
  from: Nullable(Type.String()),
  receivedAt: Nullable(Type.String()),
  heldAt: Type.String(),
  score: Type.Number(),
  verdict: Type.String(),
  /** Why it was held, in one or two plain sentences. */
  why: Type.String(),
  release: ReleaseMode,
  releaseRequested: Type.Boolean(),
  state: MessageStateSchema,
  actions: Type.Array(MessageActionSchema),
  notice: Nullable(Type.String()),
});
export type HeldMessage = Static<typeof HeldMessage>;

/** GET /api/held */
export const HeldListResponse = Type.Object({ items: Type.Array(HeldMessage) });
export type HeldListResponse = Static<typeof HeldListResponse>;

/** GET /api/me */
export const MeResponse = Type.Object({
  upn: Type.String(),
  displayName: Nullable(Type.String()),
  roles: Type.Array(Type.String()),
});
export type MeResponse = Static<typeof MeResponse>;

/** The app role that grants the security-team console and incident APIs. */
export const SECURITY_ANALYST_ROLE = 'Lantern.SecurityAnalyst';

// ---- Security-team release requests (role SECURITY_ANALYST_ROLE) ----

export const ReleaseRequestStatus = Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('denied')]);
export type ReleaseRequestStatus = Static<typeof ReleaseRequestStatus>;

export const ReleaseRequestParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export type ReleaseRequestParams = Static<typeof ReleaseRequestParams>;

/** GET /api/release-requests?status=pending */
export const ReleaseRequestListQuery = Type.Object({ status: Type.Optional(ReleaseRequestStatus) });

export const ReleaseRequestItem = Type.Object({
  id: Type.String(),
  userUpn: Type.String(),
  messageId: Type.String(),
  subject: Nullable(Type.String()),
  from: Nullable(Type.String()),
  score: Type.Number(),
  requestedAt: Type.String(),
  status: ReleaseRequestStatus,
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
});
export type ReleaseRequestItem = Static<typeof ReleaseRequestItem>;

export const ReleaseRequestListResponse = Type.Object({ items: Type.Array(ReleaseRequestItem) });
export type ReleaseRequestListResponse = Static<typeof ReleaseRequestListResponse>;

/** POST /api/release-requests/:id/approve and /deny */
export const ReleaseRequestDecisionResponse = Type.Object({
  status: Type.Union([Type.Literal('approved'), Type.Literal('denied')]),
  message: Type.String(),
});
export type ReleaseRequestDecisionResponse = Static<typeof ReleaseRequestDecisionResponse>;

// ---- Demo mode only (/demo/api/*): the simulated tenant's users, tokens and mailboxes ----

export const DemoUser = Type.Object({ id: Type.String(), upn: Type.String(), displayName: Nullable(Type.String()) });
export type DemoUser = Static<typeof DemoUser>;
export const DemoUsersResponse = Type.Object({ items: Type.Array(DemoUser) });
export type DemoUsersResponse = Static<typeof DemoUsersResponse>;

export const DemoTokenBody = Type.Object({
  userId: Type.String({ minLength: 1, maxLength: 256 }),
  analyst: Type.Optional(Type.Boolean()),
});
export type DemoTokenBody = Static<typeof DemoTokenBody>;
export const DemoTokenResponse = Type.Object({ accessToken: Type.String() });
export type DemoTokenResponse = Static<typeof DemoTokenResponse>;

export const DemoMailboxParams = Type.Object({ userId: Type.String({ minLength: 1, maxLength: 256 }) });
export const DemoMailboxFolder = Type.Union([Type.Literal('inbox'), Type.Literal('held'), Type.Literal('junkemail')]);
export type DemoMailboxFolder = Static<typeof DemoMailboxFolder>;
export const DemoMailboxQuery = Type.Object({ folder: Type.Optional(DemoMailboxFolder) });
export const DemoMailboxMessage = Type.Object({
  id: Type.String(),
  internetMessageId: Nullable(Type.String()),
  subject: Nullable(Type.String()),
  from: Nullable(Type.String()),
  receivedAt: Nullable(Type.String()),
  isRead: Type.Boolean(),
  categories: Type.Array(Type.String()),
});
export type DemoMailboxMessage = Static<typeof DemoMailboxMessage>;
export const DemoMailboxResponse = Type.Object({ items: Type.Array(DemoMailboxMessage) });
export type DemoMailboxResponse = Static<typeof DemoMailboxResponse>;

/**
 * GET /api/public-config (unauthenticated): how the security-team console signs in. No secrets: the SPA's
 * client id, the authority and the API scope are public by design (they appear in every sign-in URL).
 * `mode: 'demo'` means the console signs in through /demo/api/token; `'tenant'` through Microsoft Entra ID.
 */
export const PublicConfigResponse = Type.Object({
  mode: Type.Union([Type.Literal('demo'), Type.Literal('tenant')]),
  /** The app registration the console signs in with (its SPA platform carries the redirect URI). */
  clientId: Type.String({ minLength: 1, maxLength: 200 }),
  /** e.g. https://login.microsoftonline.com/{tenantId} */
  authority: Type.String({ minLength: 1, maxLength: 500 }),
  /** The delegated scope the API accepts, e.g. api://{clientId}/access_as_user or {clientId}/access_as_user. */
  scope: Type.String({ minLength: 1, maxLength: 500 }),
  /** Authorities MSAL may trust beyond Microsoft's well-known clouds (host names). */
  knownAuthorities: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { maxItems: 10 })),
});
export type PublicConfigResponse = Static<typeof PublicConfigResponse>;
