// Demo-mode wiring of the /demo/api endpoints to the in-process tenant simulator: its users, its identity
// provider (tokens for the add-in API) and its mailboxes. Only the demo entry point calls this.
import type { DemoMailboxMessage, DemoUser } from '@lantern/shared/api';
import { SECURITY_ANALYST_ROLE } from '@lantern/shared/api';
import type { RunningSimulator } from '../sim/simulator.ts';
import type { MailboxActions } from '../mailbox/mailbox-actions.ts';
import type { DemoDeps } from './demo-routes.ts';

export interface SimulatorDemoOptions {
  simulator: RunningSimulator;
  /** Audience of the minted tokens: the API's client id. */
  audience: string;
  actions: MailboxActions;
}

export function demoDepsFromSimulator(options: SimulatorDemoOptions): DemoDeps {
  const { simulator } = options;
  return {
    listUsers: (): DemoUser[] =>
      simulator.state.users().map((u) => ({ id: u.id, upn: u.userPrincipalName, displayName: u.displayName ?? null })),
    mintToken: (user, analyst) =>
      simulator.mintUserToken({ user: user.id, audience: options.audience, ...(analyst ? { roles: [SECURITY_ANALYST_ROLE] } : {}) }),
    listMailbox: (userId, folder, top): DemoMailboxMessage[] =>
      simulator.state
        .messagesIn(userId, folder)
        .map((m) => ({
          id: m.immutableId,
          internetMessageId: m.message.internetMessageId ?? null,
          subject: m.message.subject ?? null,
          from: m.message.from?.emailAddress.address ?? null,
          receivedAt: m.message.receivedDateTime ?? null,
          isRead: m.message.isRead ?? false,
          categories: m.message.categories ?? [],
        }))
        .sort((a, b) => (b.receivedAt ?? '').localeCompare(a.receivedAt ?? ''))
        .slice(0, top),
    actions: options.actions,
  };
}
