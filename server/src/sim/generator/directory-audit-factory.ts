// Graph directoryAudit records written by the "Authentication Methods" service when security info changes.
import type { GraphDirectoryAudit } from '@lantern/shared';
import type { Prng } from './prng.ts';
import type { Persona } from './tenant-model.ts';

export type SecurityInfoActivity =
  | 'User registered security info'
  | 'User started security info registration'
  | 'User deleted security info'
  | 'User changed default security info';

export function securityInfoAudit(
  prng: Prng,
  persona: Persona,
  t: number,
  ipAddress: string,
  activity: SecurityInfoActivity,
  resultReason: string,
): GraphDirectoryAudit {
  const operationType = activity === 'User deleted security info' ? 'Delete' : activity === 'User changed default security info' ? 'Update' : 'Add';
  return {
    id: `Sspr_${prng.guid().replace(/-/g, '')}_${prng.chars(5, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`,
    category: 'UserManagement',
    correlationId: prng.guid(),
    result: 'success',
    resultReason,
    activityDisplayName: activity,
    activityDateTime: new Date(t).toISOString(),
    loggedByService: 'Authentication Methods',
    operationType,
    initiatedBy: {
      app: null,
      user: { id: persona.id, displayName: null, userPrincipalName: persona.userPrincipalName, ipAddress },
    },
    targetResources: [
      { id: persona.id, displayName: persona.displayName, type: 'User', userPrincipalName: persona.userPrincipalName, modifiedProperties: [] },
    ],
    additionalDetails: [],
  };
}
