// Suspected incidents (docs/watch.md): dips no declared incident explains, grouped by what moved together.
// `GET /api/suspects`, `rebound suspects --json`; declare turns one into an incident, dismiss records who and why.
import { z } from 'zod';
import { METRIC_IDS } from '../metrics.ts';
import { INCIDENT_KINDS, SEVERITIES } from './incidents.ts';
import { recoverySeriesSchema } from './recovery.ts';
import { MAX_TEXT_LENGTH, WELL_FORMED_MESSAGE, wellFormed } from './common.ts';

/** A suspect's id is this and a number (sus-12): alert states and notifications keyed by it say it is a suspect. */
export const SUSPECT_ID_PREFIX = 'sus-';

export const SUSPECT_STATUSES = ['open', 'declared', 'dismissed'] as const;
export type SuspectStatus = (typeof SUSPECT_STATUSES)[number];

export const suspectSchema = z.object({
  id: z.string(),
  /** The first dip: the time of its earliest observation (RFC 3339 UTC). */
  first_seen_at: z.string(),
  /** The latest dip seen so far. */
  last_seen_at: z.string(),
  streams: z.array(z.string()),
  providers: z.array(z.string()),
  metrics: z.array(z.enum(METRIC_IDS)),
  /** "Hard bounces and blocks rose at Microsoft on transactional and newsletter since 2026-03-02 06:00 UTC". */
  summary: z.string(),
  /** Each member series as the latest run evaluated it, in the recovery JSON's series shape. */
  evidence: z.array(recoverySeriesSchema),
  status: z.enum(SUSPECT_STATUSES),
  /** The evaluation run that first raised it, and the last one that changed it. */
  detected_at: z.string(),
  updated_at: z.string(),
  /** Declared: the incident it became. */
  incident_id: z.string().nullable(),
  declared_at: z.string().nullable(),
  /** Dismissed: by whom, why and when. */
  dismissed: z.object({ by: z.string(), reason: z.string(), at: z.string() }).nullable(),
});
export type Suspect = z.infer<typeof suspectSchema>;

/** The last evaluation run of the watch: what it looked at, for "last evaluated" and for an empty list's meaning. */
export const watchRunSchema = z.object({
  evaluated_at: z.string(),
  from: z.string(),
  to: z.string(),
  baseline_from: z.string(),
  watched: z.number().int(),
  tested: z.number().int(),
  dipped: z.number().int(),
});
export type WatchRun = z.infer<typeof watchRunSchema>;

export const suspectList = z.object({ suspects: z.array(suspectSchema), last_run: watchRunSchema.nullable() });
export type SuspectList = z.infer<typeof suspectList>;

const person = z.string().trim().min(1, 'must not be empty').max(200).refine(wellFormed, WELL_FORMED_MESSAGE);
const text = z.string().trim().min(1, 'must not be empty').max(MAX_TEXT_LENGTH).refine(wellFormed, WELL_FORMED_MESSAGE);

export const suspectDismiss = z.strictObject({
  /** Who dismisses it (a name or address: tokens carry a role, not a person). */
  by: person,
  /** Why: "planned IP warm-up", "known Microsoft outage". */
  reason: text,
});
export type SuspectDismiss = z.output<typeof suspectDismiss>;

/** Everything is optional: the incident's times, streams and providers come from the suspect. */
export const suspectDeclare = z.strictObject({
  title: z.string().trim().min(1, 'must not be empty').max(200).refine(wellFormed, WELL_FORMED_MESSAGE).optional(),
  kind: z.enum(INCIDENT_KINDS, { message: `must be one of ${INCIDENT_KINDS.join(', ')}` }).optional(),
  severity: z.enum(SEVERITIES, { message: `must be one of ${SEVERITIES.join(', ')}` }).optional(),
  notes: z.string().max(MAX_TEXT_LENGTH * 4).refine(wellFormed, WELL_FORMED_MESSAGE).optional(),
  /** Who owns it: the owner of the checklist's first step, "Own the problem". */
  owner: person.optional(),
});
export type SuspectDeclare = z.output<typeof suspectDeclare>;
