// Alert rule use cases shared by the API and the CLI.
import { alertRuleCreate, CHANNELS, type AlertRule, type AlertRuleCreate, type AlertRuleUpdate, type Channel, type ChannelInfo } from '#shared/schema/alerts.ts';
import type { Config } from '../config.ts';
import { ApiError, parseWith } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { deleteRule, getRule, insertRule, replaceRule } from '../store/alerts.ts';

/** The alert channels and whether each is configured (labels: endpoint hosts, never URLs). */
export function channelsOf(config: Config): ChannelInfo[] {
  const c = config.alertChannels;
  return CHANNELS.map((channel) => {
    if (channel === 'email') return { channel, configured: config.smtpUrl !== null, labels: [] };
    if (channel === 'webhook') return { channel, configured: c.webhooks.length > 0, labels: c.webhooks.map((w) => w.label) };
    return { channel, configured: c.slack !== null, labels: c.slack ? [c.slack.label] : [] };
  });
}

const SETTING: Record<Exclude<Channel, 'email'>, string> = { webhook: 'ALERT_WEBHOOK_URLS', slack: 'ALERT_SLACK_WEBHOOK_URL' };

/**
 * A rule may only name a webhook or Slack channel the server has: one that is not configured would silently carry
 * nothing. (Email is allowed without SMTP: its messages wait in the outbox until SMTP_URL is set.)
 */
function checkChannels(channels: readonly Channel[] | null | undefined, config: Config | undefined): void {
  if (!config || !channels) return;
  const on = new Set(channelsOf(config).filter((c) => c.configured).map((c) => c.channel));
  channels.forEach((ch, i) => {
    if (ch !== 'email' && !on.has(ch)) {
      const field = `channels.${i}`;
      throw new ApiError('validation_failed', `${field}: ${ch} is not configured on this server (set ${SETTING[ch]})`, [{ field, message: `${ch} is not configured on this server (set ${SETTING[ch]})` }]);
    }
  });
}

/** `config` given (the API), the rule's channels are checked against what is configured. */
export function createRule(db: Db, input: AlertRuleCreate, config?: Config): Promise<AlertRule> {
  checkChannels(input.channels, config);
  return insertRule(db, input);
}

async function existing(db: Db, id: string): Promise<AlertRule> {
  const rule = await getRule(db, id);
  if (!rule) throw new ApiError('not_found', `no alert rule ${id}`, { field: 'id' });
  return rule;
}

/** A patch is checked as part of the whole rule it produces (a threshold rule still needs its threshold). */
export async function updateRule(db: Db, id: string, patch: AlertRuleUpdate, config?: Config): Promise<AlertRule> {
  checkChannels(patch.channels, config);
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
