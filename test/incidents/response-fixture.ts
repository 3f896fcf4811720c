// A tenant under attack for incident-response tests: user 1's account was taken over on 2 March (an
// Authenticator registered by the attacker, a rule forwarding mail out), with the real Graph client against the
// simulator and an identity incident naming the account.
import pino from 'pino';
import type { Incident, TenantScenario } from '@lantern/shared';
import { ManualClock } from '../../server/src/clock.ts';
import { startSimulator, type RunningSimulator } from '../../server/src/sim/simulator.ts';
import { simulatorGraphApi } from '../../server/src/sim/simulator-graph-api.ts';
import type { GraphApi } from '../../server/src/graph/graph-api.ts';

export const NOW = '2026-03-03T10:00:00.000Z';
export const USER1 = '00000000-0000-4000-8000-000000000001';
export const USER2 = '00000000-0000-4000-8000-000000000002';
export const RULE_ID = 'AQAAAJ5dZp8=';
export const ATTACKER_METHOD = 'b5b2a5c0-0000-4000-8000-00000000a77a';

export function attackScenario(): TenantScenario {
  return {
    version: 1,
    tenant: { id: 'aaaaaaaa-bbbb-4ccc-8ddd-000000000013', displayName: 'Contoso', domains: ['contoso.test'] },
    start: '2026-03-01T00:00:00Z',
    end: '2026-03-04T00:00:00Z',
    users: [
      { id: USER1, userPrincipalName: 'anna@contoso.test', mail: 'anna@contoso.test', displayName: 'Anna Berg', accountEnabled: true },
      { id: USER2, userPrincipalName: 'ben@contoso.test', mail: 'ben@contoso.test', displayName: 'Ben Ek', accountEnabled: true },
    ],
    authenticationMethods: [
      {
        userId: USER1,
        at: '2026-03-02T09:20:00Z',
        methods: [
          { '@odata.type': '#microsoft.graph.passwordAuthenticationMethod', id: '28c10230-6103-485e-b985-444c60001490', createdDateTime: null },
          { '@odata.type': '#microsoft.graph.phoneAuthenticationMethod', id: '3179e48a-750b-4051-897c-87b9720928f7', phoneNumber: '+46 70 000 0001', phoneType: 'mobile', createdDateTime: '2025-06-01T08:00:00Z' },
          { '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod', id: ATTACKER_METHOD, displayName: 'Galaxy S9', createdDateTime: '2026-03-02T09:20:00Z' },
        ],
      },
    ],
    inboxRules: [
      {
        userId: USER1,
        at: '2026-03-02T09:30:00Z',
        rules: [
          { id: RULE_ID, displayName: '.', sequence: 1, isEnabled: true, conditions: { bodyOrSubjectContains: ['invoice'] }, actions: { forwardTo: [{ emailAddress: { address: 'drop@evil.example' } }], moveToFolder: 'rss', stopProcessingRules: true } },
        ],
      },
    ],
  };
}

export function takeoverIncident(): Incident {
  const breach = (id: string, model: string, at: string) => ({ id, model, userId: USER1, user: 'anna@contoso.test', at, score: 80, reasons: [{ code: 'x', text: 'evidence' }], eventId: `e-${id}`, sources: [] });
  return {
    id: 'inc-0badf00d',
    severity: 'critical',
    score: 95,
    users: ['anna@contoso.test'],
    persistence: [],
    start: '2026-03-02T09:00:00.000Z',
    end: '2026-03-02T09:30:00.000Z',
    breaches: [breach('b1', 'saas.impossible-travel', '2026-03-02T09:00:00.000Z'), breach('b2', 'saas.anomalous-new-email-rule', '2026-03-02T09:30:00.000Z')],
    narrative: 'Anna Berg signed in from far away, then a rule started forwarding mail out.',
  };
}

export interface AttackedTenant {
  sim: RunningSimulator;
  graph: GraphApi;
  clock: ManualClock;
  close(): Promise<void>;
}

export async function startAttackedTenant(): Promise<AttackedTenant> {
  const clock = new ManualClock(NOW);
  const sim = await startSimulator({ scenario: attackScenario(), clock, throttling: false });
  const graph = simulatorGraphApi(sim, { logger: pino({ level: 'silent' }) });
  return { sim, graph, clock, close: () => sim.close() };
}
