// Timeline annotation use cases shared by the API and the CLI: the incident must exist; then the store.
import type { Annotation, AnnotationCreate } from '#shared/schema/annotations.ts';
import { ApiError } from '../errors.ts';
import { deleteAnnotation, insertAnnotation, listAnnotations } from '../store/annotations.ts';
import type { Db } from '../store/db.ts';
import { INCIDENT_INPUTS } from '../store/incidents.ts';
import { showIncident } from './incidents.ts';

/** The tables an incident's annotation list reads: the read cache keys it by their versions. */
export const ANNOTATION_INPUTS = [...INCIDENT_INPUTS, 'annotations'] as const;

export async function annotationsOf(db: Db, incidentId: string): Promise<Annotation[]> {
  await showIncident(db, incidentId);
  return listAnnotations(db, incidentId);
}

export async function addAnnotation(db: Db, incidentId: string, input: AnnotationCreate): Promise<Annotation> {
  await showIncident(db, incidentId);
  return insertAnnotation(db, incidentId, input);
}

export async function removeAnnotation(db: Db, incidentId: string, annotationId: string): Promise<void> {
  await showIncident(db, incidentId);
  if (!(await deleteAnnotation(db, incidentId, annotationId))) {
    throw new ApiError('not_found', `no annotation ${annotationId} on incident ${incidentId}`, { field: 'annotationId' });
  }
}
