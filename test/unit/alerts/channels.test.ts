// The alert channels' configuration and message bodies: bad settings stop the start naming the variable without
// repeating the (secret) URL; the webhook body follows its documented schema; a Slack message of many alerts stays
// inside Block Kit's limits; Retry-After in both of its forms.
import { describe, expect, it } from 'vitest';
import { webhookPayload } from '#shared/schema/alert-webhook.ts';
import { ConfigError, loadConfig } from '../../../server/config.ts';
import { composeAlertEmail, type AlertItem } from '../../../server/notify/alert-email.ts';
import { composeSlackMessage, composeWebhookPayload, slackEscape } from '../../../server/notify/alert-posts.ts';
import { retryAfterMs, signature } from '../../../server/notify/http-post.ts';

const SLACK = 'https://hooks.slack.com/services/T000/B000/verysecretpart';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('alert channel settings', () => {
  it('refuses bad values naming the variable, never echoing a URL', () => {
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ ALERT_WEBHOOK_URLS: 'https://hooks.example.com/a' }, 'ALERT_WEBHOOK_SECRET', /required/],
      [{ ALERT_WEBHOOK_URLS: 'https://hooks.example.com/a', ALERT_WEBHOOK_SECRET: 'short' }, 'ALERT_WEBHOOK_SECRET', /at least 16/],
      [{ ALERT_WEBHOOK_URLS: 'not a url/verysecretpart', ALERT_WEBHOOK_SECRET: 'x'.repeat(20) }, 'ALERT_WEBHOOK_URLS', /absolute/],
      [{ ALERT_WEBHOOK_URLS: 'ftp://h/verysecretpart', ALERT_WEBHOOK_SECRET: 'x'.repeat(20) }, 'ALERT_WEBHOOK_URLS', /http/],
      [{ ALERT_SLACK_WEBHOOK_URL: SLACK.replace('https:', 'http:') }, 'ALERT_SLACK_WEBHOOK_URL', /https/],
      [{ ALERT_SLACK_WEBHOOK_URL: 'https://user:verysecretpart@hooks.slack.com/x' }, 'ALERT_SLACK_WEBHOOK_URL', /credentials/],
    ];
    for (const [env, variable, message] of cases) {
      const err = configError(env);
      expect(err.variable).toBe(variable);
      expect(err.message).toMatch(message);
      expect(err.message).not.toContain('verysecretpart');
    }
  });

  it('reads several webhooks and Slack, naming each by a digest and its host only', () => {
    const c = loadConfig({ ALERT_WEBHOOK_URLS: ' https://a.example.com/x?k=1 , http://10.0.0.5:9000/in ', ALERT_WEBHOOK_SECRET: 'x'.repeat(16), ALERT_SLACK_WEBHOOK_URL: SLACK }).alertChannels;
    expect(c.webhooks.map((w) => w.label)).toEqual(['webhook a.example.com', 'webhook 10.0.0.5:9000']);
    expect(c.webhooks.every((w) => /^[0-9a-f]{16}$/.test(w.id))).toBe(true);
    expect(c.slack?.label).toBe('Slack');
    expect(loadConfig({}).alertChannels).toEqual({ webhooks: [], webhookSecret: null, slack: null });
  });
});

const item = (i: number, kind: AlertItem['kind'] = 'firing'): AlertItem => ({
  kind, subject: 'incident', ruleId: 'rule-severe', ruleName: 'Severe dip during an incident', condition: 'severe', incidentId: 'inc-7',
  incidentTitle: 'Promo <to> everyone & more', metric: 'complaint_rate', stream: `stream-${i}`, provider: 'gmail',
  value: 0.0041, baseline: 0.0005, threshold: null, numerator: 410, denominator: 100_000, at: '2026-03-04T09:00:00.000Z',
  since: '2026-03-03T09:00:00.000Z', sendId: `send-${i}`,
});
const ctx = { id: 'alert:inc-7:webhook:abc:def', createdAt: '2026-03-05T10:00:00.000Z', subject: 'incident' as const, incidentId: 'inc-7', incidentTitle: 'Promo <to> everyone & more', publicUrl: 'https://rebound.example.com' };

describe('alert bodies', () => {
  it('the webhook body parses with its schema, firing first, with counts and chart links', () => {
    const body = composeWebhookPayload([item(1, 'resolved'), item(2), item(3, 'reminder')], ctx);
    expect(webhookPayload.parse(JSON.parse(JSON.stringify(body)))).toEqual(body);
    expect(body.alerts.map((a) => a.kind)).toEqual(['firing', 'reminder', 'resolved']);
    expect(body.counts).toEqual({ firing: 1, reminder: 1, resolved: 1 });
    expect(body.status).toBe('firing');
    expect(body.alerts[0]?.summary).toBe('FIRING complaint rate 0.41% at Gmail for stream-2');
    expect(body.alerts[0]?.chart_url).toBe('https://rebound.example.com/incidents/inc-7?metric=complaint_rate&stream=stream-2&provider=gmail');
    expect(composeWebhookPayload([item(1, 'resolved')], ctx).status).toBe('resolved');
  });

  it('an alert about a suspected incident says so and links to the suspect, in every channel', () => {
    const sus = { ...item(1), subject: 'suspect' as const, incidentId: 'sus-2', incidentTitle: 'Suspected: blocks rose at Yahoo on news' };
    const sctx = { ...ctx, subject: 'suspect' as const, incidentId: 'sus-2', incidentTitle: sus.incidentTitle };
    const body = composeWebhookPayload([sus], sctx);
    expect(body.subject).toBe('suspect');
    expect(body.incident.url).toBe('https://rebound.example.com/suspects/sus-2');
    expect(body.alerts[0]?.chart_url).toBe('https://rebound.example.com/suspects/sus-2?metric=complaint_rate&stream=stream-1&provider=gmail');
    expect(composeWebhookPayload([item(1)], ctx).subject).toBe('incident');
    const slack = JSON.stringify(composeSlackMessage([sus], sctx));
    expect(slack).toContain('Suspected incident <https://rebound.example.com/suspects/sus-2|');
    const mail = composeAlertEmail([sus], 'https://rebound.example.com');
    expect(mail.text).toContain('suspected incident sus-2 "Suspected: blocks rose at Yahoo on news"');
    expect(mail.html).toContain('>Open the suspected incident</a>');
  });

  it('a Slack message of 60 alerts stays inside Block Kit limits and counts the rest', () => {
    const m = composeSlackMessage(Array.from({ length: 60 }, (_, i) => item(i)), ctx);
    expect(m.blocks.length).toBeLessThanOrEqual(50);
    const header = m.blocks[0] as { text: { text: string } };
    expect(header.text.text.length).toBeLessThanOrEqual(150);
    expect(header.text.text).toBe('FIRING: complaint rate 0.41% at Gmail for stream-0 (+59 more)');
    expect(JSON.stringify(m.blocks.at(-1))).toContain('and 40 more');
    for (const b of m.blocks as { text?: { text: string }; accessory?: { url: string } }[]) {
      if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
      if (b.accessory) expect(b.accessory.url.length).toBeLessThanOrEqual(3000);
    }
    expect(JSON.stringify(m)).not.toContain('<to>');
    expect(slackEscape('a <b> & c')).toBe('a &lt;b&gt; &amp; c');
  });

  it('signs the body as sha256=<hex HMAC>, and reads Retry-After as seconds or a date', () => {
    // Reference: printf '%s' '{"a":1}' | openssl dgst -sha256 -hmac 'key-of-sixteen-chars'
    expect(signature('key-of-sixteen-chars', '{"a":1}')).toBe('sha256=7c26609a52b990f998537368f7f1263c024ead316e409f95fb8dba238c3c2f0d');
    const now = Date.parse('2026-03-05T10:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Thu, 05 Mar 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('0', now)).toBe(1000);
    expect(retryAfterMs('99999', now)).toBe(3_600_000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });
});
