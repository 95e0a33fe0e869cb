// The incident's timeline annotations and the apology check (server/routes/apology). Types from
// shared/schema/annotations.ts and shared/apology/schema.ts.
import type { z } from 'zod';
import type { apologyCheckBody, ApologyResult } from '#shared/apology/schema.ts';
import type { Annotation, AnnotationCreateInput } from '#shared/schema/annotations.ts';
import { apiRequest } from './client.ts';
import { invalidate, useQuery, type QueryState } from './query.ts';

const enc = encodeURIComponent;

export function useAnnotationsQuery(incidentId: string): QueryState<{ annotations: Annotation[] }> {
  return useQuery(['annotations', incidentId], (signal) =>
    apiRequest<{ annotations: Annotation[] }>(`/api/incidents/${enc(incidentId)}/annotations`, { signal }));
}

export async function addAnnotation(incidentId: string, body: AnnotationCreateInput): Promise<Annotation> {
  const created = await apiRequest<Annotation>(`/api/incidents/${enc(incidentId)}/annotations`, { method: 'POST', body });
  invalidate(['annotations', incidentId]);
  return created;
}

export async function deleteAnnotation(incidentId: string, annotationId: string): Promise<void> {
  await apiRequest<null>(`/api/incidents/${enc(incidentId)}/annotations/${enc(annotationId)}`, { method: 'DELETE' });
  invalidate(['annotations', incidentId]);
}

/** The draft's fields as the API takes them. */
export type ApologyFields = z.input<typeof apologyCheckBody>;

export function checkApologyDraft(incidentId: string, body: ApologyFields): Promise<ApologyResult> {
  return apiRequest<ApologyResult>(`/api/incidents/${enc(incidentId)}/apology/check`, { method: 'POST', body });
}

/** An .eml sent as is (message/rfc822); the server reads its headers and parts. */
export function checkApologyEml(incidentId: string, file: Blob, personalDataExposed: boolean): Promise<ApologyResult> {
  const q = personalDataExposed ? '?personal_data_exposed=true' : '';
  return apiRequest<ApologyResult>(`/api/incidents/${enc(incidentId)}/apology/check${q}`, { method: 'POST', raw: { type: 'message/rfc822', data: file } });
}
