// LANTERN_SECURITY_MAILBOX resolves through the tenant directory to one user, or fails in one clear line.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../server/src/config.ts';
import type { GraphUserSummary } from '../../server/src/graph/graph-api.ts';
import { resolveSecurityMailbox, SecurityMailboxError } from '../../server/src/mailbox/security-mailbox.ts';

const users: GraphUserSummary[] = [
  { id: '11111111-1111-4111-8111-111111111111', userPrincipalName: 'ada@contoso.com', displayName: 'Ada', mail: 'ada@contoso.com', accountEnabled: true },
  // A shared mailbox: its account is disabled, its primary address differs from its UPN.
  { id: '22222222-2222-4222-8222-222222222222', userPrincipalName: 'SecOps@contoso.onmicrosoft.com', displayName: 'Lantern', mail: 'Security@Contoso.com', accountEnabled: false },
];

describe('resolveSecurityMailbox', () => {
  it('finds the mailbox by object id, UPN or primary address, in any case', () => {
    for (const wanted of ['22222222-2222-4222-8222-222222222222', 'secops@contoso.onmicrosoft.com', 'SECURITY@contoso.com']) {
      expect(resolveSecurityMailbox(users, wanted)).toEqual({
        id: '22222222-2222-4222-8222-222222222222',
        upn: 'secops@contoso.onmicrosoft.com',
        addresses: ['security@contoso.com', 'secops@contoso.onmicrosoft.com'],
        displayName: 'Lantern',
      });
    }
  });

  it('fails in one line naming the setting when no user matches', () => {
    const run = () => resolveSecurityMailbox(users, 'lantern@contoso.com');
    expect(run).toThrow(SecurityMailboxError);
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(/^LANTERN_SECURITY_MAILBOX 'lantern@contoso.com' is not a user of this tenant[^\n]*$/);
    expect(() => resolveSecurityMailbox(users, ' ')).toThrow(/LANTERN_SECURITY_MAILBOX/);
  });
});
