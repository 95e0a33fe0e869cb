// The audience guard's endpoints (server/routes/audience): the affected audience of an incident, its CSV export,
// the recipient lists (suppression, apology), and the incident's bad sends and apology send (a PATCH of the
// incident). Types from shared/schema/audience.ts.
import type { AudienceSummary, ListUploadResult, RecipientList } from '#shared/schema/audience.ts';
import type { Incident } from '#shared/schema/incidents.ts';
import type { rejection } from '#shared/schema/ingest.ts';
import type { z } from 'zod';
import { ApiFailure, api, downloadFile, ok, rawBody } from './client.ts';
import { updateIncident } from './hooks.ts';
import { invalidate, useQuery, type QueryState } from './query.ts';

const enc = encodeURIComponent;

/** A rejected line of an uploaded list: the same shape as an ingest's. */
export type Rejection = z.infer<typeof rejection>;

export const audienceCsvUrl = (incidentId: string): string => `/api/incidents/${enc(incidentId)}/audience.csv`;

export function useAudienceQuery(incidentId: string): QueryState<AudienceSummary> {
  return useQuery(['audience', incidentId], (signal) => ok(api.GET('/api/incidents/{id}/audience', { params: { path: { id: incidentId } }, signal })));
}

/**
 * After a list or the incident's sends change: the audience summary (which the apology check watches, to check
 * the draft again) and the incident. updateIncident refreshes the recovery, where the apology send is marked.
 */
function refresh(incidentId: string): void {
  invalidate(['audience', incidentId]);
  invalidate(['incidents', 'one', incidentId]);
}

/** A list upload: stored, or rejected with every bad line (the list as it was). */
export type ListOutcome =
  | { ok: true; result: ListUploadResult }
  | { ok: false; error: ApiFailure; rejections: Rejection[]; rejected: number };

function rejectionsOf(details: unknown): { rejections: Rejection[]; rejected: number } {
  if (typeof details !== 'object' || details === null || !('rejections' in details) || !Array.isArray(details.rejections)) return { rejections: [], rejected: 0 };
  const rejections = details.rejections.filter((r): r is Rejection =>
    typeof r === 'object' && r !== null && typeof (r as Rejection).line === 'number' && typeof (r as Rejection).reason === 'string');
  const rejected = 'rejected' in details && typeof details.rejected === 'number' ? details.rejected : rejections.length;
  return { rejections, rejected };
}

/** Replaces a list with the file's recipients (one per line, or CSV with a recipient/email column). */
export async function uploadList(incidentId: string, list: RecipientList, file: File): Promise<ListOutcome> {
  // The server reads both the same way; the type only says what the user chose.
  const type = /\.csv$/i.test(file.name) ? 'text/csv' : 'text/plain';
  try {
    const result = await ok(api.PUT('/api/incidents/{id}/lists/{list}', { params: { path: { id: incidentId, list } }, ...rawBody(type, file) }));
    refresh(incidentId);
    return { ok: true, result };
  } catch (err) {
    const error = err instanceof ApiFailure ? err : new ApiFailure(0, 'client', String(err), null);
    return { ok: false, error, ...rejectionsOf(error.details) };
  }
}

export async function removeList(incidentId: string, list: RecipientList): Promise<void> {
  await api.DELETE('/api/incidents/{id}/lists/{list}', { params: { path: { id: incidentId, list } } });
  refresh(incidentId);
}

/** Names the incident's bad sends (empty: the first-day window stands in) and its apology send. */
export async function setIncidentSends(incidentId: string, patch: { send_ids: string[]; apology_send_id: string | null }): Promise<Incident> {
  const updated = await updateIncident(incidentId, patch);
  refresh(incidentId);
  return updated;
}

export function downloadAudience(incidentId: string): Promise<void> {
  return downloadFile(api.GET('/api/incidents/{id}/audience.csv', { params: { path: { id: incidentId } }, parseAs: 'blob' }), `${incidentId}-affected-audience.csv`);
}
