// The alert rule form's values ↔ the API's rule input, validated with the very schema the API uses
// (shared/schema/alerts.ts's alertRuleCreate), so the form and the API cannot disagree about what is valid.
import { alertRuleCreate, DEFAULT_REPEAT_HOURS, emails, type AlertRule, type AlertRuleCreate, type Channel, type Condition } from '#shared/schema/alerts.ts';
import { METRICS, type MetricId } from '#shared/metrics.ts';
import type { Provider } from '#shared/providers.ts';
import { errorsFromIssues, listOf, type FieldErrors } from '../../form-errors.ts';

export interface RuleValues {
  name: string;
  metric: string;
  streams: string;
  providers: Provider[];
  condition: Condition | '';
  threshold: string;
  consecutive: string;
  recipients: string;
  repeatHours: string;
  enabled: boolean;
  /** None chosen: every configured channel. */
  channels: Channel[];
}
export type RuleField = keyof RuleValues;
export type RuleErrors = FieldErrors<RuleField>;

// The API's field names → the form's.
export const RULE_FIELD_OF: Readonly<Record<string, RuleField>> = {
  name: 'name', metric: 'metric', streams: 'streams', providers: 'providers', condition: 'condition', threshold: 'threshold',
  consecutive: 'consecutive', recipients: 'recipients', repeat_hours: 'repeatHours', enabled: 'enabled', channels: 'channels',
};

export const EMPTY_RULE: RuleValues = {
  name: '', metric: '', streams: '', providers: [], condition: '', threshold: '', consecutive: '1', recipients: '',
  repeatHours: String(DEFAULT_REPEAT_HOURS), enabled: true, channels: [],
};

/** Rates are typed as percentages (0.3 means 0.3%) and stored as fractions (0.003), as everywhere else. */
export const thresholdInPercent = (metric: string): boolean => metric !== '' && METRICS[metric as MetricId]?.unit === 'fraction';
const PERCENT = 100;
// Percent → fraction and back without float noise (0.3 / 100 = 0.0029999999999999996).
const DIGITS = 12;
const round = (x: number) => Number(x.toPrecision(DIGITS));

export function valuesOf(rule: AlertRule): RuleValues {
  const pct = thresholdInPercent(rule.metric ?? '');
  return {
    name: rule.name, metric: rule.metric ?? '', streams: (rule.streams ?? []).join(', '), providers: (rule.providers ?? []) as Provider[],
    condition: rule.condition, threshold: rule.threshold === null ? '' : String(pct ? round(rule.threshold * PERCENT) : rule.threshold),
    consecutive: String(rule.consecutive), recipients: (rule.recipients ?? []).join(', '), repeatHours: String(rule.repeat_hours), enabled: rule.enabled,
    channels: rule.channels ?? [],
  };
}

export function toRuleInput(v: RuleValues): Record<string, unknown> {
  const num = (s: string) => (s.trim() === '' ? undefined : Number(s));
  const streams = listOf(v.streams);
  const t = num(v.threshold);
  const threshold = v.condition !== 'threshold' || t === undefined ? null : thresholdInPercent(v.metric) ? round(t / PERCENT) : t;
  const channels = v.channels.length ? v.channels : null;
  const recipients = listOf(v.recipients);
  return {
    name: v.name,
    metric: v.metric || null,
    streams: streams.length ? streams : null,
    providers: v.providers.length ? v.providers : null,
    condition: v.condition,
    threshold,
    // A rule that does not email needs no recipients; one that does is told so by the schema.
    recipients: recipients.length || emails(channels) ? recipients : null,
    channels,
    enabled: v.enabled,
    // Empty means the default, which the schema fills in.
    ...(num(v.consecutive) !== undefined ? { consecutive: num(v.consecutive) } : {}),
    ...(num(v.repeatHours) !== undefined ? { repeat_hours: num(v.repeatHours) } : {}),
  };
}

export function validateRule(v: RuleValues): { ok: true; input: AlertRuleCreate } | { ok: false; errors: RuleErrors } {
  const raw = toRuleInput(v);
  const parsed = alertRuleCreate.safeParse(raw);
  const errors: RuleErrors = {};
  if (!v.condition) errors.condition = 'Choose when the rule fires.';
  if (v.condition === 'threshold' && v.threshold.trim() === '') errors.threshold = 'Enter the threshold.';
  if (!parsed.success) Object.assign(errors, { ...errorsFromIssues(parsed.error.issues, RULE_FIELD_OF), ...errors });
  if (!parsed.success && Object.keys(errors).length === 0) errors.name = parsed.error.issues[0]?.message ?? 'invalid rule';
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, input: parsed.data };
}
