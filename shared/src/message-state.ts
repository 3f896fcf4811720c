// One state machine per message, shared by the server (which derives the state from its records and answers
// it with the assessment) and the task pane (which offers only the actions the state allows and, after an
// action succeeds, moves to the next state without refetching). Pure: no IO, no clock.
import type { MailVerdict } from './assessment.ts';

export const MESSAGE_STATES = [
  'delivered',
  'tagged',
  'links-locked',
  'held',
  'reported',
  'release-requested',
  'released',
  'denied',
  'restored',
] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];

/** What the user can do from the pane. */
export const MESSAGE_ACTIONS = ['report', 'release', 'request-release'] as const;
export type MessageAction = (typeof MESSAGE_ACTIONS)[number];

/** What others do: the security team decides a request, triage finds a reported message safe. */
export const MESSAGE_EVENTS = [...MESSAGE_ACTIONS, 'approve', 'deny', 'triage-safe'] as const;
export type MessageEvent = (typeof MESSAGE_EVENTS)[number];

/** May the user undo Lantern's action themselves ('allowed'), ask the security team ('request'), or neither. */
export type ReleasePolicy = 'allowed' | 'request' | 'none';

/** The records the server holds about one message in one mailbox. */
export interface MessageFacts {
  verdict: MailVerdict;
  /** Lantern holds it now (hidden folder). */
  held: boolean;
  /** The latest release request for its current hold, if any. */
  releaseRequest: 'pending' | 'approved' | 'denied' | null;
  /** Lantern's hold, tag or link lock was undone (by the user or an analyst). */
  released: boolean;
  /** The user reported it. */
  reported: boolean;
  /** Triage found the reported message safe and put it back in the Inbox. */
  restored: boolean;
}

/** The one state the pane tells its story from. Reporting wins over holding: a reported message is not asked back. */
export function messageStateOf(f: MessageFacts): MessageState {
  if (f.restored) return 'restored';
  if (f.reported) return 'reported';
  if (f.held) {
    if (f.releaseRequest === 'pending') return 'release-requested';
    if (f.releaseRequest === 'denied') return 'denied';
    return 'held';
  }
  if (f.released) return 'released';
  if (f.verdict === 'tag') return 'tagged';
  if (f.verdict === 'lock-links') return 'links-locked';
  return 'delivered';
}

/** The state after `event`, or null when the event is not allowed in `state` (under `release` policy). */
export function nextMessageState(state: MessageState, event: MessageEvent, release: ReleasePolicy): MessageState | null {
  switch (event) {
    case 'report':
      return state === 'reported' || state === 'restored' ? null : 'reported';
    case 'release':
      if (state === 'tagged' || state === 'links-locked') return 'released';
      return state === 'held' && release === 'allowed' ? 'released' : null;
    case 'request-release':
      return state === 'held' && release === 'request' ? 'release-requested' : null;
    case 'approve':
      return state === 'release-requested' ? 'released' : null;
    case 'deny':
      return state === 'release-requested' ? 'denied' : null;
    case 'triage-safe':
      return state === 'reported' ? 'restored' : null;
  }
}

/** The actions the pane offers in `state`, in the order it shows them. */
export function allowedActions(state: MessageState, release: ReleasePolicy): MessageAction[] {
  return MESSAGE_ACTIONS.filter((a) => nextMessageState(state, a, release) !== null);
}

/** What the pane says about where the message stands, in whole sentences; null when the verdict says it all. */
export function stateSentence(state: MessageState, release: ReleasePolicy): string | null {
  switch (state) {
    case 'delivered':
    case 'tagged':
    case 'links-locked':
      return null;
    case 'held':
      if (release === 'request') return 'Lantern moved this message out of your inbox. A security analyst must approve its release: request it only if you expected this message.';
      if (release === 'allowed') return 'Lantern moved this message out of your inbox. Release it only if you expected it and trust the sender.';
      return 'Lantern moved this message out of your inbox. Your security team decides what happens to it.';
    case 'release-requested':
      return 'You asked the security team to release this message. It stays held until they decide.';
    case 'denied':
      return 'The security team denied your request to release this message. It stays held because it is dangerous.';
    case 'released':
      return "Lantern's hold or warning on this message was removed.";
    case 'reported':
      return 'You reported this message. Automatic triage is checking it, and you will hear the outcome.';
    case 'restored':
      return 'Triage found this message safe and moved it back to your Inbox.';
  }
}
