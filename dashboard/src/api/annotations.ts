// The incident's timeline annotations and the apology check (server/routes/apology). Types from
// shared/schema/annotations.ts and shared/apology/schema.ts.
import type { z } from 'zod';
import type { apologyCheckBody, ApologyResult } from '#shared/apology/schema.ts';
import type { Annotation, AnnotationCreateInput } from '#shared/schema/annotations.ts';
import { api, ok, rawBody } from './client.ts';
import { invalidate, useQuery, type QueryState } from './query.ts';

export function useAnnotationsQuery(incidentId: string): QueryState<{ annotations: Annotation[] }> {
  return useQuery(['annotations', incidentId], (signal) =>
    ok(api.GET('/api/incidents/{id}/annotations', { params: { path: { id: incidentId } }, signal })));
}

export async function addAnnotation(incidentId: string, body: AnnotationCreateInput): Promise<Annotation> {
  const created = await ok(api.POST('/api/incidents/{id}/annotations', { params: { path: { id: incidentId } }, body }));
  invalidate(['annotations', incidentId]);
  return created;
}

export async function deleteAnnotation(incidentId: string, annotationId: string): Promise<void> {
  await api.DELETE('/api/incidents/{id}/annotations/{annotationId}', { params: { path: { id: incidentId, annotationId } } });
  invalidate(['annotations', incidentId]);
}

/** The draft's fields as the API takes them. */
export type ApologyFields = z.input<typeof apologyCheckBody>;

export function checkApologyDraft(incidentId: string, body: ApologyFields): Promise<ApologyResult> {
  return ok(api.POST('/api/incidents/{id}/apology/check', { params: { path: { id: incidentId } }, body }));
}

/** An .eml sent as is (message/rfc822); the server reads its headers and parts. */
export function checkApologyEml(incidentId: string, file: Blob, personalDataExposed: boolean): Promise<ApologyResult> {
  const query = personalDataExposed ? { personal_data_exposed: 'true' as const } : {};
  return ok(api.POST('/api/incidents/{id}/apology/check', { params: { path: { id: incidentId }, query }, ...rawBody('message/rfc822', file) }));
}
