// Alert webhooks and Slack end to end (docs/alerts.md): the real evaluation, the real outbox in a DuckDB file, and
// real HTTP receivers on loopback. What arrives: one signed, schema-valid post per endpoint per run, nothing lost
// and nothing doubled across a receiver outage and a process restart, a RESOLVED post after recovery; 429 with
// Retry-After, 5xx retried, a Slack 4xx given up; per-rule channels; and no webhook URL in anything stored or shown.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateScenario } from '#shared/scenario.ts';
import { webhookPayload } from '#shared/schema/alert-webhook.ts';
import { incidentCreate, type Incident } from '#shared/schema/incidents.ts';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { Services } from '../../server/context.ts';
import { ingestStream } from '../../server/ingest/ingest.ts';
import { deliverDue } from '../../server/notify/outbox.ts';
import { createIncident } from '../../server/services/incidents.ts';
import { evaluateDue } from '../../server/services/recovery.ts';
import { Db } from '../../server/store/db.ts';
import { signatureValid, TestReceiver } from '../support/http-receiver.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SECRET = 'whsec-4f9a1c7e2b8d6a3f';
// Slack's URL is its own credential: this marker must never show up in the store, the API or an error.
const SLACK_PATH = '/services/T0000/B0000/SlackSecretXyz123';

// One incident on `news`: complaints at Gmail rise 8× for 4 sends, then end (as in alerts.test.ts).
const sc = generateScenario({
  seed: 7, start: '2026-02-01T00:00:00Z', baselineDays: 28, postDays: 14,
  streams: [{ stream: 'news', size: 300_000, hour: 9, cv: 0.1, rates: { hard: 0.002, soft: 0.008, block: 0.002, complaint: 0.0005, unsubscribe: 0.002, inbox: 0.9 } }],
  incidents: [{ stream: 'news', providers: ['gmail'], metrics: ['complaint_rate'], peak: 8, decay: 0.95, sends: 4 }],
});
const truth = sc.incidents[0];
const ndjson = (rows: object[]) => Readable.from(rows.map((r) => `${JSON.stringify(r)}\n`));

describe('alert webhooks and Slack over real HTTP', () => {
  let dir: string;
  let hookA: TestReceiver;
  let hookB: TestReceiver;
  let slack: TestReceiver;
  let clock: Date;
  let db: Db;
  let s: Services;

  const env = (extra: Record<string, string> = {}) => ({
    REBOUND_DEMO: '0', ALERT_TO: 'oncall@example.com', PUBLIC_URL: 'https://rebound.example.com',
    ALERT_WEBHOOK_URLS: `${hookA.url}/hooks/rebound?team=deliverability,${hookB.url}/in`,
    ALERT_WEBHOOK_SECRET: SECRET,
    ALERT_SLACK_WEBHOOK_URL: `${slack.url}${SLACK_PATH}`,
    ...extra,
  });
  const open = async (extra: Record<string, string> = {}) => {
    db = await Db.open(join(dir, 'store.duckdb'));
    s = { db, config: loadConfig(env(extra)), now: () => clock, localToken: null };
  };
  const loadUntil = (until: string) => ingestStream(db, `sends-until-${until}`, ndjson(sc.sends.filter((r) => r.sent_at <= until)), { kind: 'sends', format: 'ndjson' });
  const declare = (): Promise<Incident> => createIncident(db, incidentCreate.parse({
    title: 'Dear <FirstName> & friends', kind: 'broken_content', severity: 'high', occurred_at: sc.occurred_at, streams: ['news'],
  }));
  /** Two affected sends in, complaints matured: the next evaluation fires. */
  const untilFiring = async () => {
    if (!truth) throw new Error('scenario has no incident');
    const secondAffected = new Date(Date.parse(truth.first_affected_at) + DAY).toISOString();
    await loadUntil(secondAffected);
    const incident = await declare();
    clock = new Date(Date.parse(secondAffected) + 4 * DAY);
    return incident;
  };
  /** The effect ends; three mature good sends later the alerts resolve on the next evaluation. */
  const untilResolved = async () => {
    if (!truth?.ended_at) throw new Error('scenario has no end of effect');
    const after = new Date(Date.parse(truth.ended_at) + 3 * DAY).toISOString();
    await loadUntil(after);
    clock = new Date(Date.parse(after) + 4 * DAY);
  };
  const outboxText = async () => JSON.stringify(await db.all('SELECT * FROM outbox'));

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rebound-channels-'));
    [hookA, hookB, slack] = [new TestReceiver(), new TestReceiver(), new TestReceiver()];
    for (const r of [hookA, hookB, slack]) await r.start();
    await open();
  });
  afterEach(async () => {
    db?.close();
    for (const r of [hookA, hookB, slack]) await r.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses nothing and doubles nothing across a receiver outage and a restart; signed, schema-valid, resolved later', async () => {
    const incident = await untilFiring();
    const [portA, portSlack] = [hookA.port, slack.port];
    await hookA.stop();
    await slack.stop();

    const down = await evaluateDue(s);
    expect(down.failed).toEqual([]);
    // One post per endpoint, grouping both rules that fired for the series (severe dip and the 0.3% limit).
    expect(down.alerts.posts).toBe(3);
    expect(down.alerts.notifications).toBeGreaterThanOrEqual(2);
    expect(down.delivery).toEqual({ sent: 1, retrying: 2, failed: 0 });
    expect(hookB.accepted).toHaveLength(1);
    const errors = await db.all<{ last_error: string }>(`SELECT last_error FROM outbox WHERE status = 'pending' AND channel <> 'email' ORDER BY id`);
    expect(errors.map((e) => e.last_error).sort()).toEqual([`Slack: could not connect (ECONNREFUSED)`, `webhook 127.0.0.1:${portA}: could not connect (ECONNREFUSED)`]);

    // The next run finds nothing new; a minute later the endpoints are still down: retried, still queued.
    expect((await evaluateDue(s)).alerts.notifications).toBe(0);
    clock = new Date(clock.getTime() + 60_000);
    expect(await deliverDue(s)).toEqual({ sent: 0, retrying: 2, failed: 0 });

    // The process restarts while the receivers come back on the same ports.
    db.close();
    await hookA.start(portA);
    await slack.start(portSlack);
    await open();
    clock = new Date(clock.getTime() + 10 * 60_000);
    expect(await deliverDue(s)).toEqual({ sent: 2, retrying: 0, failed: 0 });
    expect(await deliverDue(s)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    await evaluateDue(s);
    for (const r of [hookA, hookB, slack]) expect(r.accepted).toHaveLength(1);

    // Each webhook receiver verifies the signature with the shared secret, and reads the documented schema.
    for (const r of [hookA, hookB]) {
      const post = r.accepted[0];
      if (!post) throw new Error('no post');
      expect(signatureValid(SECRET, post.body, post.headers['x-rebound-signature'])).toBe(true);
      expect(signatureValid('another-secret-of-16+', post.body, post.headers['x-rebound-signature'])).toBe(false);
      const body = webhookPayload.parse(JSON.parse(post.body));
      expect(post.headers['x-rebound-delivery']).toBe(body.id);
      expect(post.headers['content-type']).toBe('application/json');
      expect(body).toMatchObject({ status: 'firing', incident: { id: incident.id, url: `https://rebound.example.com/incidents/${incident.id}` } });
      expect(new Set(body.alerts.map((a) => a.rule.id))).toEqual(new Set(['rule-severe', 'rule-complaint-limit']));
      expect(body.alerts.every((a) => a.metric === 'complaint_rate' && a.provider === 'gmail' && a.stream === 'news' && a.kind === 'firing')).toBe(true);
    }
    expect(hookA.accepted[0]?.path).toBe('/hooks/rebound?team=deliverability');
    // The same message to two endpoints: one id per endpoint, each stable across retries.
    expect(hookA.accepted[0]?.headers['x-rebound-delivery']).not.toBe(hookB.accepted[0]?.headers['x-rebound-delivery']);

    // Slack: Block Kit with a header, the incident title escaped for mrkdwn, and a button to the series' chart.
    const message = JSON.parse(slack.accepted[0]?.body ?? '{}') as { text: string; blocks: { type: string; text?: { text: string }; elements?: { text: string }[]; accessory?: { url: string } }[] };
    expect(slack.accepted[0]?.path).toBe(SLACK_PATH);
    expect(slack.accepted[0]?.headers['x-rebound-signature']).toBeUndefined();
    expect(message.text).toMatch(/^FIRING: complaint rate \d+\.\d\d% at Gmail for news/);
    expect(message.blocks[0]).toMatchObject({ type: 'header' });
    expect(message.blocks[1]?.elements?.[0]?.text).toContain('Dear &lt;FirstName&gt; &amp; friends');
    const chart = `https://rebound.example.com/incidents/${incident.id}?metric=complaint_rate&stream=news&provider=gmail`;
    expect(message.blocks.filter((b) => b.accessory?.url === chart).length).toBeGreaterThanOrEqual(2);

    // Recovery: one RESOLVED post per endpoint.
    await untilResolved();
    const resolved = await evaluateDue(s);
    expect(resolved.alerts.posts).toBe(3);
    expect(resolved.delivery.sent).toBe(3);
    for (const r of [hookA, hookB]) {
      expect(r.accepted).toHaveLength(2);
      expect(webhookPayload.parse(JSON.parse(r.accepted[1]?.body ?? '')).status).toBe('resolved');
    }
    expect(slack.accepted[1]?.body).toMatch(/RESOLVED/);

    // No webhook URL is stored or shown: the outbox names endpoints by digest and host only.
    const app = createApp(s);
    const shown = [await outboxText(), await (await app.request('/api/outbox')).text(), await (await app.request('/api/alerts')).text(), await (await app.request('/api/alerts/channels')).text()];
    for (const text of shown) {
      expect(text).not.toContain('SlackSecretXyz123');
      expect(text).not.toContain('team=deliverability');
    }
    const alerts = (await (await app.request('/api/alerts')).json()) as { notifications: { delivery: string; deliveries: { channel: string; to: string; status: string }[] }[] };
    const latest = alerts.notifications[0];
    // Email is pending (no SMTP_URL here): it waits, so the notification's overall delivery is pending.
    expect(latest?.delivery).toBe('pending');
    expect(latest?.deliveries.map((d) => [d.channel, d.status]).sort()).toEqual([['email', 'pending'], ['slack', 'sent'], ['webhook', 'sent'], ['webhook', 'sent']]);
  });

  it('waits out a 429 Retry-After, retries 5xx with backoff, and gives up on a Slack 4xx', async () => {
    await untilFiring();
    slack.script = [{ status: 429, headers: { 'retry-after': '120' }, body: 'rate_limited' }];
    hookA.script = [{ status: 503, body: 'maintenance' }, { status: 500, body: 'oops' }];
    const start = clock.getTime();
    const first = await evaluateDue(s);
    expect(first.delivery).toEqual({ sent: 1, retrying: 2, failed: 0 });

    // A minute later: Slack asked for two, so it is not called; the webhook's 30 s backoff is over: 500 again.
    clock = new Date(start + 60_000);
    expect(await deliverDue(s)).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(slack.requests).toHaveLength(1);
    expect(hookA.requests).toHaveLength(2);
    // Past Slack's Retry-After and the webhook's second backoff (a minute): both delivered, once.
    clock = new Date(start + 121_000 + 60_000);
    expect(await deliverDue(s)).toEqual({ sent: 2, retrying: 0, failed: 0 });
    expect(slack.requests.map((r) => r.answered)).toEqual([429, 200]);
    expect(hookA.requests.map((r) => r.answered)).toEqual([503, 500, 200]);
    // Every retry carries the same bytes and signature: a receiver that saw an attempt can drop the repeat.
    expect(new Set(hookA.requests.map((r) => r.body)).size).toBe(1);
    expect(new Set(hookA.requests.map((r) => r.headers['x-rebound-signature'])).size).toBe(1);

    // Slack refuses the RESOLVED message as a bad payload: failed at once, never retried.
    slack.script = [{ status: 400, body: 'invalid_payload' }];
    await untilResolved();
    const resolved = await evaluateDue(s);
    expect(resolved.delivery).toEqual({ sent: 2, retrying: 0, failed: 1 });
    clock = new Date(clock.getTime() + 2 * HOUR);
    expect(await deliverDue(s)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(slack.requests).toHaveLength(3);
    const failed = await db.one<{ status: string; last_error: string }>(`SELECT status, last_error FROM outbox WHERE channel = 'slack' AND status = 'failed'`);
    expect(failed).toEqual({ status: 'failed', last_error: 'Slack: answered 400 invalid_payload' });
  });

  it('sends a rule only to the channels it names; a channel not configured is refused naming the field', async () => {
    const app = createApp(s);
    const patch = (id: string, body: object) => app.request(`/api/alerts/rules/${id}`, { method: 'PATCH', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    expect((await patch('rule-severe', { channels: ['webhook'] })).status).toBe(200);
    expect((await patch('rule-complaint-limit', { channels: ['slack'] })).status).toBe(200);
    // A new rule for Slack only needs no recipients; one that emails does.
    const post = (body: object) => app.request('/api/alerts/rules', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    expect((await post({ name: 'Gmail dips to Slack', condition: 'dip', providers: ['gmail'], channels: ['slack'] })).status).toBe(201);
    const noRecipients = await post({ name: 'Email without recipients', condition: 'dip', channels: ['email'] });
    expect(noRecipients.status).toBe(400);
    expect(((await noRecipients.json()) as { error: { details: { field: string }[] } }).error.details.map((d) => d.field)).toContain('recipients');

    await untilFiring();
    const run = await evaluateDue(s);
    expect(run.alerts.emails).toBe(0);
    expect(run.alerts.posts).toBe(3);
    const rulesOf = (r: TestReceiver) => (JSON.parse(r.accepted[0]?.body ?? '{}') as { alerts?: { rule: { id: string } }[] }).alerts?.map((a) => a.rule.id);
    expect(rulesOf(hookA)).toEqual(['rule-severe']);
    expect(rulesOf(hookB)).toEqual(['rule-severe']);
    const slackText = slack.accepted[0]?.body ?? '';
    expect(slackText).toContain('Complaint rate at or above 0.3%');
    expect(slackText).toContain('Gmail dips to Slack');
    expect(slackText).not.toContain('Severe dip during an incident');

    // On a server without Slack, naming it is refused and changes nothing.
    db.close();
    await open({ ALERT_SLACK_WEBHOOK_URL: '' });
    const bare = createApp(s);
    const refused = await bare.request('/api/alerts/rules/rule-severe', { method: 'PATCH', body: JSON.stringify({ channels: ['email', 'slack'] }), headers: { 'content-type': 'application/json' } });
    expect(refused.status).toBe(400);
    const err = (await refused.json()) as { error: { message: string; details: { field: string }[] } };
    expect(err.error.details.map((d) => d.field)).toEqual(['channels.1']);
    expect(err.error.message).toMatch(/slack is not configured/);
    const rules = (await (await bare.request('/api/alerts/rules')).json()) as { rules: { id: string; channels: string[] | null }[] };
    expect(rules.rules.find((r) => r.id === 'rule-severe')?.channels).toEqual(['webhook']);
  });
});
