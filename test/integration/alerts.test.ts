// Alert emails end to end (docs/alerts.md): a scenario with an incident, the real evaluation, the real outbox and a
// real SMTP server on loopback. Checks what arrives: one grouped FIRING email, no duplicate on a second run, a
// RESOLVED email after recovery, and nothing lost across an SMTP outage and a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateScenario, type Scenario } from '#shared/scenario.ts';
import { incidentCreate, type Incident } from '#shared/schema/incidents.ts';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { Services } from '../../server/context.ts';
import { ingestStream } from '../../server/ingest/ingest.ts';
import { deliverDue } from '../../server/notify/outbox.ts';
import { createIncident } from '../../server/services/incidents.ts';
import { evaluateDue } from '../../server/services/recovery.ts';
import { Db } from '../../server/store/db.ts';
import { TestSmtp } from '../support/smtp.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// One incident on `news`: complaints at Gmail rise 8× for 4 sends, then end. Everything else is untouched.
function scenario(): Scenario {
  return generateScenario({
    seed: 7,
    start: '2026-02-01T00:00:00Z',
    baselineDays: 28,
    postDays: 14,
    streams: [{ stream: 'news', size: 300_000, hour: 9, cv: 0.1, rates: { hard: 0.002, soft: 0.008, block: 0.002, complaint: 0.0005, unsubscribe: 0.002, inbox: 0.9 } }],
    incidents: [{ stream: 'news', providers: ['gmail'], metrics: ['complaint_rate'], peak: 8, decay: 0.95, sends: 4 }],
  });
}

const ndjson = (rows: object[]) => Readable.from(rows.map((r) => `${JSON.stringify(r)}\n`));

describe('alert emails over real SMTP', () => {
  let dir: string;
  let smtp: TestSmtp;
  let clock: Date;
  let db: Db;
  let s: Services;
  const sc = scenario();

  const open = async (smtpUrl: string) => {
    db = await Db.open(join(dir, 'store.duckdb'));
    const config = loadConfig({ REBOUND_DEMO: '0', SMTP_URL: smtpUrl, ALERT_FROM: 'deliverability@example.com', ALERT_TO: 'oncall@example.com', PUBLIC_URL: 'https://rebound.example.com' });
    s = { db, config, now: () => clock, localToken: null };
  };
  const loadUntil = async (until: string) => {
    await ingestStream(db, `sends-until-${until}`, ndjson(sc.sends.filter((r) => r.sent_at <= until)), { kind: 'sends', format: 'ndjson' });
  };
  const declare = (): Promise<Incident> => createIncident(db, incidentCreate.parse({
    title: 'Dear <FirstName> sent to everyone', kind: 'broken_content', severity: 'high', occurred_at: sc.occurred_at, streams: ['news'],
  }));

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rebound-alerts-'));
    smtp = new TestSmtp();
    await smtp.start();
    await open(smtp.url);
  });
  afterEach(async () => {
    db?.close();
    await smtp.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends one grouped FIRING email, no duplicate on the next run, and a RESOLVED email after recovery', async () => {
    const truth = sc.incidents[0];
    if (!truth?.ended_at) throw new Error('scenario has no end of effect');
    // Two affected sends in; complaints mature (72 h) so the dips are not provisional.
    const secondAffected = new Date(Date.parse(truth.first_affected_at) + DAY).toISOString();
    await loadUntil(secondAffected);
    const incident = await declare();
    clock = new Date(Date.parse(secondAffected) + 4 * DAY);

    const first = await evaluateDue(s);
    expect(first.failed).toEqual([]);
    expect(first.alerts.emails).toBe(1);
    expect(smtp.received).toHaveLength(1);
    const firing = smtp.received[0];
    if (process.env.SHOW_MAIL) console.log(firing?.raw);
    expect(firing?.to).toEqual(["oncall@example.com"]);
    expect(firing?.subject).toMatch(/^\[Rebound\] FIRING: complaint rate \d+\.\d\d% at Gmail for news/);
    expect(firing?.raw).toContain(`https://rebound.example.com/incidents/${incident.id}`);
    expect(firing?.raw).toMatch(/Reply-To: deliverability@example\.com/i);
    // Both the severe-dip rule and the 0.3% limit rule fired for the same series: grouped in one message.
    expect(first.alerts.notifications).toBeGreaterThanOrEqual(2);

    const again = await evaluateDue(s);
    expect(again.alerts.notifications).toBe(0);
    expect(smtp.received).toHaveLength(1);

    // The effect ends; three mature good sends later the alert resolves.
    const after = new Date(Date.parse(truth.ended_at) + 3 * DAY).toISOString();
    await loadUntil(after);
    clock = new Date(Date.parse(after) + 4 * DAY);
    const third = await evaluateDue(s);
    expect(third.alerts.emails).toBe(1);
    expect(smtp.received).toHaveLength(2);
    expect(smtp.received[1]?.subject).toMatch(/^\[Rebound\] RESOLVED: complaint rate/);
    expect(smtp.received[1]?.messageId).not.toBe(firing?.messageId);

    // The API shows the notifications with their delivery status.
    const res = await createApp(s).request('/api/alerts');
    const body = (await res.json()) as { firing: unknown[]; notifications: { kind: string; delivery: string }[] };
    expect(body.firing).toHaveLength(0);
    expect(body.notifications.map((n) => n.delivery)).toEqual(body.notifications.map(() => 'sent'));
    expect(new Set(body.notifications.map((n) => n.kind))).toEqual(new Set(['firing', 'resolved']));
  });

  it('loses nothing and sends nothing twice across an SMTP outage and a restart', async () => {
    const truth = sc.incidents[0];
    if (!truth) throw new Error('scenario has no incident');
    const secondAffected = new Date(Date.parse(truth.first_affected_at) + DAY).toISOString();
    await loadUntil(secondAffected);
    await declare();
    clock = new Date(Date.parse(secondAffected) + 4 * DAY);
    const port = smtp.port;
    await smtp.stop();

    const down = await evaluateDue(s);
    expect(down.alerts.emails).toBe(1);
    expect(down.delivery).toEqual({ sent: 0, retrying: 1, failed: 0 });
    // Still down a minute later: retried, still queued.
    clock = new Date(clock.getTime() + 60_000);
    expect(await deliverDue(s)).toEqual({ sent: 0, retrying: 1, failed: 0 });

    // The process restarts (store closed and opened again) while SMTP comes back on the same port.
    db.close();
    await smtp.start(port);
    await open(smtp.url);
    clock = new Date(clock.getTime() + 10 * 60_000);
    expect(await deliverDue(s)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(await deliverDue(s)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.subject).toMatch(/^\[Rebound\] FIRING/);
    // And a new evaluation does not produce the same alert again.
    await evaluateDue(s);
    expect(smtp.received).toHaveLength(1);
  });

  it('rejects bad rules with the field named and changes nothing', async () => {
    clock = new Date('2026-03-01T00:00:00Z');
    const app = createApp(s);
    const post = (body: unknown) => app.request('/api/alerts/rules', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    const good = { name: 'Yahoo complaints', metric: 'complaint_rate', condition: 'threshold', threshold: 0.002, recipients: ['a@example.com'] };
    const cases: [unknown, string][] = [
      [{ ...good, metric: 'open_rate' }, 'metric'],
      [{ ...good, threshold: -0.1 }, 'threshold'],
      [{ ...good, recipients: [] }, 'recipients'],
      [{ ...good, recipients: ['not-an-address'] }, 'recipients.0'],
      [{ ...good, threshold: undefined }, 'threshold'],
    ];
    const before = ((await (await app.request('/api/alerts/rules')).json()) as { rules: unknown[] }).rules.length;
    for (const [body, field] of cases) {
      const res = await post(body);
      expect(res.status).toBe(400);
      const err = (await res.json()) as { error: { details: { field: string }[] } };
      expect(err.error.details.map((d) => d.field)).toContain(field);
    }
    const after = ((await (await app.request('/api/alerts/rules')).json()) as { rules: unknown[] }).rules.length;
    expect(after).toBe(before);
    expect((await post(good)).status).toBe(201);
  });
});
