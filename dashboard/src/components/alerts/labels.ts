// How the alerts page names conditions, notification kinds and delivery states: a word for each (with the badge
// colour only repeating it), so the page reads without colour.
import type { AlertNotification, AlertRule, Channel, Condition, OutboxItem } from '#shared/schema/alerts.ts';
import { METRICS, type MetricId } from '#shared/metrics.ts';
import { metricValue } from '../../format.ts';
import { providerLabel } from '../charts/chartConfig.ts';

export const CONDITION_LABELS: Record<Condition, string> = {
  threshold: 'the value reaches a threshold',
  dip: 'a dip against the baseline',
  severe: 'a severe dip against the baseline',
};

export const CHANNEL_LABELS: Record<Channel, string> = { email: 'Email', webhook: 'Webhook', slack: 'Slack' };

/** Where a rule sends: its channels (all configured ones when it names none) and, when it emails, to whom. */
export function destinationText(rule: Pick<AlertRule, 'channels' | 'recipients'>): string {
  const channels = rule.channels ? rule.channels.map((c) => CHANNEL_LABELS[c]).join(', ') : 'Every configured channel';
  const mails = !rule.channels || rule.channels.includes('email');
  return mails ? `${channels}; email to ${rule.recipients?.length ? rule.recipients.join(', ') : 'the default recipients (ALERT_TO)'}` : channels;
}

type Delivery = AlertNotification['delivery'] | OutboxItem['status'];
/** Badge classes shared with the ingest runs' (styles.css): ok, warn, bad. */
export const DELIVERY_STYLE: Record<Delivery, { label: string; tone: 'ok' | 'warn' | 'bad' | 'none' }> = {
  sent: { label: 'Sent', tone: 'ok' },
  pending: { label: 'Pending', tone: 'warn' },
  failed: { label: 'Failed', tone: 'bad' },
  not_sent: { label: 'Not sent', tone: 'none' },
};

export function conditionText(rule: Pick<AlertRule, 'condition' | 'metric' | 'threshold' | 'consecutive'>): string {
  const times = rule.consecutive > 1 ? `, ${rule.consecutive} in a row` : '';
  if (rule.condition === 'threshold') {
    const value = rule.metric && rule.threshold !== null ? metricValue(rule.metric, rule.threshold) : String(rule.threshold ?? '—');
    return `≥ ${value}${times}`;
  }
  return `${rule.condition === 'dip' ? 'Dip' : 'Severe dip'} during an incident${times}`;
}

export function scopeText(rule: Pick<AlertRule, 'metric' | 'streams' | 'providers'>): string {
  const metric = rule.metric ? METRICS[rule.metric].label : 'Any metric';
  const streams = rule.streams?.length ? rule.streams.join(', ') : 'all streams';
  const providers = rule.providers?.length ? rule.providers.map(providerLabel).join(', ') : 'all providers';
  return `${metric} · ${streams} · ${providers}`;
}

/** A notification's or state's metric name, when the metric is known. */
export const metricName = (metric: string): string => (metric in METRICS ? METRICS[metric as MetricId].label : metric);
export const valueOf = (metric: string, v: number | null): string => (metric in METRICS ? metricValue(metric as MetricId, v) : String(v ?? '—'));
