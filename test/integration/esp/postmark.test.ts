// `rebound pull postmark` against a local endpoint answering as Postmark's Stats API reference shows
// (test/fixtures/sources/esp/README.md): sent, bounce and spam-complaint counts per day, per message stream and
// per tag, all stored as provider `other` (Postmark has no provider dimension); the checks every ESP pull passes;
// and the pulled stream-day beside the webhook's per-provider events of the same send, each message counted once.
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { METRICS } from '#shared/metrics.ts';
import { incidentCreate } from '#shared/schema/incidents.ts';
import { ingestStream } from '../../../server/ingest/ingest.ts';
import { createIncident } from '../../../server/services/incidents.ts';
import { evaluateOne } from '../../../server/services/recovery.ts';
import { postmarkSends } from '../../../server/sources/esp/postmark/parse.ts';
import { checkStore } from '../../../server/store/integrity.ts';
import { upsertWarehouseSends } from '../../../server/store/sources.ts';
import { fixture, sendRows } from '../helpers.ts';
import { backfillDays, pull, recordingRetry } from './esp-helpers.ts';
import { espPullSuite, type SendRow } from './esp-suite.ts';
import { FakeEsp } from './fake-esp.ts';

const TOKEN = 'local-postmark-server-token-0000';
const STREAMS = ['outbound', 'broadcast'];
const TAGS = ['welcome'];
const DAYS = backfillDays(60);
const INCIDENT_DAY = DAYS[50] ?? '';

/** Postmark's counts for a day and a message stream or tag: chosen, deterministic; quiet Sundays-like gaps every 9th day. */
function stats(day: string, target: string): { Sent: number; bounces: Record<string, number>; SpamComplaint: number } | null {
  const i = DAYS.indexOf(day);
  if (i % 9 === 4 && target === 'welcome') return null;
  const k = target.length;
  const hard = (2 + ((i + k) % 3)) * (target === 'broadcast' && day >= INCIDENT_DAY ? 9 : 1);
  return {
    Sent: 800 + 5 * i + 3 * k, SpamComplaint: (i + k) % 4,
    // Only the types a day has are listed, as the reference shows; the ones Rebound does not count are there too.
    bounces: Object.fromEntries(Object.entries({
      HardBounce: hard, BadEmailAddress: i % 2, Blocked: (i * k) % 3, SoftBounce: (i + 1) % 4, Transient: i % 3, DnsError: i % 5 === 0 ? 1 : 0,
      AutoResponder: 2, SMTPApiError: i % 2,
    }).filter(([, v]) => v > 0)),
  };
}

let refused: RegExp | null = null;
let malformed = false;
const fake = new FakeEsp((url) => {
  const q = url.searchParams;
  const target = q.get('messagestream') ?? q.get('tag') ?? '';
  const days = DAYS.filter((d) => d >= (q.get('fromdate') ?? '') && d <= (q.get('todate') ?? '')).map((d) => [d, stats(d, target)] as const).filter(([, x]) => x);
  if (url.pathname === '/stats/outbound/sends') {
    const Days: Record<string, unknown>[] = days.map(([Date, x]) => ({ Date, Sent: x?.Sent }));
    if (malformed && Days[2]) Days[2].Sent = '15';
    return { body: { Sent: days.reduce((n, [, x]) => n + (x?.Sent ?? 0), 0), Days } };
  }
  if (url.pathname === '/stats/outbound/bounces') return { body: { Days: days.map(([Date, x]) => ({ Date, ...x?.bounces })) } };
  if (url.pathname === '/stats/outbound/spam') return { body: { Days: days.map(([Date, x]) => ({ Date, SpamComplaint: x?.SpamComplaint })) } };
  return null;
}, (req, url) => {
  const no = { status: 401, body: { ErrorCode: 10, Message: 'No Account or Server API tokens were supplied in the HTTP headers.' } };
  return req.headers['x-postmark-server-token'] !== TOKEN || refused?.test(url.pathname) ? no : null;
});

function expected(): SendRow[] {
  const rows: SendRow[] = [];
  for (const day of DAYS) {
    for (const target of [...STREAMS, ...TAGS]) {
      const x = stats(day, target);
      if (!x) continue;
      const b = (k: string) => x.bounces[k] ?? 0;
      const hard = b('HardBounce') + b('BadEmailAddress');
      const soft = b('SoftBounce') + b('Transient') + b('DnsError');
      const block = b('Blocked');
      rows.push({
        send_id: `${target}/${day}`, provider: 'other', stream: target, injected: x.Sent, delivered: x.Sent - hard - soft - block,
        bounced_hard: hard, bounced_soft: soft, bounced_block: block, complaints: x.SpamComplaint, unsubscribes: 0, opens: null, clicks: null,
      });
    }
  }
  return rows.sort((a, b) => a.send_id.localeCompare(b.send_id));
}

const env = (base: string) => ({ POSTMARK_SERVER_TOKEN: TOKEN, POSTMARK_API_ENDPOINT: base, POSTMARK_STREAMS: STREAMS.join(','), POSTMARK_TAGS: TAGS.join(',') });
const suite = espPullSuite({
  name: 'postmark', fake, days: DAYS, lateness: 3, expected, env,
  badKey: (base) => ({ ...env(base), POSTMARK_SERVER_TOKEN: 'another-postmark-token-00000' }),
  invalidKey: /HTTP 401.*not a valid Server API token \(POSTMARK_SERVER_TOKEN/,
  refuse: (path) => void (refused = path), malform: (on) => void (malformed = on),
  laterPath: /\/stats\/outbound\/(bounces|spam)/, scope: /refused \/stats\/outbound\/bounces \(HTTP 401\).*Server API token/,
  malformed: /\/stats\/outbound\/sends \(message stream outbound\) answered a malformed Days\[2\]\.Sent: .*number/,
  incident: { stream: 'broadcast', day: INCIDENT_DAY, metric: 'hard_bounce_rate', provider: 'other', baseline: 28, points: 10 },
});

describe('the documented answers', () => {
  it('read as the reference shows them', () => {
    const doc = (n: string): unknown => JSON.parse(readFileSync(fixture(`sources/esp/postmark-${n}.json`), 'utf8'));
    expect(postmarkSends({ sends: doc('sends'), bounces: doc('bounces'), spam: doc('spam') }, 'outbound', 'message stream outbound')).toEqual([
      { stream: 'outbound', provider: 'other', all_providers: true, day: '2014-01-01', injected: 10, delivered: 9, bounced_hard: 1, bounced_soft: 0, bounced_block: 0, complaints: 1, unsubscribes: 0, opens: null, clicks: null },
      // The SMTPApiError of that day is an API error, not a delivery failure: not counted.
      { stream: 'outbound', provider: 'other', all_providers: true, day: '2014-01-02', injected: 15, delivered: 13, bounced_hard: 0, bounced_soft: 2, bounced_block: 0, complaints: 0, unsubscribes: 0, opens: null, clicks: null },
    ]);
  });
});

describe('pulled stream-days and webhook events of the same sends', () => {
  const stored = async () => (await sendRows(suite.services().db)).map(({ sent_at: _t, ...r }) => r);
  const TODAY = new Date().toISOString().slice(0, 10);
  const PULLED_DAY = DAYS[55] ?? '';
  /** Webhook events of `outbound/<day>` to one provider, as the Postmark webhook stores them (one id each). */
  const events = (id: string, day: string, provider: string, type: string, n: number, at: (i: number) => string) => Array.from({ length: n }, (_, i) => JSON.stringify({
    event_id: `${id}-${provider}-${type}-${i}`, type, timestamp: at(i), send_id: `outbound/${day}`, stream: 'outbound', provider,
    ...(type === 'bounce' ? { bounce_class: 'hard' } : {}),
  })).join('\n') + '\n';
  const load = (ndjson: string) => ingestStream(suite.services().db, 'webhook:postmark', Readable.from([ndjson]), { kind: 'events', format: 'ndjson' });
  const onDay = (day: string) => (i: number) => `${day}T09:00:${String(i).padStart(2, '0')}Z`;
  // Today's events are a minute or more old, so that they fall before the evaluation's now.
  const recent = (i: number) => new Date(Date.now() - 60_000 - i * 1000).toISOString();

  it('counts every message once in the evaluation: the pulled stream-day stands for every provider of its send', async () => {
    const s = suite.services();
    // The webhook ran before the pull was set up: a pulled day's send already has per-provider rows from events.
    await load(events('a', PULLED_DAY, 'gmail', 'delivery', 6, onDay(PULLED_DAY)) + events('a', PULLED_DAY, 'gmail', 'bounce', 2, onDay(PULLED_DAY))
      + events('a', PULLED_DAY, 'yahoo', 'delivery', 3, onDay(PULLED_DAY)) + events('a', PULLED_DAY, 'other', 'delivery', 1, onDay(PULLED_DAY)));
    expect((await stored()).filter((r) => r.send_id === `outbound/${PULLED_DAY}`).map((r) => r.provider)).toEqual(['gmail', 'other', 'yahoo']);

    await pull(s, 'postmark', recordingRetry().retry);
    // Postmark's count of the stream-day is the whole send: the events' per-provider rows of it are gone.
    expect(await stored()).toEqual(expected());

    // Later events: more of the pulled send (kept as events, adding no row), and today's send, which no pull covers.
    await load(events('b', PULLED_DAY, 'gmail', 'complaint', 2, onDay(PULLED_DAY)) + events('b', PULLED_DAY, 'apple', 'delivery', 2, onDay(PULLED_DAY))
      + events('b', TODAY, 'gmail', 'delivery', 4, recent) + events('b', TODAY, 'gmail', 'bounce', 1, recent));
    const today = { send_id: `outbound/${TODAY}`, provider: 'gmail', stream: 'outbound', injected: 5, delivered: 4, bounced_hard: 1, bounced_soft: 0, bounced_block: 0, complaints: 0, unsubscribes: 0, opens: 0, clicks: 0 };
    expect(await stored()).toEqual([...expected(), today].sort((a, b) => a.send_id.localeCompare(b.send_id) || a.provider.localeCompare(b.provider)));
    expect((await s.db.one<{ n: number }>(`SELECT count(*) AS n FROM events WHERE send_id = $1`, [`outbound/${PULLED_DAY}`]))?.n).toBe(16);
    // The store check agrees: a covered send's events owe it no rows.
    expect((await checkStore(s.db, { repair: false, full: true })).findings).toEqual([]);
    // A warehouse aggregate of the covered send adds no row either; one of today's send does.
    const agg = (send_id: string) => ({ send_id, provider: 'microsoft', stream: 'outbound', sent_at: `${send_id.slice(-10)}T00:00:00Z`, injected: 3, delivered: 3, bounced_hard: 0, bounced_soft: 0, bounced_block: 0, complaints: 0, unsubscribes: 0, opens: 0, clicks: 0 });
    expect(await s.db.transaction((tx) => upsertWarehouseSends(tx, [agg(`outbound/${PULLED_DAY}`)], 0))).toEqual({ stored: 0, duplicate: 1 });
    expect(await s.db.transaction((tx) => upsertWarehouseSends(tx, [agg(`outbound/${TODAY}`)], 0))).toEqual({ stored: 1, duplicate: 0 });
    await s.db.run(`DELETE FROM sends WHERE origin = 'warehouse'`);

    const incident = await createIncident(s.db, incidentCreate.parse({
      title: 'Both sources on one stream', kind: 'other', severity: 'high', occurred_at: `${INCIDENT_DAY}T00:00:00Z`, streams: ['outbound'],
    }));
    const evaluation = await evaluateOne(s, incident);
    for (const metric of ['hard_bounce_rate', 'complaint_rate'] as const) {
      const counts = METRICS[metric].counts as { numerator: keyof typeof today; denominator: keyof typeof today };
      const series = evaluation.series.filter((x) => x.metric === metric && x.stream === 'outbound');
      expect(series.map((x) => x.provider)).toEqual(['gmail', 'other']);
      // Every send of the monitoring window is in exactly one series, with exactly its source's counts.
      const seen = new Map<string, { provider: string; numerator: number | null; denominator: number | null }[]>();
      for (const x of series) for (const p of x.points) seen.set(p.send_id ?? '', [...(seen.get(p.send_id ?? '') ?? []), { provider: x.provider, numerator: p.numerator, denominator: p.denominator }]);
      const want = new Map([...expected(), today].filter((r) => r.stream === 'outbound' && r.send_id >= `outbound/${INCIDENT_DAY}`)
        .map((r) => [r.send_id, [{ provider: r.provider, numerator: r[counts.numerator], denominator: r[counts.denominator] }]]));
      expect(new Map([...seen].sort())).toEqual(new Map([...want].sort()));
      // The baseline likewise: the pulled days only, once each.
      expect(series.find((x) => x.provider === 'other')?.baseline.observations).toBe(28);
      expect(series.find((x) => x.provider === 'gmail')?.baseline.observations).toBe(0);
    }
  });
});
