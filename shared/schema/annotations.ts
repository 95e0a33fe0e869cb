// Timeline annotations (docs/incidents.md): what the team did, and when — drawn on every recovery chart of the incident so
// a dip or a recovery can be read against "campaign paused", "apology sent", "fix deployed".
import { z } from 'zod';
import { ANNOTATION_KINDS } from '../kinds.ts';
import { rfc3339, toUtcIso, WELL_FORMED_MESSAGE, wellFormed } from './common.ts';

export { ANNOTATION_KIND_LABELS, ANNOTATION_KINDS, type AnnotationKind } from '../kinds.ts';

// A label sits on a chart beside a marker line: a sentence, not a report. 200 characters is two lines of tooltip.
export const MAX_ANNOTATION_LABEL = 200;

export const annotation = z.object({
  id: z.string(),
  incident_id: z.string(),
  at: z.string(),
  kind: z.enum(ANNOTATION_KINDS),
  label: z.string(),
  created_at: z.string(),
});
export type Annotation = z.infer<typeof annotation>;

export const annotationCreate = z
  .strictObject({
    at: rfc3339,
    kind: z.enum(ANNOTATION_KINDS, { message: `must be one of ${ANNOTATION_KINDS.join(', ')}` }),
    label: z.string().trim().min(1, 'must not be empty').max(MAX_ANNOTATION_LABEL).refine(wellFormed, WELL_FORMED_MESSAGE),
  })
  .transform((v) => ({ ...v, at: toUtcIso(v.at) }));
export type AnnotationCreate = z.output<typeof annotationCreate>;
export type AnnotationCreateInput = z.input<typeof annotationCreate>;

export const annotationList = z.object({ annotations: z.array(annotation) });
