// One query hook per endpoint, every input in its key (docs/architecture.md: Umami's habit), and the writes that go with them.
// Types come from shared/schema, never re-declared here.
import type { DataSummary, SessionInfo } from '#shared/schema/data-summary.ts';
import type { Incident, IncidentCreateInput, IncidentUpdate } from '#shared/schema/incidents.ts';
import type { ingestRun } from '#shared/schema/ingest.ts';
import type { Recovery } from '#shared/schema/recovery.ts';
import type { z } from 'zod';
import { ApiFailure, api, ok } from './client.ts';
import { invalidate, useQuery, type QueryState } from './query.ts';

export type IngestRun = z.infer<typeof ingestRun>;
/** The recovery JSON (docs/data-formats.md); its `incident` is the API's incident object. */
export type RecoveryResponse = Omit<Recovery, 'incident'> & { incident: Incident };
export type RecoveryOutcome = { ok: true; recovery: RecoveryResponse } | { ok: false; error: ApiFailure };

export function useSessionQuery(): QueryState<SessionInfo> {
  return useQuery(['session'], (signal) => ok(api.GET('/api/session', { signal })));
}

export interface IncidentsParams { open: boolean; limit: number }
export function useIncidentsQuery(p: IncidentsParams): QueryState<{ incidents: Incident[] }> {
  return useQuery(['incidents', 'list', p.open, p.limit], (signal) =>
    ok(api.GET('/api/incidents', { params: { query: { open: p.open ? 'true' : 'false', limit: p.limit } }, signal })));
}

export function useIncidentQuery(id: string): QueryState<Incident> {
  return useQuery(['incidents', 'one', id], (signal) => ok(api.GET('/api/incidents/{id}', { params: { path: { id } }, signal })));
}

const recovery = (id: string, signal: AbortSignal): Promise<RecoveryResponse> =>
  ok(api.GET('/api/incidents/{id}/recovery', { params: { path: { id } }, signal }));

export function useRecoveryQuery(id: string): QueryState<RecoveryResponse> {
  return useQuery(['recovery', id], (signal) => recovery(id, signal));
}

/**
 * The same endpoint for several incidents at once (the list page's status column): each answer or its error,
 * so one incident without an evaluation does not blank the whole list.
 */
export function useRecoveriesQuery(ids: readonly string[]): QueryState<Record<string, RecoveryOutcome>> {
  return useQuery(['recovery', 'many', ...ids], async (signal) => {
    const settled = await Promise.allSettled(ids.map((id) => recovery(id, signal)));
    const out: Record<string, RecoveryOutcome> = {};
    settled.forEach((s, i) => {
      const id = ids[i];
      if (id === undefined) return;
      if (s.status === 'fulfilled') out[id] = { ok: true, recovery: s.value };
      else out[id] = { ok: false, error: s.reason instanceof ApiFailure ? s.reason : new ApiFailure(0, 'client', String(s.reason), null) };
    });
    return out;
  });
}

export function useDataSummaryQuery(): QueryState<DataSummary> {
  return useQuery(['data', 'summary'], (signal) => ok(api.GET('/api/data/summary', { signal })));
}

export function useIngestRunsQuery(limit: number): QueryState<{ runs: IngestRun[] }> {
  return useQuery(['data', 'runs', limit], (signal) => ok(api.GET('/api/ingest/runs', { params: { query: { limit } }, signal })));
}

export async function createIncident(body: IncidentCreateInput): Promise<Incident> {
  const created = await ok(api.POST('/api/incidents', { body }));
  invalidate(['incidents']);
  invalidate(['data']);
  return created;
}

export async function updateIncident(id: string, patch: IncidentUpdate): Promise<Incident> {
  const updated = await ok(api.PATCH('/api/incidents/{id}', { params: { path: { id } }, body: patch }));
  invalidate(['incidents']);
  // Containment and resolution times change what the recovery page shows about the incident.
  invalidate(['recovery']);
  return updated;
}
