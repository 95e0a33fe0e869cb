// The alert email (docs/alerts.md): a subject that says what crossed what where, then per alert the value, baseline,
// threshold and counts, since when, and a link to the incident. Plain text and HTML parts.
import { METRICS, type MetricId } from '#shared/metrics.ts';
import { escapeHtml, metricValue, providerName, utcMinute } from '#shared/format.ts';
import type { NotificationKind } from '#shared/schema/alerts.ts';

/** What an alert is about: a declared incident, or a suspected one the watch found (docs/watch.md). */
export type AlertSubjectKind = 'incident' | 'suspect';

export interface AlertItem {
  kind: NotificationKind;
  subject: AlertSubjectKind;
  ruleId: string;
  ruleName: string;
  condition: 'threshold' | 'dip' | 'severe';
  incidentId: string;
  incidentTitle: string;
  metric: MetricId;
  stream: string;
  provider: string;
  value: number | null;
  baseline: number | null;
  threshold: number | null;
  numerator: number | null;
  denominator: number | null;
  at: string;
  since: string;
  sendId: string | null;
}

export const WORD: Record<NotificationKind, string> = { firing: 'FIRING', reminder: 'STILL FIRING', resolved: 'RESOLVED' };

export function headline(a: AlertItem): string {
  return `${METRICS[a.metric].label.toLowerCase()} ${metricValue(a.metric, a.value)} at ${providerName(a.provider)} for ${a.stream}`;
}

function counts(a: AlertItem): string | null {
  if (a.numerator === null || a.denominator === null) return null;
  const def = METRICS[a.metric].counts;
  return `${a.numerator.toLocaleString('en-US')} of ${a.denominator.toLocaleString('en-US')} ${def ? def.denominator.replace('_', ' ') : ''}`.trim();
}

export function why(a: AlertItem): string {
  if (a.condition === 'threshold') return `at or beyond the threshold ${metricValue(a.metric, a.threshold)}`;
  return a.condition === 'severe' ? 'a severe dip against the baseline' : 'a significant dip against the baseline';
}

function lines(a: AlertItem, link: string): string[] {
  const c = counts(a);
  return [
    `${WORD[a.kind]}  ${headline(a)}`,
    a.kind === 'resolved'
      ? `  back to normal: ${metricValue(a.metric, a.value)} on the send of ${utcMinute(a.at)}${c ? ` (${c})` : ''}`
      : `  ${metricValue(a.metric, a.value)}${c ? ` (${c})` : ''} on the send of ${utcMinute(a.at)}${a.sendId ? ` (send ${a.sendId})` : ''}: ${why(a)}`,
    `  baseline ${metricValue(a.metric, a.baseline)} before the incident${a.threshold !== null ? `; threshold ${metricValue(a.metric, a.threshold)}` : ''}; rule "${a.ruleName}"`,
    `  since ${utcMinute(a.since)} — ${SUBJECT_WORD[a.subject]} ${a.incidentId} "${a.incidentTitle}"`,
    `  ${link}`,
  ];
}

export interface ComposedEmail { subject: string; text: string; html: string }

const ORDER: Record<NotificationKind, number> = { firing: 0, reminder: 1, resolved: 2 };
/** Firing first, then reminders, then resolved: what needs action leads, in every channel. */
export const byUrgency = (items: readonly AlertItem[]): AlertItem[] => [...items].sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);

const SUBJECT_WORD: Record<AlertSubjectKind, string> = { incident: 'incident', suspect: 'suspected incident' };
const SUBJECT_PAGE: Record<AlertSubjectKind, string> = { incident: 'incidents', suspect: 'suspects' };

/** The dashboard's page of an incident, or of a suspected incident. */
export function subjectUrl(subject: AlertSubjectKind, id: string, publicUrl: string): string {
  return `${publicUrl}/${SUBJECT_PAGE[subject]}/${encodeURIComponent(id)}`;
}

/** The dashboard's incident (or suspect) page opened on this series' chart (its filters live in the URL). */
export function chartUrl(a: Pick<AlertItem, 'subject' | 'incidentId' | 'metric' | 'stream' | 'provider'>, publicUrl: string): string {
  const q = new URLSearchParams({ metric: a.metric, stream: a.stream, provider: a.provider });
  return `${subjectUrl(a.subject, a.incidentId, publicUrl)}?${q.toString()}`;
}

export function composeAlertEmail(items: AlertItem[], publicUrl: string): ComposedEmail {
  const sorted = byUrgency(items);
  const first = sorted[0];
  if (!first) throw new Error('an alert email needs at least one alert');
  const more = sorted.length - 1;
  const subject = `[Rebound] ${WORD[first.kind]}: ${headline(first)}${more > 0 ? ` (+${more} more)` : ''}`;
  const link = (a: AlertItem) => subjectUrl(a.subject, a.incidentId, publicUrl);
  const text = [
    `Rebound found ${sorted.length} alert change${sorted.length > 1 ? 's' : ''} in this evaluation run.`,
    '',
    ...sorted.flatMap((a) => [...lines(a, link(a)), '']),
    'Reply to this email to reach the deliverability team. Rules and delivery status: ' + `${publicUrl}/alerts`,
  ].join('\n');
  const rows = sorted.map((a) => {
    const [head, ...rest] = lines(a, link(a));
    return `<tr><td style="padding:8px 0;border-bottom:1px solid #ddd"><strong>${escapeHtml(head ?? '')}</strong><br>${rest.slice(0, -1).map((l) => escapeHtml(l.trim())).join('<br>')}<br><a href="${escapeHtml(link(a))}">Open the ${SUBJECT_WORD[a.subject]}</a></td></tr>`;
  });
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#111">
<p>Rebound found ${sorted.length} alert change${sorted.length > 1 ? 's' : ''} in this evaluation run.</p>
<table style="border-collapse:collapse;width:100%">${rows.join('')}</table>
<p style="color:#555">Reply to this email to reach the deliverability team. <a href="${escapeHtml(publicUrl)}/alerts">Rules and delivery status</a>.</p>
</body></html>`;
  return { subject, text, html };
}
