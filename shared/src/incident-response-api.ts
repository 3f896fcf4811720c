// The incident-response contract between the server and the console: an incident's case (state, owner, notes),
// its audit trail, the response actions taken through Graph and what they can still act on.
import { Type, type Static } from '@sinclair/typebox';

export const INCIDENT_STATES = ['new', 'acknowledged', 'contained', 'resolved', 'benign'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];
export const IncidentStateName = Type.Union([Type.Literal('new'), Type.Literal('acknowledged'), Type.Literal('contained'), Type.Literal('resolved'), Type.Literal('benign')]);

/** Which state an analyst may move an incident to from each state (anything else answers 409). */
export const INCIDENT_TRANSITIONS: Readonly<Record<IncidentState, readonly IncidentState[]>> = {
  new: ['acknowledged', 'benign'],
  acknowledged: ['contained', 'resolved', 'benign'],
  contained: ['resolved', 'benign'],
  // Reopening: the analyst takes it up again.
  resolved: ['acknowledged'],
  benign: ['acknowledged'],
};

export const RESPONSE_ACTION_KINDS = ['revoke-sessions', 'disable-account', 'remove-inbox-rule', 'remove-auth-method', 'require-password-reset'] as const;
export type ResponseActionKind = (typeof RESPONSE_ACTION_KINDS)[number];
export const ResponseActionKindName = Type.Union([
  Type.Literal('revoke-sessions'),
  Type.Literal('disable-account'),
  Type.Literal('remove-inbox-rule'),
  Type.Literal('remove-auth-method'),
  Type.Literal('require-password-reset'),
]);

const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$' });
export const IncidentIdParams = Type.Object({ id: Id }, { additionalProperties: false });
export const IncidentActionParams = Type.Object({ id: Id, actionId: Id }, { additionalProperties: false });

export const IncidentAuditItem = Type.Object({
  id: Type.String(),
  at: Type.String(),
  actor: Type.String(),
  action: Type.String(),
  /** Who did what to what, as a sentence. */
  summary: Type.String(),
});
export type IncidentAuditItem = Static<typeof IncidentAuditItem>;

export const ResponseActionItem = Type.Object({
  id: Type.String(),
  kind: ResponseActionKindName,
  userId: Type.String(),
  targetId: Type.Union([Type.String(), Type.Null()]),
  /** What it acted on, readable ("rule 'RSS' of anna@contoso.com"). */
  targetLabel: Type.String(),
  status: Type.Union([Type.Literal('running'), Type.Literal('done'), Type.Literal('failed'), Type.Literal('undone')]),
  /** The outcome as a sentence. */
  result: Type.String(),
  undoable: Type.Boolean(),
  actor: Type.String(),
  at: Type.String(),
  undoneAt: Type.Union([Type.String(), Type.Null()]),
  undoneBy: Type.Union([Type.String(), Type.Null()]),
});
export type ResponseActionItem = Static<typeof ResponseActionItem>;

export const IncidentCase = Type.Object({
  incidentId: Type.String(),
  state: IncidentStateName,
  owner: Type.Union([Type.String(), Type.Null()]),
  stateChangedAt: Type.Union([Type.String(), Type.Null()]),
  /** When it was resolved or marked benign (mail from its users after this is no longer held for it). */
  closedAt: Type.Union([Type.String(), Type.Null()]),
  /** The states the analyst may move it to now. */
  next: Type.Array(IncidentStateName),
  audit: Type.Array(IncidentAuditItem),
  actions: Type.Array(ResponseActionItem),
  /** Mail held because it came from this incident's accounts and is still held. */
  heldMail: Type.Integer(),
});
export type IncidentCase = Static<typeof IncidentCase>;

export const TransitionBody = Type.Object(
  { to: IncidentStateName, note: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export const OwnerBody = Type.Object({ owner: Type.Union([Type.String({ minLength: 1, maxLength: 320 }), Type.Null()]) }, { additionalProperties: false });
export const NoteBody = Type.Object({ text: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false });

export const ResponseActionBody = Type.Object(
  {
    kind: ResponseActionKindName,
    /** The account acted on (Graph user id), one of the incident's users. */
    userId: Type.String({ minLength: 1, maxLength: 64 }),
    /** The inbox rule or authentication method, for the actions that remove one. */
    targetId: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
    /** The console makes one per confirmation; a retry with the same key is not done twice. */
    requestId: Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9-]+$' }),
    /** The analyst confirmed the action. */
    confirm: Type.Literal(true),
  },
  { additionalProperties: false },
);
export type ResponseActionBody = Static<typeof ResponseActionBody>;
export const UndoBody = Type.Object({ confirm: Type.Literal(true) }, { additionalProperties: false });

export const ResponseTargetRule = Type.Object({
  id: Type.String(),
  name: Type.String(),
  /** What the rule does, readable ("forwards to x@evil.example; moves to RSS Feeds"). */
  effect: Type.String(),
  forwards: Type.Boolean(),
});
export const ResponseTargetMethod = Type.Object({
  id: Type.String(),
  type: Type.String(),
  label: Type.String(),
  createdAt: Type.Union([Type.String(), Type.Null()]),
  /** Registered between the incident's start and end (the attacker's, most likely). */
  duringIncident: Type.Boolean(),
  removable: Type.Boolean(),
});
export const ResponseTargetUser = Type.Object({
  userId: Type.String(),
  upn: Type.String(),
  displayName: Type.Union([Type.String(), Type.Null()]),
  accountEnabled: Type.Union([Type.Boolean(), Type.Null()]),
  rules: Type.Array(ResponseTargetRule),
  methods: Type.Array(ResponseTargetMethod),
  /** Why the rules or methods could not be read, if they could not. */
  error: Type.Union([Type.String(), Type.Null()]),
});
export const ResponseTargets = Type.Object({ users: Type.Array(ResponseTargetUser) });
export type ResponseTargets = Static<typeof ResponseTargets>;

export const ReleaseHeldResponse = Type.Object({ released: Type.Integer(), failed: Type.Integer(), message: Type.String() });
export type ReleaseHeldResponse = Static<typeof ReleaseHeldResponse>;
