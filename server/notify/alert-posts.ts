// The two HTTP alert bodies: the signed JSON webhook (its schema in shared/schema/alert-webhook.ts) and the Slack
// incoming-webhook message in Block Kit. Both carry what the email carries, grouped the same way (one message per
// incident per evaluation run), built once when the run enqueues them, so every retry sends the same bytes.
import { METRICS } from '#shared/metrics.ts';
import { metricValue, utcMinute } from '#shared/format.ts';
import { WEBHOOK_PAYLOAD_VERSION, webhookPayload, type WebhookPayload } from '#shared/schema/alert-webhook.ts';
import { byUrgency, chartUrl, headline, subjectUrl, WORD, why, type AlertItem, type AlertSubjectKind } from './alert-email.ts';

export interface PostContext { id: string; createdAt: string; subject: AlertSubjectKind; incidentId: string; incidentTitle: string; publicUrl: string }

export function composeWebhookPayload(items: AlertItem[], ctx: PostContext): WebhookPayload {
  const sorted = byUrgency(items);
  const count = (k: AlertItem['kind']) => sorted.filter((a) => a.kind === k).length;
  // Parsed by its own schema: a body that breaks the documented contract fails here, not at the receiver.
  return webhookPayload.parse({
    version: WEBHOOK_PAYLOAD_VERSION,
    id: ctx.id,
    type: 'alert_notifications',
    status: sorted.some((a) => a.kind !== 'resolved') ? 'firing' : 'resolved',
    created_at: ctx.createdAt,
    subject: ctx.subject,
    incident: { id: ctx.incidentId, title: ctx.incidentTitle, url: subjectUrl(ctx.subject, ctx.incidentId, ctx.publicUrl) },
    counts: { firing: count('firing'), reminder: count('reminder'), resolved: count('resolved') },
    alerts: sorted.map((a) => ({
      kind: a.kind,
      rule: { id: a.ruleId, name: a.ruleName, condition: a.condition },
      metric: a.metric,
      metric_label: METRICS[a.metric].label,
      stream: a.stream,
      provider: a.provider,
      observed_at: a.at,
      send_id: a.sendId,
      value: a.value,
      numerator: a.numerator,
      denominator: a.denominator,
      baseline: a.baseline,
      threshold: a.threshold,
      since: a.since,
      summary: `${WORD[a.kind]} ${headline(a)}`,
      chart_url: chartUrl(a, ctx.publicUrl),
    })),
  });
}

// Block Kit limits (Slack's "Blocks" reference): a message holds at most 50 blocks, a header's plain text at most
// 150 characters, a section's text at most 3000, a button's text 75 and its URL 3000. An incident with many series
// in one run stays inside them: the first MAX_LISTED alerts get a section each, the rest are counted.
const MAX_LISTED = 20;
const HEADER_MAX = 150;
const SECTION_MAX = 3000;

/** Slack's mrkdwn treats &, < and > as control characters: user text (titles, stream names) is escaped. */
export const slackEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const cut = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

export interface SlackMessage { text: string; blocks: Record<string, unknown>[] }

function alertSection(a: AlertItem, publicUrl: string): Record<string, unknown> {
  const counts = a.numerator !== null && a.denominator !== null ? ` (${a.numerator.toLocaleString('en-US')} of ${a.denominator.toLocaleString('en-US')})` : '';
  const detail = a.kind === 'resolved'
    ? `back to normal: ${metricValue(a.metric, a.value)} on the send of ${utcMinute(a.at)}${counts}`
    : `${metricValue(a.metric, a.value)}${counts} on the send of ${utcMinute(a.at)}: ${why(a)}`;
  const lines = [
    `*${WORD[a.kind]}* ${slackEscape(headline(a))}`,
    slackEscape(detail),
    slackEscape(`baseline ${metricValue(a.metric, a.baseline)}; since ${utcMinute(a.since)}; rule "${a.ruleName}"`),
  ];
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: cut(lines.join('\n'), SECTION_MAX) },
    accessory: { type: 'button', text: { type: 'plain_text', text: 'Open the chart' }, url: chartUrl(a, publicUrl) },
  };
}

export function composeSlackMessage(items: AlertItem[], ctx: Omit<PostContext, 'id' | 'createdAt'>): SlackMessage {
  const sorted = byUrgency(items);
  const first = sorted[0];
  if (!first) throw new Error('a Slack alert needs at least one alert');
  const more = sorted.length - 1;
  const title = `${WORD[first.kind]}: ${headline(first)}${more > 0 ? ` (+${more} more)` : ''}`;
  const incidentUrl = subjectUrl(ctx.subject, ctx.incidentId, ctx.publicUrl);
  const what = ctx.subject === 'suspect' ? 'Suspected incident' : 'Incident';
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: cut(title, HEADER_MAX) } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: cut(`${what} <${incidentUrl}|${slackEscape(ctx.incidentTitle)}> (${slackEscape(ctx.incidentId)})`, SECTION_MAX) }] },
    ...sorted.slice(0, MAX_LISTED).map((a) => alertSection(a, ctx.publicUrl)),
  ];
  if (sorted.length > MAX_LISTED) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `…and ${sorted.length - MAX_LISTED} more on <${incidentUrl}|its page>.` } });
  }
  // `text` is what Slack shows in notifications and where blocks cannot be drawn.
  return { text: title, blocks };
}
