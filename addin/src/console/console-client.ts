// The console's API client: the shared contract (shared/src/console-api.ts), validated on arrival with the same
// TypeBox schemas the server answers with. Tokens come from the caller (demo token endpoint, or MSAL).
import { Value } from '@sinclair/typebox/value';
import type { TSchema, Static } from '@sinclair/typebox';
import {
  AuditResponse,
  CampaignActionResponse,
  CampaignDetail,
  ConsoleIncidentList,
  ConsoleReportList,
  HeldResponse,
  SearchResponse,
  type SearchQuery,
  type TriageVerdictName,
} from '../../../shared/src/console-api.ts';
import { ReleaseRequestDecisionResponse, ReleaseRequestListResponse } from '../../../shared/src/api.ts';
import {
  IncidentCase,
  ReleaseHeldResponse,
  ResponseActionItem,
  ResponseTargets,
  type IncidentState,
  type ResponseActionBody,
} from '../../../shared/src/incident-response-api.ts';

export class ConsoleApiError extends Error {
  override readonly name = 'ConsoleApiError';
  constructor(
    readonly status: number | null,
    message: string,
  ) {
    super(message);
  }
}

export interface ConsoleApi {
  reports(status: 'needs-person' | 'closed' | 'all'): Promise<Static<typeof ConsoleReportList>>;
  campaign(id: string): Promise<Static<typeof CampaignDetail>>;
  campaignAction(id: string, action: 'remove' | 'restore'): Promise<Static<typeof CampaignActionResponse>>;
  decide(reportId: string, verdict: TriageVerdictName): Promise<Static<typeof ConsoleReportList>>;
  search(q: SearchQuery): Promise<Static<typeof SearchResponse>>;
  held(): Promise<Static<typeof HeldResponse>>;
  releaseRequests(): Promise<Static<typeof ReleaseRequestListResponse>>;
  decideRelease(id: string, decision: 'approve' | 'deny'): Promise<Static<typeof ReleaseRequestDecisionResponse>>;
  incidents(): Promise<Static<typeof ConsoleIncidentList>>;
  audit(): Promise<Static<typeof AuditResponse>>;
  incidentCase(id: string): Promise<IncidentCase>;
  transitionIncident(id: string, to: IncidentState, note?: string): Promise<IncidentCase>;
  setIncidentOwner(id: string, owner: string | null): Promise<IncidentCase>;
  addIncidentNote(id: string, text: string): Promise<IncidentCase>;
  responseTargets(id: string): Promise<ResponseTargets>;
  responseAction(id: string, body: ResponseActionBody): Promise<ResponseActionItem>;
  undoResponseAction(id: string, actionId: string): Promise<ResponseActionItem>;
  releaseIncidentHeld(id: string): Promise<ReleaseHeldResponse>;
}

export function createConsoleApi(baseUrl: string, getToken: () => Promise<string>, doFetch: typeof fetch = globalThis.fetch.bind(globalThis)): ConsoleApi {
  const base = baseUrl.replace(/\/+$/, '');
  async function call<S extends TSchema>(schema: S, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<Static<S>> {
    const headers: Record<string, string> = { authorization: `Bearer ${await getToken()}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await doFetch(base + path, { method, headers, cache: 'no-store', ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    } catch {
      throw new ConsoleApiError(null, 'Lantern is unreachable.');
    }
    const json: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const msg = (json as { error?: { message?: unknown } } | null)?.error?.message;
      throw new ConsoleApiError(res.status, typeof msg === 'string' ? msg : `Request failed (${res.status}).`);
    }
    if (!Value.Check(schema, json)) throw new ConsoleApiError(res.status, 'Lantern answered in an unexpected format.');
    return json;
  }
  const enc = encodeURIComponent;
  return {
    reports: (status) => call(ConsoleReportList, 'GET', `/api/console/reports?status=${status}`),
    campaign: (id) => call(CampaignDetail, 'GET', `/api/console/campaigns/${enc(id)}`),
    campaignAction: (id, action) => call(CampaignActionResponse, 'POST', `/api/console/campaigns/${enc(id)}/${action}`),
    decide: (id, verdict) => call(ConsoleReportList, 'POST', `/api/console/reports/${enc(id)}/decide`, { verdict }),
    search: (q) => {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(q)) if (typeof v === 'string' && v) params.set(k, v);
      return call(SearchResponse, 'GET', `/api/console/search?${params.toString()}`);
    },
    held: () => call(HeldResponse, 'GET', '/api/console/held'),
    releaseRequests: () => call(ReleaseRequestListResponse, 'GET', '/api/release-requests?status=pending'),
    decideRelease: (id, decision) => call(ReleaseRequestDecisionResponse, 'POST', `/api/release-requests/${enc(id)}/${decision}`),
    incidents: () => call(ConsoleIncidentList, 'GET', '/api/console/incidents'),
    audit: () => call(AuditResponse, 'GET', '/api/console/audit'),
    incidentCase: (id) => call(IncidentCase, 'GET', `/api/incidents/${enc(id)}/case`),
    transitionIncident: (id, to, note) => call(IncidentCase, 'POST', `/api/incidents/${enc(id)}/transition`, note ? { to, note } : { to }),
    setIncidentOwner: (id, owner) => call(IncidentCase, 'PUT', `/api/incidents/${enc(id)}/owner`, { owner }),
    addIncidentNote: (id, text) => call(IncidentCase, 'POST', `/api/incidents/${enc(id)}/notes`, { text }),
    responseTargets: (id) => call(ResponseTargets, 'GET', `/api/incidents/${enc(id)}/response-targets`),
    responseAction: (id, body) => call(ResponseActionItem, 'POST', `/api/incidents/${enc(id)}/actions`, body),
    undoResponseAction: (id, actionId) => call(ResponseActionItem, 'POST', `/api/incidents/${enc(id)}/actions/${enc(actionId)}/undo`, { confirm: true }),
    releaseIncidentHeld: (id) => call(ReleaseHeldResponse, 'POST', `/api/incidents/${enc(id)}/release-held`),
  };
}

/** Demo mode: the simulated tenant's users and analyst tokens. */
export async function demoUsers(baseUrl: string): Promise<{ id: string; upn: string; displayName: string | null }[]> {
  const res = await fetch(`${baseUrl}/demo/api/users`, { cache: 'no-store' });
  if (!res.ok) throw new ConsoleApiError(res.status, 'Demo mode is not available: sign in through your organisation instead.');
  const json = (await res.json()) as { items?: { id: string; upn: string; displayName: string | null }[] };
  return json.items ?? [];
}

export async function demoAnalystToken(baseUrl: string, userId: string): Promise<string> {
  const res = await fetch(`${baseUrl}/demo/api/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId, analyst: true }),
  });
  const json = (await res.json().catch(() => null)) as { accessToken?: string } | null;
  if (!res.ok || !json?.accessToken) throw new ConsoleApiError(res.status, 'Could not sign in to the demo.');
  return json.accessToken;
}
