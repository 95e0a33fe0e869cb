// The watch over every stream (docs/watch.md) on real DuckDB files loaded through the real ingest: a dip nobody
// declared becomes one suspect with the right streams, provider, metrics and first-seen time; an effect-free store
// of 90 days × 20 streams × 5 providers raises none across its runs; ids and statuses hold across runs; declaring
// gives the incident one declared by hand would be; dismissing is recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentCreate } from '#shared/schema/incidents.ts';
import { loadConfig } from '../../server/config.ts';
import type { Services } from '../../server/context.ts';
import { createIncident } from '../../server/services/incidents.ts';
import { evaluateDue, recoveryOf } from '../../server/services/recovery.ts';
import { declareSuspect, dismissSuspect, suspectsOf } from '../../server/services/suspects.ts';
import { Db } from '../../server/store/db.ts';
import { loadWatchStore, manyStreams } from '../../harness/watch-store.ts';
import { tempDir } from './helpers.ts';
import { signatureValid, TestReceiver } from '../support/http-receiver.ts';
import { alertRuleCreate } from '#shared/schema/alerts.ts';
import { webhookPayload } from '#shared/schema/alert-webhook.ts';
import { insertRule } from '../../server/store/alerts.ts';

const DAY_MS = 86_400_000;
const START = '2026-01-01T00:00:00Z';
const tmp = tempDir('rebound-watch-');
afterAll(() => tmp.cleanup());

function services(db: Db, at: { now: Date }): Services {
  return { db, config: loadConfig({ REBOUND_DEMO: '0' }), now: () => at.now, localToken: null };
}

// Four streams; transactional (06:00) and newsletter (09:00) start bouncing and being blocked at Microsoft on day
// 35 and keep on for three sends; promotions and winback, and every other provider, stay as they were.
const STREAMS = manyStreams(4).map((st, i) => ({ ...st, stream: ['transactional', 'newsletter', 'promotions', 'winback'][i] ?? st.stream, hour: [6, 9, 14, 17][i] ?? 6 }));
const DIP_DAY = 35;

describe('a dip nobody declared', () => {
  let db: Db;
  const at = { now: new Date(Date.parse(START) + 37 * DAY_MS + 20 * 3_600_000) };
  beforeAll(async () => {
    db = await Db.open(tmp.path('dip.duckdb'));
    await loadWatchStore(db, {
      seed: 41, start: START, days: 38, streams: STREAMS,
      effects: { startDay: DIP_DAY, specs: ['transactional', 'newsletter'].map((stream) => ({ stream, providers: ['microsoft'], metrics: ['hard_bounce_rate', 'block_rate'], peak: 5, decay: 1, sends: 3 })) },
    });
  });
  afterAll(() => db.close());

  it('becomes one suspect with its streams, provider, metrics and first-seen time', async () => {
    const s = services(db, at);
    const run = await evaluateDue(s);
    expect(run.watchError).toBeNull();
    expect(run.watch?.raised).toHaveLength(1);
    const { suspects, last_run } = await suspectsOf(s);
    expect(suspects).toHaveLength(1);
    const sus = suspects[0]!;
    expect(sus).toMatchObject({
      status: 'open', streams: ['newsletter', 'transactional'], providers: ['microsoft'], metrics: ['hard_bounce_rate', 'block_rate'],
      first_seen_at: new Date(Date.parse(START) + DIP_DAY * DAY_MS + 6 * 3_600_000).toISOString(),
      incident_id: null, dismissed: null,
    });
    expect(sus.summary).toBe('Hard bounces and blocks rose at Microsoft on newsletter and transactional since 2026-02-05 06:00 UTC');
    expect(sus.evidence.map((e) => `${e.metric} ${e.stream} ${e.provider}`)).toEqual([
      'hard_bounce_rate newsletter microsoft', 'hard_bounce_rate transactional microsoft', 'block_rate newsletter microsoft', 'block_rate transactional microsoft',
    ]);
    for (const e of sus.evidence) expect(e.points.some((p) => p.verdict !== 'ok')).toBe(true);
    // 4 streams × 5 providers × 7 metrics watched; the window's three days of sends tested.
    expect(last_run).toMatchObject({ watched: 140, dipped: 4 });
    expect(last_run?.tested).toBeGreaterThanOrEqual(140 * 2);
  });

  it('keeps its id and first-seen time on the next runs, and gains no twin', async () => {
    const s = services(db, at);
    const before = (await suspectsOf(s)).suspects;
    at.now = new Date(at.now.getTime() + 15 * 60_000);
    const run = await evaluateDue(s);
    expect(run.watch?.raised).toEqual([]);
    const after = (await suspectsOf(s)).suspects;
    expect(after.map((x) => [x.id, x.first_seen_at, x.status])).toEqual(before.map((x) => [x.id, x.first_seen_at, x.status]));
  });

  it('declared, becomes an incident whose recovery is that of one declared by hand with the same fields', async () => {
    const s = services(db, at);
    const [sus] = (await suspectsOf(s)).suspects;
    const { suspect, incident } = await declareSuspect(s, sus!.id, { owner: 'Dana (deliverability)' });
    expect(suspect).toMatchObject({ status: 'declared', incident_id: incident.id });
    expect(incident).toMatchObject({ occurred_at: sus!.first_seen_at, streams: sus!.streams, providers: ['microsoft'], baseline_days: 28, kind: 'other' });
    expect(incident.checklist[0]).toMatchObject({ step: 'own_the_problem', owner: 'Dana (deliverability)' });
    const byHand = await createIncident(db, incidentCreate.parse({
      title: incident.title, kind: incident.kind, severity: incident.severity, occurred_at: incident.occurred_at,
      streams: incident.streams, providers: incident.providers, baseline_days: incident.baseline_days, monitor_days: incident.monitor_days,
    }));
    const a = await recoveryOf(s, incident.id);
    const b = await recoveryOf(s, byHand.id);
    expect(a.status).toBe(b.status);
    expect(a.series).toEqual(b.series);
    // The suspect's evidence was already what the incident shows of those series.
    const members = new Set(sus!.evidence.map((e) => `${e.metric}|${e.stream}|${e.provider}`));
    expect(a.series.filter((e) => members.has(`${e.metric}|${e.stream}|${e.provider}`))).toEqual(sus!.evidence);
    // The same dips and metrics: hard bounces and blocks at Microsoft degraded on both streams.
    expect(a.series.filter((x) => x.first_dip_at !== null).map((x) => `${x.metric} ${x.stream}`).sort()).toEqual([
      'block_rate newsletter', 'block_rate transactional', 'hard_bounce_rate newsletter', 'hard_bounce_rate transactional',
    ]);
    await expect(declareSuspect(s, sus!.id, {})).rejects.toMatchObject({ code: 'conflict' });
    // The incident explains the dips now: the next run raises nothing new and leaves the suspect declared.
    at.now = new Date(at.now.getTime() + 15 * 60_000);
    const run = await evaluateDue(s);
    expect(run.watch?.raised).toEqual([]);
    expect((await suspectsOf(s)).suspects.map((x) => x.status)).toEqual(['declared']);
  });
});

describe('dismissing', () => {
  it('records who and why, and a dismissed dip stays dismissed on later runs', async () => {
    const db = await Db.open(tmp.path('dismiss.duckdb'));
    try {
      await loadWatchStore(db, {
        seed: 7, start: START, days: 33, streams: STREAMS.slice(0, 2),
        effects: { startDay: 31, specs: [{ stream: 'newsletter', providers: ['gmail'], metrics: ['complaint_rate'], peak: 8, decay: 1, sends: 2 }] },
      });
      const at = { now: new Date(Date.parse(START) + 32 * DAY_MS + 20 * 3_600_000) };
      const s = services(db, at);
      await evaluateDue(s);
      const [sus] = (await suspectsOf(s)).suspects;
      expect(sus).toMatchObject({ streams: ['newsletter'], providers: ['gmail'], metrics: ['complaint_rate'] });
      at.now = new Date(at.now.getTime() + 60_000);
      const dismissed = await dismissSuspect(s, sus!.id, { by: 'sam@example.com', reason: 'A planned re-permission send' });
      expect(dismissed).toMatchObject({ status: 'dismissed', dismissed: { by: 'sam@example.com', reason: 'A planned re-permission send', at: at.now.toISOString() } });
      await expect(dismissSuspect(s, sus!.id, { by: 'x', reason: 'y' })).rejects.toMatchObject({ code: 'conflict' });
      at.now = new Date(at.now.getTime() + 3_600_000);
      const run = await evaluateDue(s);
      expect(run.watch?.raised).toEqual([]);
      expect((await suspectsOf(s)).suspects.map((x) => [x.id, x.status])).toEqual([[sus!.id, 'dismissed']]);
    } finally {
      db.close();
    }
  });
});

describe('a suspect alerts through the alert rules', () => {
  const SECRET = 'watch-webhook-secret-0123456789';
  async function alertingStore(name: string, hook: TestReceiver, sourcePrefix = '', days = 33) {
    const db = await Db.open(tmp.path(name));
    await loadWatchStore(db, {
      seed: 7, start: START, days, streams: STREAMS.slice(0, 2), sourcePrefix,
      effects: { startDay: 31, specs: [{ stream: 'newsletter', providers: ['gmail'], metrics: ['complaint_rate'], peak: 8, decay: 1, sends: 2 }] },
    });
    await insertRule(db, alertRuleCreate.parse({ name: 'Any dip to the webhook', condition: 'dip', channels: ['webhook'] }));
    const at = { now: new Date(Date.parse(START) + 32 * DAY_MS + 20 * 3_600_000) };
    const s: Services = {
      db, now: () => at.now, localToken: null,
      config: loadConfig({ REBOUND_DEMO: '0', PUBLIC_URL: 'https://rebound.example.com', ALERT_WEBHOOK_URLS: `${hook.url}/in`, ALERT_WEBHOOK_SECRET: SECRET }),
    };
    return { db, at, s };
  }

  it('posts once through the outbox, signed, about the suspect; not again on the next run, nor once dismissed', async () => {
    const hook = new TestReceiver();
    await hook.start();
    const { db, at, s } = await alertingStore('alerts.duckdb', hook);
    try {
      const run = await evaluateDue(s);
      expect(run.alerts.posts).toBe(1);
      expect(run.delivery.sent).toBe(1);
      expect(hook.accepted).toHaveLength(1);
      const post = hook.accepted[0]!;
      expect(signatureValid(SECRET, post.body, post.headers['x-rebound-signature'])).toBe(true);
      const body = webhookPayload.parse(JSON.parse(post.body));
      const [sus] = (await suspectsOf(s)).suspects;
      expect(body).toMatchObject({ subject: 'suspect', status: 'firing', incident: { id: sus!.id, url: `https://rebound.example.com/suspects/${sus!.id}` } });
      expect(body.incident.title).toBe(`Suspected: ${sus!.summary}`);
      expect(body.alerts.every((a) => a.metric === 'complaint_rate' && a.stream === 'newsletter' && a.provider === 'gmail')).toBe(true);

      at.now = new Date(at.now.getTime() + 15 * 60_000);
      expect((await evaluateDue(s)).alerts.notifications).toBe(0);
      await dismissSuspect(s, sus!.id, { by: 'sam', reason: 'known' });
      at.now = new Date(at.now.getTime() + 30 * 3_600_000);
      expect((await evaluateDue(s)).alerts.notifications).toBe(0);
      expect(hook.requests).toHaveLength(1);
    } finally {
      db.close();
      await hook.stop();
    }
  });

  it('resolves once the suspect\'s series has recovered, like an incident\'s alert', async () => {
    const hook = new TestReceiver();
    await hook.start();
    // The dip on days 31 and 32, then a week of normal sends.
    const { db, at, s } = await alertingStore('alerts-resolve.duckdb', hook, '', 40);
    try {
      expect((await evaluateDue(s)).alerts.posts).toBe(1);
      at.now = new Date(Date.parse(START) + 39 * DAY_MS + 20 * 3_600_000);
      const later = await evaluateDue(s);
      expect(later.watch?.raised).toEqual([]);
      const [sus] = (await suspectsOf(s)).suspects;
      // Its evidence runs from the first dip to now: the dip, then the mature normal sends that ended it.
      expect(sus?.evidence.map((e) => e.status)).toEqual(['recovered']);
      expect(hook.accepted).toHaveLength(2);
      expect(webhookPayload.parse(JSON.parse(hook.accepted[1]!.body))).toMatchObject({ subject: 'suspect', status: 'resolved', incident: { id: sus!.id } });
    } finally {
      db.close();
      await hook.stop();
    }
  });

  it('never pages about the demo data set', async () => {
    const hook = new TestReceiver();
    await hook.start();
    const { db, s } = await alertingStore('alerts-demo.duckdb', hook, 'demo:');
    try {
      const run = await evaluateDue(s);
      expect(run.watch?.raised).toHaveLength(1);
      expect(run.alerts.notifications).toBe(0);
      expect(hook.requests).toHaveLength(0);
    } finally {
      db.close();
      await hook.stop();
    }
  });
});

describe('an effect-free store: 90 days × 20 streams × 5 providers × 7 metrics', () => {
  it('raises no suspect in any of the runs over its last 60 days', async () => {
    const db = await Db.open(tmp.path('null.duckdb'));
    try {
      await loadWatchStore(db, { seed: 2026, start: START, days: 90, streams: manyStreams(20) });
      const at = { now: new Date(0) };
      const s = services(db, at);
      let tested = 0;
      let runs = 0;
      // One run every three days (the window's length), so every observation after the first 31 days is watched once.
      for (let day = 33; day <= 90; day += 3) {
        at.now = new Date(Date.parse(START) + day * DAY_MS);
        const run = await evaluateDue(s);
        expect(run.watchError).toBeNull();
        expect(run.watch?.watched).toBe(20 * 5 * 7);
        tested += run.watch?.tested ?? 0;
        runs++;
      }
      expect(runs).toBe(20);
      // Every daily send of 20 streams × 5 providers × 7 metrics over 60 days: ~42,000 observations watched.
      expect(tested).toBeGreaterThan(40_000);
      expect((await suspectsOf(s)).suspects).toEqual([]);
    } finally {
      db.close();
    }
  }, 120_000);
});
