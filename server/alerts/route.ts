// Where each alert change goes: every configured channel, unless its rule names its channels (docs/alerts.md).
// Email goes to the rule's recipients (ALERT_TO for built-in rules); webhook to every ALERT_WEBHOOK_URLS
// endpoint; Slack to ALERT_SLACK_WEBHOOK_URL. Changes that share a destination are grouped into one message, as
// Alertmanager groups per receiver.
import { createHash } from 'node:crypto';
import { emails, type AlertRule, type Channel, type NotificationKind } from '#shared/schema/alerts.ts';
import type { RecoveryPoint, RecoverySeries } from '#shared/schema/recovery.ts';
import type { Config } from '../config.ts';
import type { HttpTarget } from '../config-alerts.ts';

export interface Change { rule: AlertRule; series: RecoverySeries; kind: NotificationKind; point: RecoveryPoint; since: string }

export type Destination =
  | { channel: 'email'; to: string[]; changes: Change[] }
  | { channel: Exclude<Channel, 'email'>; target: HttpTarget; changes: Change[] };

export interface Routed { destinations: Destination[]; unaddressed: number }

const uses = (rule: AlertRule, channel: Channel) => rule.channels === null || rule.channels.includes(channel);

export function route(changes: readonly Change[], config: Config): Routed {
  const mail = new Map<string, Change[]>();
  const posts = new Map<string, { channel: Exclude<Channel, 'email'>; target: HttpTarget; changes: Change[] }>();
  const post = (channel: Exclude<Channel, 'email'>, target: HttpTarget, c: Change) => {
    const entry = posts.get(target.id) ?? { channel, target, changes: [] };
    entry.changes.push(c);
    posts.set(target.id, entry);
  };
  let unaddressed = 0;
  for (const c of changes) {
    let carried = false;
    if (emails(c.rule.channels)) {
      const to = [...new Set(c.rule.recipients ?? config.alertTo)].sort();
      if (to.length > 0) {
        const key = to.join(',');
        mail.set(key, [...(mail.get(key) ?? []), c]);
        carried = true;
      }
    }
    if (uses(c.rule, 'webhook')) for (const t of config.alertChannels.webhooks) { post('webhook', t, c); carried = true; }
    const slack = config.alertChannels.slack;
    if (slack && uses(c.rule, 'slack')) { post('slack', slack, c); carried = true; }
    if (!carried) unaddressed++;
  }
  const destinations: Destination[] = [
    ...[...mail].map(([to, group]) => ({ channel: 'email' as const, to: to.split(','), changes: group })),
    ...posts.values(),
  ];
  return { destinations, unaddressed };
}

/** Names every transition a message carries, so the same run replayed maps to the same message (and key). */
export function digestOf(changes: readonly Change[]): string {
  return createHash('sha256')
    .update(changes.map((c) => `${c.rule.id}|${c.series.metric}|${c.series.stream}|${c.series.provider}|${c.kind}|${c.since}|${c.point.at}`).sort().join('\n'))
    .digest('hex').slice(0, 24);
}
