// Runs the alert rules over one incident's fresh evaluation: moves each rule × series state machine, records
// the notifications, and groups them into one email per recipient list (like Alertmanager's grouping) — state,
// notifications and outbox messages in one transaction, so a crash can neither lose nor double an alert.
import { createHash } from 'node:crypto';
import type { AlertRule, AlertStateRow, NotificationKind } from '../../shared/schema/alerts.ts';
import type { Incident } from '../../shared/schema/incidents.ts';
import type { Evaluation, RecoveryPoint, RecoverySeries } from '../../shared/schema/recovery.ts';
import type { Services } from '../context.ts';
import { composeAlertEmail, type AlertItem } from '../notify/alert-email.ts';
import { enqueueMail } from '../notify/outbox.ts';
import { insertNotification, listRules, statesOf, writeState, type StateWrite } from '../store/alerts.ts';
import { desiredState, inScope, notificationFor } from './state.ts';

interface Change { rule: AlertRule; series: RecoverySeries; kind: NotificationKind; point: RecoveryPoint; since: string }

export interface AlertRunSummary { notifications: number; emails: number; unaddressed: number }

const stateKey = (ruleId: string, s: { metric: string; stream: string; provider: string }) => `${ruleId}\u0000${s.metric}\u0000${s.stream}\u0000${s.provider}`;

export async function runAlerts(s: Services, incident: Incident, evaluation: Evaluation): Promise<AlertRunSummary> {
  // Demo data must never page anyone.
  if (incident.demo) return { notifications: 0, emails: 0, unaddressed: 0 };
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
  if (writes.length === 0) return { notifications: 0, emails: 0, unaddressed: 0 };

  // Group by recipient list; rules without their own recipients go to ALERT_TO.
  const groups = new Map<string, Change[]>();
  for (const c of changes) {
    const to = [...new Set(c.rule.recipients ?? s.config.alertTo)].sort();
    const key = to.join(',');
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  let emails = 0;
  let unaddressed = 0;
  await s.db.transaction(async (tx) => {
    for (const w of writes) await writeState(tx, w);
    for (const [to, group] of groups) {
      let outboxId: string | null = null;
      if (to) {
        // The key names every transition it carries, so the same run replayed maps to the same message.
        const digest = createHash('sha256')
          .update(group.map((c) => `${c.rule.id}|${c.series.metric}|${c.series.stream}|${c.series.provider}|${c.kind}|${c.since}|${c.point.at}`).sort().join('\n'))
          .digest('hex').slice(0, 24);
        outboxId = `alert:${incident.id}:${digest}`;
        const mail = composeAlertEmail(group.map((c) => toItem(c, incident)), s.config.publicUrl);
        if (await enqueueMail(s.db, { key: outboxId, to: to.split(','), ...mail }, tx)) emails++;
      } else unaddressed += group.length;
      for (const c of group) {
        await insertNotification(tx, {
          rule_id: c.rule.id, incident_id: incident.id, metric: c.series.metric, stream: c.series.stream,
          provider: c.series.provider, kind: c.kind, at: c.point.at, value: c.point.value, baseline: c.series.baseline.rate,
          threshold: c.rule.threshold, numerator: c.point.numerator, denominator: c.point.denominator, since: c.since,
          outbox_id: outboxId,
        });
      }
    }
  });
  return { notifications: changes.length, emails, unaddressed };
}

function toItem(c: Change, incident: Incident): AlertItem {
  return {
    kind: c.kind, ruleName: c.rule.name, condition: c.rule.condition, incidentId: incident.id, incidentTitle: incident.title,
    metric: c.series.metric, stream: c.series.stream, provider: c.series.provider, value: c.point.value,
    baseline: c.series.baseline.rate, threshold: c.rule.threshold, numerator: c.point.numerator,
    denominator: c.point.denominator, at: c.point.at, since: c.since, sendId: c.point.send_id,
  };
}
