// Environment pieces every ESP pull's configuration uses (each ESP's config.ts names its own variables; the
// pieces every pulled source shares are in ../env.ts).
import { z } from 'zod';

// 60 days: a full baseline (28 days by default) and monitoring window (30) before the first webhook event.
export const backfillDays = z.coerce.number().int('must be a whole number of days').min(1).max(400).default(60);
// ESPs keep adding a day's late bounces and complaints for a day or two; three days re-read covers that.
export const latenessDays = z.coerce.number().int('must be a whole number of days').min(0).max(30).default(3);
/** A stream name (sending domain, IP pool or program): no `/`, which separates the day in send ids. */
export const streamName = z.string().regex(/^[^/\s][^/]{0,199}$/, 'must be a stream name without "/"');
