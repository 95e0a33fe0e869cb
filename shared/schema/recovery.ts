// The recovery JSON (docs/data-formats.md) (`GET /api/incidents/:id/recovery`, `rebound recovery ID --json`): rates as
// fractions, times RFC 3339 UTC (`…Z`), null where not applicable.
import { z } from 'zod';
import { METRIC_IDS } from '../metrics.ts';

const utc = z.iso.datetime({ message: 'must be an RFC 3339 UTC timestamp, e.g. 2026-03-01T09:00:00.000Z' });
const probability = z.number().min(0).max(1);
const countOrNull = z.number().int().nonnegative().nullable();

// A series' status, and an incident's (incidentStatus in shared/stats/recovery.ts): docs/statistics.md.
export const SERIES_STATUSES = ['insufficient_data', 'unaffected', 'degraded', 'recovering', 'recovered'] as const;
export type SeriesStatus = (typeof SERIES_STATUSES)[number];

export const VERDICTS = ['ok', 'dip', 'severe'] as const;
export const verdictSchema = z.enum(VERDICTS);
export const seriesStatusSchema = z.enum(SERIES_STATUSES);
export const incidentStatusSchema = z.enum(SERIES_STATUSES);

export const recoveryPointSchema = z.object({
  send_id: z.string().nullable(),
  at: utc,
  numerator: countOrNull,
  denominator: countOrNull,
  value: z.number(),
  /** The baseline's 95% prediction band for an observation of this size; null without a usable baseline. */
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  p_value: probability.nullable(),
  q_value: probability.nullable(),
  verdict: verdictSchema,
  provisional: z.boolean(),
});
export type RecoveryPoint = z.infer<typeof recoveryPointSchema>;

export const recoveryBaselineSchema = z.object({
  /** The baseline window [from, to): occurred_at − baseline_days to occurred_at. */
  from: utc,
  to: utc,
  observations: z.number().int().nonnegative(),
  /** Pooled rate (rates), median (values without counts) or typical level (ordinals); null without data. */
  rate: z.number().nullable(),
  /** 95% prediction band for a typical observation (median baseline size); null below 5 observations. */
  lower: z.number().nullable(),
  upper: z.number().nullable(),
});
export type RecoveryBaseline = z.infer<typeof recoveryBaselineSchema>;

export const recoverySeriesSchema = z.object({
  metric: z.enum(METRIC_IDS),
  stream: z.string(),
  provider: z.string(),
  status: seriesStatusSchema,
  baseline: recoveryBaselineSchema,
  first_dip_at: utc.nullable(),
  recovered_at: utc.nullable(),
  time_to_recover_hours: z.number().nonnegative().nullable(),
  points: z.array(recoveryPointSchema),
});
export type RecoverySeries = z.infer<typeof recoverySeriesSchema>;

/** What shared/stats/evaluate.ts returns; the service wraps it with `incident`. */
export const evaluationSchema = z.object({
  status: incidentStatusSchema,
  evaluated_at: utc,
  series: z.array(recoverySeriesSchema),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

/** The full response, with the service's incident object (pass its schema to get it checked too). */
export function recoveryResponseSchema<T extends z.ZodType>(incident: T) {
  // Built key by key so the JSON keys come out in the documented order (docs/data-formats.md): incident, status, evaluated_at, series.
  return z.object({ incident, ...evaluationSchema.shape });
}

/** Loose default: whatever incident object (the service fills it in). */
export const recoverySchema = recoveryResponseSchema(z.looseObject({}));
export type Recovery = z.infer<typeof recoverySchema>;
