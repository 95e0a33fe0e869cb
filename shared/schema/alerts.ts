// Alert rules, alert states and the notifications they produce (docs/alerts.md).
import { z } from 'zod';
import { METRIC_IDS } from '../metrics.ts';
import { id, providerEnum, WELL_FORMED_MESSAGE, wellFormed } from './common.ts';

export const CONDITIONS = ['threshold', 'dip', 'severe'] as const;
export type Condition = (typeof CONDITIONS)[number];
export const ALERT_STATES = ['pending', 'firing', 'resolved'] as const;
export type AlertState = (typeof ALERT_STATES)[number];
export const NOTIFICATION_KINDS = ['firing', 'reminder', 'resolved'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
/** Where notifications go (docs/alerts.md): email (SMTP_URL), signed JSON webhooks, a Slack incoming webhook. */
export const CHANNELS = ['email', 'webhook', 'slack'] as const;
export type Channel = (typeof CHANNELS)[number];

// A day between reminders: often enough that a firing alert is not forgotten, rarely enough not to be muted.
export const DEFAULT_REPEAT_HOURS = 24;
const MAX_CONSECUTIVE = 50;
const MAX_REPEAT_HOURS = 24 * 30;

const email = z.email({ message: 'must be an email address' });
const channels = z
  .array(z.enum(CHANNELS, { message: `must be one of ${CHANNELS.join(', ')}` }))
  .min(1, 'name at least one channel, or leave it out for every configured channel')
  .max(CHANNELS.length)
  .refine((c) => new Set(c).size === c.length, 'names a channel twice');
const RECIPIENTS_REQUIRED = 'name at least one recipient';

const ruleFields = {
  name: z.string().trim().min(1, 'must not be empty').max(200).refine(wellFormed, WELL_FORMED_MESSAGE),
  metric: z.enum(METRIC_IDS, { message: `must be one of ${METRIC_IDS.join(', ')}` }).nullable().default(null),
  streams: z.array(id).min(1).max(100).nullable().default(null),
  providers: z.array(providerEnum).min(1).nullable().default(null),
  condition: z.enum(CONDITIONS, { message: `must be one of ${CONDITIONS.join(', ')}` }),
  threshold: z.number().finite().nonnegative('must not be negative').nullable().default(null),
  consecutive: z.number().int('must be a whole number').min(1).max(MAX_CONSECUTIVE).default(1),
  // Required when the rule emails (checked below): null only for a rule that names channels without email.
  recipients: z.array(email).min(1, RECIPIENTS_REQUIRED).max(50).nullable().default(null),
  repeat_hours: z.number().int('must be a whole number').min(1).max(MAX_REPEAT_HOURS).default(DEFAULT_REPEAT_HOURS),
  enabled: z.boolean().default(true),
  /** null: every configured channel; else only these. */
  channels: channels.nullable().default(null),
};

type RuleShape = { condition?: Condition; threshold?: number | null; metric?: string | null; recipients?: string[] | null; channels?: Channel[] | null };

/** Does a rule with these channels email (every configured channel, or email named)? */
export const emails = (channelList: readonly Channel[] | null | undefined): boolean => !channelList || channelList.includes('email');

const thresholdNeedsValue = (r: RuleShape, ctx: z.RefinementCtx) => {
  if (emails(r.channels) && (r.recipients === null || r.recipients === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['recipients'], message: `${RECIPIENTS_REQUIRED} (or choose channels without email)` });
  }
  if (r.condition === 'threshold' && (r.threshold === null || r.threshold === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'is required for a threshold rule' });
  }
  if (r.condition === 'threshold' && (r.metric === null || r.metric === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['metric'], message: 'a threshold rule needs one metric' });
  }
};

export const alertRuleCreate = z.strictObject(ruleFields).superRefine(thresholdNeedsValue);
export type AlertRuleCreate = z.output<typeof alertRuleCreate>;

export const alertRuleUpdate = z
  .strictObject({
    name: ruleFields.name.optional(),
    // Not ruleFields.metric: its create-time default (null = any metric) must not fill in a field a patch leaves out.
    metric: z.enum(METRIC_IDS, { message: `must be one of ${METRIC_IDS.join(', ')}` }).nullable().optional(),
    streams: z.array(id).min(1).max(100).nullable().optional(),
    providers: z.array(providerEnum).min(1).nullable().optional(),
    condition: ruleFields.condition.optional(),
    threshold: z.number().finite().nonnegative('must not be negative').nullable().optional(),
    consecutive: z.number().int().min(1).max(MAX_CONSECUTIVE).optional(),
    recipients: z.array(email).min(1, RECIPIENTS_REQUIRED).max(50).nullable().optional(),
    repeat_hours: z.number().int().min(1).max(MAX_REPEAT_HOURS).optional(),
    enabled: z.boolean().optional(),
    channels: channels.nullable().optional(),
  });
export type AlertRuleUpdate = z.output<typeof alertRuleUpdate>;

export const alertRule = z.object({
  id: z.string(),
  name: z.string(),
  metric: z.enum(METRIC_IDS).nullable(),
  streams: z.array(z.string()).nullable(),
  providers: z.array(z.string()).nullable(),
  condition: z.enum(CONDITIONS),
  threshold: z.number().nullable(),
  consecutive: z.number().int(),
  /** null: the default recipients (ALERT_TO) for built-in rules; no email for a rule whose channels leave it out. */
  recipients: z.array(z.string()).nullable(),
  repeat_hours: z.number().int(),
  enabled: z.boolean(),
  /** null: every configured channel. */
  channels: z.array(z.enum(CHANNELS)).nullable(),
  builtin: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type AlertRule = z.infer<typeof alertRule>;

export const alertStateRow = z.object({
  rule_id: z.string(),
  incident_id: z.string(),
  metric: z.string(),
  stream: z.string(),
  provider: z.string(),
  state: z.enum(ALERT_STATES),
  since: z.string(),
  last_notified_at: z.string().nullable(),
  value: z.number().nullable(),
});
export type AlertStateRow = z.infer<typeof alertStateRow>;

export const alertNotification = z.object({
  id: z.number().int(),
  rule_id: z.string(),
  rule_name: z.string(),
  incident_id: z.string(),
  metric: z.string(),
  stream: z.string(),
  provider: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  at: z.string(),
  value: z.number().nullable(),
  baseline: z.number().nullable(),
  threshold: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  since: z.string(),
  /** The email that carried it (null when none did). */
  outbox_id: z.string().nullable(),
  /** Over every channel that carries it: failed if any failed, else pending if any is, else sent. */
  delivery: z.enum(['pending', 'sent', 'failed', 'not_sent']),
  /** Each message that carries it: its channel and delivery status. */
  deliveries: z.array(z.object({ channel: z.enum(CHANNELS), to: z.string(), status: z.enum(['pending', 'sent', 'failed']) })),
});
export type AlertNotification = z.infer<typeof alertNotification>;

export const channelInfo = z.object({
  channel: z.enum(CHANNELS),
  /** email: SMTP_URL is set; webhook: ALERT_WEBHOOK_URLS; slack: ALERT_SLACK_WEBHOOK_URL. */
  configured: z.boolean(),
  /** What each endpoint is called where deliveries are listed (a host, or "Slack"); never a URL. */
  labels: z.array(z.string()),
});
export type ChannelInfo = z.infer<typeof channelInfo>;

export const outboxItem = z.object({
  id: z.string(),
  channel: z.enum(CHANNELS),
  message_id: z.string(),
  /** Email addresses; for a webhook or Slack post, the endpoint's label (its host, never its URL). */
  recipients: z.array(z.string()),
  subject: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number().int(),
  created_at: z.string(),
  next_attempt_at: z.string().nullable(),
  sent_at: z.string().nullable(),
  last_error: z.string().nullable(),
});
export type OutboxItem = z.infer<typeof outboxItem>;
