// Environment pieces every ESP pull's configuration uses (each ESP's config.ts names its own variables).
import { z } from 'zod';
import { validate as validateCron } from 'node-cron';

export const cron = z.string().refine((s) => validateCron(s), { message: 'must be a valid cron expression, e.g. "0 6 * * *"' });
export const url = z.url({ message: 'must be an absolute URL such as http://127.0.0.1:9050' }).transform((u) => u.replace(/\/$/, ''));
export const list = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));
// 60 days: a full baseline (28 days by default) and monitoring window (30) before the first webhook event.
export const backfillDays = z.coerce.number().int('must be a whole number of days').min(1).max(400).default(60);
// ESPs keep adding a day's late bounces and complaints for a day or two; three days re-read covers that.
export const latenessDays = z.coerce.number().int('must be a whole number of days').min(0).max(30).default(3);
/** A stream name (sending domain, IP pool or program): no `/`, which separates the day in send ids. */
export const streamName = z.string().regex(/^[^/\s][^/]{0,199}$/, 'must be a stream name without "/"');
