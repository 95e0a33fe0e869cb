// Alert rules, their per-series states and the notifications they produced.
import { listValue } from '@duckdb/node-api';
import type { AlertNotification, AlertRule, AlertRuleCreate, AlertRuleUpdate, AlertState, AlertStateRow, NotificationKind } from '../../shared/schema/alerts.ts';
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
                                repeat_hours, enabled, builtin, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, false, now()::TIMESTAMP, now()::TIMESTAMP)`,
      [newId, r.name, r.metric, list(r.streams), list(r.providers), r.condition, r.threshold, r.consecutive,
        list(r.recipients), r.repeat_hours, r.enabled],
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
            consecutive = $8, recipients = $9, repeat_hours = $10, enabled = $11, updated_at = now()::TIMESTAMP
      WHERE id = $1`,
    [rule.id, next.name, next.metric, list(next.streams), list(next.providers), next.condition, next.threshold,
      next.consecutive, list(next.recipients), next.repeat_hours, next.enabled],
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

export async function insertNotification(tx: Sql, n: NotificationWrite): Promise<void> {
  await tx.run(
    `INSERT INTO alert_notifications (id, rule_id, incident_id, metric, stream, provider, kind, observed_at, value, baseline,
                                      threshold, numerator, denominator, since, outbox_id)
     VALUES (nextval('alert_notifications_seq'), $1, $2, $3, $4, $5, $6, $7::TIMESTAMP, $8, $9, $10, $11, $12,
             $13::TIMESTAMP, $14)`,
    [n.rule_id, n.incident_id, n.metric, n.stream, n.provider, n.kind, n.at, n.value, n.baseline, n.threshold,
      n.numerator, n.denominator, n.since, n.outbox_id],
  );
}

/** Recent notifications with the delivery status of the email that carried each. */
export function recentNotifications(sql: Sql, limit: number): Promise<AlertNotification[]> {
  return sql.all<AlertNotification>(
    `SELECT n.id, n.rule_id, coalesce(r.name, n.rule_id) AS rule_name, n.incident_id, n.metric, n.stream, n.provider,
            n.kind, n.observed_at AS at, n.value, n.baseline, n.threshold, n.numerator, n.denominator, n.since,
            n.outbox_id,
            CASE WHEN n.outbox_id IS NULL THEN 'not_sent' ELSE o.status END AS delivery
       FROM alert_notifications n
       LEFT JOIN alert_rules r ON r.id = n.rule_id
       LEFT JOIN outbox o ON o.id = n.outbox_id
      ORDER BY n.id DESC LIMIT $1`,
    [limit],
  );
}
