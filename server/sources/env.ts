// Environment pieces every pulled source's configuration uses (each source's config.ts names its own variables),
// and the `need` check a half-configured source fails with, naming the variable it lacks.
import { z } from 'zod';
import { validate as validateCron } from 'node-cron';

export const cron = z.string().refine((s) => validateCron(s), { message: 'must be a valid cron expression, e.g. "0 6 * * *"' });
export const url = z.url({ message: 'must be an absolute URL such as http://127.0.0.1:9050' }).transform((u) => u.replace(/\/$/, ''));
export const list = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));
export const hours = z.coerce.number().int('must be a whole number of hours').min(0).max(24 * 30);
export const days = z.coerce.number().int('must be a whole number of days').min(1).max(400);

/** Throws (a SourceConfigError, in config.ts) naming `variable` when `ok` is false. */
export type Need = (variable: string, ok: boolean, message: string) => void;
