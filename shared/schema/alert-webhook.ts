// The body of an alert webhook post (ALERT_WEBHOOK_URLS), documented in docs/alerts.md. A receiver can parse it
// with this schema; the server builds every body from it, so the document, the schema and the posts agree.
// Rates are fractions (0.003 = 0.30%), times RFC 3339 UTC, null where a value does not apply.
import { z } from 'zod';
import { METRIC_IDS } from '../metrics.ts';
import { CONDITIONS, NOTIFICATION_KINDS } from './alerts.ts';

/** Bumped on any change a receiver could trip over; fields may be added without a bump. */
export const WEBHOOK_PAYLOAD_VERSION = 1;
export const SIGNATURE_HEADER = 'X-Rebound-Signature';
/** The outbox id: the same on every retry of one message, so a receiver can drop a repeat. */
export const DELIVERY_HEADER = 'X-Rebound-Delivery';

const time = z.iso.datetime({ offset: true });

export const webhookAlert = z.object({
  kind: z.enum(NOTIFICATION_KINDS),
  rule: z.object({ id: z.string(), name: z.string(), condition: z.enum(CONDITIONS) }),
  metric: z.enum(METRIC_IDS),
  metric_label: z.string(),
  stream: z.string(),
  provider: z.string(),
  /** The observation the notification is about: the latest bad one (firing, reminder) or the first good one (resolved). */
  observed_at: time,
  send_id: z.string().nullable(),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  /** The series' pre-incident baseline rate. */
  baseline: z.number().nullable(),
  /** The rule's threshold (threshold rules only). */
  threshold: z.number().nullable(),
  /** Since when the condition has held (for resolved: since when it had held). */
  since: time,
  /** One line, as the email's headline says it: "FIRING complaint rate 0.41% at Gmail for news". */
  summary: z.string(),
  /** The dashboard's chart of this series in the incident. */
  chart_url: z.url(),
});
export type WebhookAlert = z.infer<typeof webhookAlert>;

export const webhookPayload = z.object({
  version: z.literal(WEBHOOK_PAYLOAD_VERSION),
  /** Equal to the X-Rebound-Delivery header: the message's identity across retries. */
  id: z.string(),
  type: z.literal('alert_notifications'),
  /** firing when any alert in it fires or still fires (a reminder); resolved when every one resolved. */
  status: z.enum(['firing', 'resolved']),
  /** When the evaluation run created the message (a retry does not change it). */
  created_at: time,
  /**
   * What the alerts are about: a declared `incident`, or a `suspect` the watch found (docs/watch.md). For a
   * suspect, `incident` carries the suspect's id (sus-…), its summary as the title and its page as the url.
   */
  subject: z.enum(['incident', 'suspect']),
  incident: z.object({ id: z.string(), title: z.string(), url: z.url() }),
  counts: z.object({ firing: z.number().int(), reminder: z.number().int(), resolved: z.number().int() }),
  /** Firing first, then reminders, then resolved. */
  alerts: z.array(webhookAlert).min(1),
});
export type WebhookPayload = z.infer<typeof webhookPayload>;
