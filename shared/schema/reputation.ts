// Reputation and mailbox-provider data (docs/data-formats.md): one daily value per subject (a sending domain or an IP),
// source and metric — the generic record `date, subject, source, metric, value`. The native formats (Postmaster
// trafficStats JSON, SNDS data export CSV) are turned into these records by server/ingest/reputation/.
import { z } from 'zod';
import { METRICS, ordinalValue, type MetricId } from '../metrics.ts';
import type { Provider } from '../providers.ts';
import { id } from './common.ts';

/** The metrics that come as daily provider values rather than per-send counts. */
export const REPUTATION_METRICS = [
  'gmail_spam_rate', 'gmail_delivery_error_rate', 'domain_reputation', 'ip_reputation',
  'snds_filter_result', 'snds_complaint_rate', 'spam_trap_hits',
] as const satisfies readonly MetricId[];
export type ReputationMetric = (typeof REPUTATION_METRICS)[number];

/** Whose mailboxes a reputation metric describes: Postmaster Tools is Gmail's, SNDS is Microsoft's (Outlook.com). */
export const REPUTATION_PROVIDER: Readonly<Record<ReputationMetric, Provider>> = {
  gmail_spam_rate: 'gmail',
  gmail_delivery_error_rate: 'gmail',
  domain_reputation: 'gmail',
  ip_reputation: 'gmail',
  snds_filter_result: 'microsoft',
  snds_complaint_rate: 'microsoft',
  spam_trap_hits: 'microsoft',
};

export interface ReputationRow {
  /** The day, YYYY-MM-DD (the provider's reporting day). */
  date: string;
  subject: string;
  source: string;
  metric: ReputationMetric;
  /** Fractions as fractions (0.003), counts as counts, ordinals as the level index (worst = 0). */
  value: number;
  /** Ordinals only: the level name (HIGH, GREEN…). */
  level: string | null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const NUMBER = /^-?\d+(\.\d+)?([eE]-?\d+)?$/;
// A source names a system (postmaster, snds, validity…): a short lower-case label, so the data page can group by it.
const SOURCE = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

function validDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

export const reputationInput = z
  .strictObject({
    date: z.string().refine(validDate, { message: 'must be a date YYYY-MM-DD' }),
    subject: id,
    source: z.string().regex(SOURCE, 'must be a short lower-case name such as postmaster or snds'),
    metric: z.enum(REPUTATION_METRICS, { message: `must be one of ${REPUTATION_METRICS.join(', ')}` }),
    value: z.union([z.number(), z.string().max(64)], { message: 'must be a number or a level name' }),
  })
  .transform((rec, ctx): ReputationRow => {
    const def = METRICS[rec.metric];
    const fail = (message: string): ReputationRow => {
      ctx.addIssue({ code: 'custom', path: ['value'], message });
      return { ...rec, value: 0, level: null };
    };
    if (def.unit === 'level') {
      const levels = def.levels ?? [];
      const raw = rec.value;
      const asIndex = typeof raw === 'number' ? raw : NUMBER.test(raw.trim()) ? Number(raw) : null;
      const inRange = (i: number) => Number.isInteger(i) && i >= 0 && i < levels.length;
      const index = asIndex !== null ? (inRange(asIndex) ? asIndex : null) : ordinalValue(rec.metric, String(raw));
      if (index === null) return fail(`must be one of ${levels.join(', ')} (or its index 0–${levels.length - 1}, worst first)`);
      return { ...rec, value: index, level: levels[index] ?? null };
    }
    let text = typeof rec.value === 'number' ? String(rec.value) : rec.value.trim();
    // "0.3%" is how people write rates; the store keeps fractions (docs/statistics.md).
    const percent = def.unit === 'fraction' && text.endsWith('%');
    if (percent) text = text.slice(0, -1).trim();
    if (!NUMBER.test(text)) return fail('must be a number');
    const value = Number(text) / (percent ? 100 : 1);
    if (value < 0) return fail('must not be negative');
    if (def.unit === 'fraction' && value > 1) return fail('must be a fraction between 0 and 1 (0.003 for 0.3%), or a percentage such as 0.3%');
    if (def.unit === 'count' && !Number.isInteger(value)) return fail('must be a whole number');
    return { ...rec, value, level: null };
  });
