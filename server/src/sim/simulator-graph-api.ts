// The Graph module pointed at the tenant simulator: its Graph URL, its identity provider as the MSAL
// authority, the confidential client it accepts, and its CA. Used by the demo, the benchmarks and the tests.
import { createGraphApi, type GraphApiOptions } from '../graph/create-graph-api.ts';
import type { GraphApi } from '../graph/graph-api.ts';
import { SIM_CLIENT_ID, SIM_CLIENT_SECRET, type RunningSimulator } from './simulator.ts';

export type SimulatorEndpoint = Pick<RunningSimulator, 'graphUrl' | 'authority' | 'knownAuthority' | 'caPem'>;

export function simulatorGraphApi(sim: SimulatorEndpoint, options: Omit<GraphApiOptions, 'graphUrl' | 'credentials' | 'tokenProvider' | 'caPem'>): GraphApi {
  return createGraphApi({
    ...options,
    graphUrl: sim.graphUrl,
    caPem: sim.caPem,
    credentials: {
      authority: sim.authority,
      knownAuthorities: [sim.knownAuthority],
      clientId: SIM_CLIENT_ID,
      credential: { kind: 'secret', secret: SIM_CLIENT_SECRET },
    },
  });
}
