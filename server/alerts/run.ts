// Runs the alert rules over one incident's fresh evaluation: moves each rule × series state machine, records
// the notifications, and groups them into one message per destination — an email per recipient list, a post per
// webhook or Slack endpoint (like Alertmanager's grouping per receiver) — state, notifications and outbox messages
// in one transaction, so a crash can neither lose nor double an alert on any channel.
import type { AlertStateRow } from '#shared/schema/alerts.ts';
import type { Incident } from '#shared/schema/incidents.ts';
import type { Evaluation } from '#shared/schema/recovery.ts';
import type { Services } from '../context.ts';
import { composeAlertEmail, type AlertItem, type AlertSubjectKind } from '../notify/alert-email.ts';
import { composeSlackMessage, composeWebhookPayload } from '../notify/alert-posts.ts';
import { enqueueMail } from '../notify/outbox.ts';
import { insertNotification, linkNotification, listRules, statesOf, writeState, type StateWrite } from '../store/alerts.ts';
import type { Sql } from '../store/db.ts';
import { insertPost } from '../store/outbox.ts';
import { digestOf, route, type Change, type Destination } from './route.ts';
import { desiredState, inScope, notificationFor } from './state.ts';

export interface AlertRunSummary {
  notifications: number;
  /** Messages enqueued: emails and posts. */
  emails: number;
  posts: number;
  unaddressed: number;
}

const NONE: AlertRunSummary = { notifications: 0, emails: 0, posts: 0, unaddressed: 0 };
const stateKey = (ruleId: string, s: { metric: string; stream: string; provider: string }) => `${ruleId}\u0000${s.metric}\u0000${s.stream}\u0000${s.provider}`;

/**
 * What the alerts of one run are about: an incident, or a suspected incident (docs/watch.md), whose id then keys
 * the alert states and notifications in the incident's place.
 */
export type AlertSubject = Pick<Incident, 'id' | 'title' | 'demo'> & { subject?: AlertSubjectKind };

export async function runAlerts(s: Services, incident: AlertSubject, evaluation: Evaluation): Promise<AlertRunSummary> {
  // Demo data must never page anyone.
  if (incident.demo) return NONE;
  const now = s.now();
  const rules = (await listRules(s.db)).filter((r) => r.enabled);
  const previous = new Map<string, AlertStateRow>((await statesOf(s.db, incident.id)).map((r) => [stateKey(r.rule_id, r), r]));
  const writes: StateWrite[] = [];
  const changes: Change[] = [];
  for (const rule of rules) {
    for (const series of evaluation.series) {
      if (!inScope(rule, series)) continue;
      const prev = previous.get(stateKey(rule.id, series)) ?? null;
      const want = desiredState(rule, series, prev?.state ?? null);
      const kind = notificationFor(prev, want.state, rule.repeat_hours, now);
      if (want.state === (prev?.state ?? null) && kind === null) continue;
      const point = (kind === 'resolved' ? want.anchor : want.latestBad) ?? want.anchor;
      const since = want.state === prev?.state && prev ? prev.since : (want.anchor?.at ?? now.toISOString());
      writes.push({
        rule_id: rule.id, incident_id: incident.id, metric: series.metric, stream: series.stream, provider: series.provider,
        state: want.state, since, last_notified_at: kind ? now.toISOString() : (prev?.last_notified_at ?? null),
        value: point?.value ?? null,
      });
      if (kind && point) changes.push({ rule, series, kind, point, since: kind === 'resolved' ? (prev?.since ?? since) : since });
    }
  }
  if (writes.length === 0) return NONE;

  const { destinations, unaddressed } = route(changes, s.config);
  const summary: AlertRunSummary = { notifications: changes.length, emails: 0, posts: 0, unaddressed };
  await s.db.transaction(async (tx) => {
    for (const w of writes) await writeState(tx, w);
    const carriers = new Map<Change, string[]>();
    const emailOf = new Map<Change, string>();
    for (const d of destinations) {
      const id = await enqueue(s, tx, incident, d, now, summary);
      for (const c of d.changes) carriers.set(c, [...(carriers.get(c) ?? []), id]);
      if (d.channel === 'email') for (const c of d.changes) emailOf.set(c, id);
    }
    for (const c of changes) {
      const notificationId = await insertNotification(tx, {
        rule_id: c.rule.id, incident_id: incident.id, metric: c.series.metric, stream: c.series.stream,
        provider: c.series.provider, kind: c.kind, at: c.point.at, value: c.point.value, baseline: c.series.baseline.rate,
        threshold: c.rule.threshold, numerator: c.point.numerator, denominator: c.point.denominator, since: c.since,
        outbox_id: emailOf.get(c) ?? null,
      });
      for (const outboxId of carriers.get(c) ?? []) await linkNotification(tx, notificationId, outboxId);
    }
  });
  return summary;
}

/** Writes one destination's message into the outbox (inside the run's transaction); returns its outbox id. */
async function enqueue(s: Services, tx: Sql, incident: AlertSubject, d: Destination, now: Date, summary: AlertRunSummary): Promise<string> {
  const items = d.changes.map((c) => toItem(c, incident));
  const digest = digestOf(d.changes);
  const publicUrl = s.config.publicUrl;
  if (d.channel === 'email') {
    // The key format predates the other channels: kept, so a run replayed across an upgrade maps to the same email.
    const key = `alert:${incident.id}:${digest}`;
    const mail = composeAlertEmail(items, publicUrl);
    if (await enqueueMail(s.db, { key, to: d.to, ...mail }, tx)) summary.emails++;
    return key;
  }
  const key = `alert:${incident.id}:${d.channel}:${d.target.id}:${digest}`;
  const createdAt = now.toISOString();
  const ctx = { id: key, createdAt, subject: incident.subject ?? 'incident', incidentId: incident.id, incidentTitle: incident.title, publicUrl };
  const body = d.channel === 'webhook' ? composeWebhookPayload(items, ctx) : composeSlackMessage(items, ctx);
  const subject = composeAlertEmail(items, publicUrl).subject;
  if (await insertPost(tx, { key, channel: d.channel, target: d.target.id, label: d.target.label, subject, body: JSON.stringify(body), createdAt })) summary.posts++;
  return key;
}

function toItem(c: Change, incident: AlertSubject): AlertItem {
  return {
    kind: c.kind, subject: incident.subject ?? 'incident', ruleId: c.rule.id, ruleName: c.rule.name, condition: c.rule.condition, incidentId: incident.id, incidentTitle: incident.title,
    metric: c.series.metric, stream: c.series.stream, provider: c.series.provider, value: c.point.value,
    baseline: c.series.baseline.rate, threshold: c.rule.threshold, numerator: c.point.numerator,
    denominator: c.point.denominator, at: c.point.at, since: c.since, sendId: c.point.send_id,
  };
}
