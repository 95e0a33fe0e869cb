// Alert rules, their per-series states and the notifications they produced.
import { listValue } from '@duckdb/node-api';
import type { AlertNotification, AlertRule, AlertRuleCreate, AlertRuleUpdate, AlertState, AlertStateRow, NotificationKind } from '#shared/schema/alerts.ts';
import type { Db, Sql } from './db.ts';

const list = (v: readonly string[] | null | undefined) => (v ? listValue([...v]) : null);

export function listRules(sql: Sql): Promise<AlertRule[]> {
  return sql.all<AlertRule>('SELECT * FROM alert_rules ORDER BY builtin DESC, id');
}

export function getRule(sql: Sql, id: string): Promise<AlertRule | undefined> {
  return sql.one<AlertRule>('SELECT * FROM alert_rules WHERE id = $1', [id]);
}

export async function insertRule(db: Db, r: AlertRuleCreate): Promise<AlertRule> {
  const id = await db.transaction(async (tx) => {
    const n = (await tx.one<{ n: number }>(`SELECT nextval('alert_rules_seq') AS n`))?.n ?? Date.now();
    const newId = `rule-${n}`;
    await tx.run(
      `INSERT INTO alert_rules (id, name, metric, streams, providers, condition, threshold, consecutive, recipients,
                                repeat_hours, enabled, builtin, created_at, updated_at, channels)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, false, now()::TIMESTAMP, now()::TIMESTAMP, $12)`,
      [newId, r.name, r.metric, list(r.streams), list(r.providers), r.condition, r.threshold, r.consecutive,
        list(r.recipients), r.repeat_hours, r.enabled, list(r.channels)],
    );
    return newId;
  });
  const rule = await getRule(db, id);
  if (!rule) throw new Error(`rule ${id} vanished after insert`);
  return rule;
}

/** Writes the merged rule (already validated as a whole by the caller). */
export async function replaceRule(db: Db, rule: AlertRule, patch: AlertRuleUpdate): Promise<AlertRule | undefined> {
  const next = { ...rule, ...patch };
  await db.transaction((tx) => tx.run(
    `UPDATE alert_rules SET name = $2, metric = $3, streams = $4, providers = $5, condition = $6, threshold = $7,
            consecutive = $8, recipients = $9, repeat_hours = $10, enabled = $11, channels = $12,
            updated_at = now()::TIMESTAMP
      WHERE id = $1`,
    [rule.id, next.name, next.metric, list(next.streams), list(next.providers), next.condition, next.threshold,
      next.consecutive, list(next.recipients), next.repeat_hours, next.enabled, list(next.channels)],
  ));
  return getRule(db, rule.id);
}

export async function deleteRule(db: Db, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.run('DELETE FROM alert_states WHERE rule_id = $1', [id]);
    return (await tx.run('DELETE FROM alert_rules WHERE id = $1', [id])) > 0;
  });
}

export function statesOf(sql: Sql, incidentId: string): Promise<AlertStateRow[]> {
  return sql.all<AlertStateRow>('SELECT * FROM alert_states WHERE incident_id = $1', [incidentId]);
}

export function firingStates(sql: Sql): Promise<AlertStateRow[]> {
  return sql.all<AlertStateRow>(`SELECT * FROM alert_states WHERE state = 'firing' ORDER BY since DESC`);
}

export interface StateWrite {
  rule_id: string; incident_id: string; metric: string; stream: string; provider: string;
  state: AlertState | null; since: string; last_notified_at: string | null; value: number | null;
}

export async function writeState(tx: Sql, w: StateWrite): Promise<void> {
  const key = [w.rule_id, w.incident_id, w.metric, w.stream, w.provider];
  if (w.state === null) {
    await tx.run('DELETE FROM alert_states WHERE rule_id = $1 AND incident_id = $2 AND metric = $3 AND stream = $4 AND provider = $5', key);
    return;
  }
  await tx.run(
    `INSERT OR REPLACE INTO alert_states (rule_id, incident_id, metric, stream, provider, state, since, last_notified_at, value)
     VALUES ($1, $2, $3, $4, $5, $6, $7::TIMESTAMP, $8::TIMESTAMP, $9)`,
    [...key, w.state, w.since, w.last_notified_at, w.value],
  );
}

export interface NotificationWrite {
  rule_id: string; incident_id: string; metric: string; stream: string; provider: string; kind: NotificationKind;
  at: string; value: number | null; baseline: number | null; threshold: number | null;
  numerator: number | null; denominator: number | null; since: string; outbox_id: string | null;
}

/** Returns the notification's id. */
export async function insertNotification(tx: Sql, n: NotificationWrite): Promise<number> {
  const id = (await tx.one<{ id: number }>(`SELECT nextval('alert_notifications_seq') AS id`))?.id;
  if (id === undefined) throw new Error('could not allocate a notification id');
  await tx.run(
    `INSERT INTO alert_notifications (id, rule_id, incident_id, metric, stream, provider, kind, observed_at, value, baseline,
                                      threshold, numerator, denominator, since, outbox_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::TIMESTAMP, $9, $10, $11, $12, $13, $14::TIMESTAMP, $15)`,
    [id, n.rule_id, n.incident_id, n.metric, n.stream, n.provider, n.kind, n.at, n.value, n.baseline, n.threshold,
      n.numerator, n.denominator, n.since, n.outbox_id],
  );
  return id;
}

/** Records that an outbox message (of any channel) carries the notification. */
export async function linkNotification(tx: Sql, notificationId: number, outboxId: string): Promise<void> {
  await tx.run('INSERT INTO alert_notification_messages VALUES ($1, $2) ON CONFLICT DO NOTHING', [notificationId, outboxId]);
}

/**
 * Recent notifications with the delivery status of every message that carried each. Notifications from before
 * migration 016 have no links: their email (outbox_id) stands in.
 */
export async function recentNotifications(sql: Sql, limit: number): Promise<AlertNotification[]> {
  const rows = await sql.all<Omit<AlertNotification, 'deliveries'> & { deliveries: string }>(
    `WITH recent AS (SELECT * FROM alert_notifications ORDER BY id DESC LIMIT $1),
     carried AS (
       SELECT r.id, o.channel, o.recipients, o.status, o.id AS outbox_id
         FROM recent r
         JOIN (SELECT notification_id, outbox_id FROM alert_notification_messages
               UNION SELECT id, outbox_id FROM recent WHERE outbox_id IS NOT NULL) m ON m.notification_id = r.id
         JOIN outbox o ON o.id = m.outbox_id)
     SELECT n.id, n.rule_id, coalesce(ru.name, n.rule_id) AS rule_name, n.incident_id, n.metric, n.stream, n.provider,
            n.kind, n.observed_at AS at, n.value, n.baseline, n.threshold, n.numerator, n.denominator, n.since,
            n.outbox_id,
            CASE WHEN count(c.outbox_id) = 0 THEN 'not_sent'
                 WHEN bool_or(c.status = 'failed') THEN 'failed'
                 WHEN bool_or(c.status = 'pending') THEN 'pending' ELSE 'sent' END AS delivery,
            to_json(coalesce(list({'channel': c.channel, 'to': array_to_string(c.recipients, ', '), 'status': c.status}
                                  ORDER BY c.channel, c.outbox_id) FILTER (WHERE c.outbox_id IS NOT NULL), []))::VARCHAR AS deliveries
       FROM recent n
       LEFT JOIN alert_rules ru ON ru.id = n.rule_id
       LEFT JOIN carried c ON c.id = n.id
      GROUP BY ALL
      ORDER BY n.id DESC`,
    [limit],
  );
  return rows.map((r) => ({ ...r, deliveries: JSON.parse(r.deliveries) as AlertNotification['deliveries'] }));
}
