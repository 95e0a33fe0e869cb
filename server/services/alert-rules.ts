// Alert rule use cases shared by the API and the CLI.
import { alertRuleCreate, type AlertRule, type AlertRuleCreate, type AlertRuleUpdate } from '../../shared/schema/alerts.ts';
import { ApiError, parseWith } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { deleteRule, getRule, insertRule, replaceRule } from '../store/alerts.ts';

export function createRule(db: Db, input: AlertRuleCreate): Promise<AlertRule> {
  return insertRule(db, input);
}

async function existing(db: Db, id: string): Promise<AlertRule> {
  const rule = await getRule(db, id);
  if (!rule) throw new ApiError('not_found', `no alert rule ${id}`, { field: 'id' });
  return rule;
}

/** A patch is checked as part of the whole rule it produces (a threshold rule still needs its threshold). */
export async function updateRule(db: Db, id: string, patch: AlertRuleUpdate): Promise<AlertRule> {
  const rule = await existing(db, id);
  const merged = { ...rule, ...patch };
  const { id: _id, builtin, created_at: _c, updated_at: _u, ...fields } = merged;
  // Built-in rules go to ALERT_TO (recipients null) until someone names recipients for them.
  if (!(builtin && fields.recipients === null)) parseWith(alertRuleCreate, fields);
  const updated = await replaceRule(db, rule, patch);
  if (!updated) throw new ApiError('not_found', `no alert rule ${id}`, { field: 'id' });
  return updated;
}

export async function removeRule(db: Db, id: string): Promise<void> {
  await existing(db, id);
  await deleteRule(db, id);
}
