// `rebound pull sendgrid` against a local endpoint answering in the shapes of SendGrid's API reference
// (test/fixtures/sources/esp/README.md names the pages): 60 backfilled days by mailbox provider and by category
// with exact counts, the provider-name map, a second run storing nothing, a fault mid-pull storing nothing, a
// 429's Retry-After obeyed, a missing scope named, a malformed answer named by field, pulled summaries winning
// over webhook events of the same send × provider, and an incident evaluated against the pulled baseline.
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../server/context.ts';
import { ingestStream } from '../../../server/ingest/ingest.ts';
import { sendgridConfig, sendgridEnv } from '../../../server/sources/esp/sendgrid/config.ts';
import { mailboxProviderSends, categorySends } from '../../../server/sources/esp/sendgrid/parse.ts';
import { ProviderMap } from '../../../server/sources/esp/providers.ts';
import { sendRows as pulledRows } from '../../../server/sources/esp/pull.ts';
import { getSourceState } from '../../../server/store/sources.ts';
import { fixture, runCli, sendRows, tempDir } from '../helpers.ts';
import { backfillDays, espServices, evaluateIncident, pull, recordingRetry, sendCount } from './esp-helpers.ts';
import { FakeEsp } from './fake-esp.ts';

const KEY = 'SG.local-test-key.0123456789abcdef';
const doc = (name: string): unknown => JSON.parse(readFileSync(fixture(`sources/esp/${name}`), 'utf8'));

// SendGrid's names in the answer → what this test expects Rebound to store (docs/sources.md has the map).
const NAMES: Record<string, string> = {
  Gmail: 'gmail', 'Google Workspace': 'gmail', Yahoo: 'yahoo', AOL: 'yahoo', Hotmail: 'microsoft', iCloud: 'apple', Comcast: 'other',
};
const CATEGORIES = ['newsletter', 'receipts'];
const today = new Date();
const DAYS = backfillDays(60, today);
// The incident day: ten days ago. From then on, Gmail bounces are eight times the usual.
const INCIDENT_DAY = DAYS[50] ?? '';

/** The counts SendGrid "has" for a day and a provider or category name: chosen, deterministic. */
function metrics(day: string, name: string) {
  const i = DAYS.indexOf(day);
  const k = name.length;
  const bounces = (4 + ((i + k) % 5)) * (name === 'Gmail' && day >= INCIDENT_DAY ? 8 : 1);
  const blocks = (i * k) % 4;
  const processed = 1000 + 37 * i + 11 * k;
  const drops = k % 3;
  return {
    blocks, bounces, clicks: 40 + k, deferred: 2, delivered: processed - bounces - blocks - 3, drops, opens: 200 + i,
    processed, requests: processed + drops, spam_reports: i % 3, unique_clicks: 30, unique_opens: 150, unsubscribes: (i + 2 * k) % 5,
  };
}

const daysBetween = (from: string | null, to: string | null) => DAYS.filter((d) => (!from || d >= from) && (!to || d <= to));
let refused: RegExp | null = null;
let malformed = false;
const fake = new FakeEsp((url) => {
  const q = url.searchParams;
  const days = daysBetween(q.get('start_date'), q.get('end_date'));
  if (url.pathname === '/v3/mailbox_providers/stats') {
    const offset = Number(q.get('offset') ?? 0);
    const page = days.slice(offset, offset + Number(q.get('limit') ?? 500));
    const body = page.map((date) => ({ date, stats: Object.keys(NAMES).map((name) => ({ metrics: metrics(date, name), name, type: 'esp' })) }));
    if (malformed && body[3]?.stats[1]) (body[3].stats[1].metrics as Record<string, unknown>).delivered = '812';
    return { body };
  }
  if (url.pathname === '/v3/categories/stats') {
    return { body: days.map((date) => ({ date, stats: q.getAll('categories').map((name) => ({ metrics: metrics(date, name), name, type: 'category' })) })) };
  }
  return null;
}, (req, url) => {
  if (req.headers.authorization !== `Bearer ${KEY}`) return { status: 401, body: { errors: [{ field: null, message: 'authorization required' }] } };
  return refused?.test(url.pathname) ? { status: 403, body: { errors: [{ field: null, message: 'access forbidden' }] } } : null;
});

/** What the store must hold: each (day, provider) the sum of the names mapping to it; each category as `other`. */
function expected() {
  const rows = new Map<string, Record<string, number | string | null>>();
  const add = (stream: string, provider: string, day: string, name: string) => {
    const m = metrics(day, name);
    const key = `${stream}/${day}|${provider}`;
    const r = rows.get(key) ?? { send_id: `${stream}/${day}`, provider, stream, injected: 0, delivered: 0, bounced_hard: 0, bounced_soft: 0, bounced_block: 0, complaints: 0, unsubscribes: 0, opens: 0, clicks: 0 };
    for (const [col, v] of [['injected', m.processed], ['delivered', m.delivered], ['bounced_hard', m.bounces], ['bounced_block', m.blocks],
      ['complaints', m.spam_reports], ['unsubscribes', m.unsubscribes], ['opens', m.opens], ['clicks', m.clicks]] as const) r[col] = Number(r[col]) + v;
    rows.set(key, r);
  };
  for (const day of DAYS) {
    for (const [name, provider] of Object.entries(NAMES)) add('sendgrid', provider, day, name);
    for (const c of CATEGORIES) add(c, 'other', day, c);
  }
  return [...rows.values()].sort((a, b) => `${String(a.send_id)}|${String(a.provider)}`.localeCompare(`${String(b.send_id)}|${String(b.provider)}`));
}

const tmp = tempDir();
let base = '';
let n = 0;
let s: Services;
const env = () => ({ SENDGRID_API_KEY: KEY, SENDGRID_API_ENDPOINT: base, SENDGRID_CATEGORIES: CATEGORIES.join(',') });
beforeAll(async () => {
  base = await fake.start();
});
afterAll(async () => {
  await fake.stop();
  tmp.cleanup();
});
beforeEach(async () => {
  fake.reset();
  refused = null;
  malformed = false;
  s = await espServices(env(), tmp.path(`sg-${++n}.duckdb`));
});
afterEach(() => s.db.close());

const stored = async () => (await sendRows(s.db)).map(({ sent_at: _t, ...r }) => r);

describe('the documented answers', () => {
  it('read as the reference shows them: the mailbox-provider example and the category example', () => {
    const providers = new ProviderMap();
    expect(pulledRows(mailboxProviderSends(doc('sendgrid-mailbox-providers.json'), 'sendgrid', providers))).toEqual([
      // No processed or requests in this example: injected is what reached an outcome (1 delivered + 1 block).
      { send_id: 'sendgrid/2014-10-01', provider: 'gmail', stream: 'sendgrid', sent_at: '2014-10-01T00:00:00Z', injected: 2, delivered: 1, bounced_hard: 0, bounced_soft: 0, bounced_block: 1, complaints: 0, unsubscribes: 0, opens: 1, clicks: 0 },
      { send_id: 'sendgrid/2014-10-02', provider: 'gmail', stream: 'sendgrid', sent_at: '2014-10-02T00:00:00Z', injected: 0, delivered: 0, bounced_hard: 0, bounced_soft: 0, bounced_block: 0, complaints: 0, unsubscribes: 0, opens: 0, clicks: 0 },
    ]);
    expect(categorySends(doc('sendgrid-categories.json')).map((r) => [r.stream, r.provider, r.day])).toEqual([['docs', 'other', '2015-10-01'], ['mattscategory', 'other', '2015-10-01']]);
  });

  it('is configured by its variables, off without a key', () => {
    expect(sendgridConfig({ ...parseEnv({}) })).toBeNull();
    expect(sendgridConfig(parseEnv({ SENDGRID_API_KEY: KEY }))).toMatchObject({ backfillDays: 60, endpoint: 'https://api.sendgrid.com', stream: 'sendgrid', categories: [] });
  });
});

function parseEnv(e: Record<string, string>) {
  const out: Record<string, unknown> = {};
  for (const [k, schema] of Object.entries(sendgridEnv)) out[k] = schema.parse(e[k]);
  return out as Parameters<typeof sendgridConfig>[0];
}

describe('rebound pull sendgrid', () => {
  it('backfills 60 days with exact counts, maps provider names, then a second run stores nothing new', async () => {
    s.db.close();
    const path = tmp.path('sg-cli.duckdb');
    const r = await runCli(['pull', 'sendgrid', '--db', path], { env: { REBOUND_DEMO: '0', ...env() } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`sendgrid: days ${DAYS[0]}..${DAYS[59]}`);
    expect(r.stdout).toContain('provider names stored as other: Comcast (60)');
    s = await espServices(env(), path);
    expect(await stored()).toEqual(expected());
    expect(await s.db.all('SELECT DISTINCT origin FROM sends')).toEqual([{ origin: 'summary' }]);
    const first = await getSourceState(s.db, 'sendgrid');
    expect(first).toMatchObject({ runs: 1, failures: 0, watermark: expect.stringContaining(DAYS[59] ?? '') });

    fake.reset();
    const again = await pull(s, 'sendgrid', recordingRetry().retry);
    expect(again.stored).toBe(0);
    // The second run re-reads the lateness window only (3 days before the watermark's day).
    expect(again.window).toEqual({ from: DAYS[56], to: DAYS[59] });
    expect(fake.requests[0]?.url.searchParams.get('start_date')).toBe(DAYS[56]);
    expect(await stored()).toEqual(expected());
  });

  it('stores nothing when a request fails mid-pull, and the rerun stores everything', async () => {
    const { retry } = recordingRetry();
    fake.faults.push({ status: 500, times: 10, path: /categories/ });
    await expect(pull(s, 'sendgrid', retry)).rejects.toThrow(/SendGrid answered HTTP 500 on \/v3\/categories\/stats/);
    expect(fake.requests.some((q) => q.url.pathname === '/v3/mailbox_providers/stats')).toBe(true);
    expect(await sendCount(s)).toBe(0);
    expect(await getSourceState(s.db, 'sendgrid')).toMatchObject({ watermark: null, failures: 1 });
    fake.reset();
    await pull(s, 'sendgrid', retry);
    expect(await stored()).toEqual(expected());
  });

  it('waits as a 429 asks (Retry-After), then carries on', async () => {
    const { retry, waits } = recordingRetry();
    fake.faults.push({ status: 429, times: 1, retryAfter: '7' });
    await pull(s, 'sendgrid', retry);
    expect(waits).toEqual([7000]);
    expect(await stored()).toEqual(expected());
  });

  it('names the scope a key lacks, and an invalid key, storing nothing', async () => {
    refused = /categories/;
    await expect(pull(s, 'sendgrid', recordingRetry().retry)).rejects.toThrow(/HTTP 403.*categories\.stats\.read scope/);
    refused = /mailbox_providers/;
    await expect(pull(s, 'sendgrid', recordingRetry().retry)).rejects.toThrow(/mailbox_providers\.stats\.read scope/);
    s.db.close();
    s = await espServices({ ...env(), SENDGRID_API_KEY: 'SG.some-other-key-0000000' }, tmp.path('sg-badkey.duckdb'));
    await expect(pull(s, 'sendgrid', recordingRetry().retry)).rejects.toThrow(/HTTP 401.*not valid \(SENDGRID_API_KEY\)/);
    expect(await sendCount(s)).toBe(0);
  });

  it('fails a malformed answer naming the field, storing nothing', async () => {
    malformed = true;
    await expect(pull(s, 'sendgrid', recordingRetry().retry)).rejects.toThrow(/malformed \[3\]\.stats\[1\]\.metrics\.delivered/);
    expect(await sendCount(s)).toBe(0);
    expect((await getSourceState(s.db, 'sendgrid'))?.last_error).toMatch(/metrics\.delivered/);
  });

  it('wins over webhook events of the same send × provider, which then count nothing twice', async () => {
    const day = DAYS[59] ?? '';
    const events = (from: number, type: string) => Array.from({ length: 5 }, (_, i) => JSON.stringify({
      event_id: `wh-${type}-${from + i}`, type, timestamp: `${day}T09:00:0${i}Z`, send_id: `sendgrid/${day}`, stream: 'sendgrid', provider: 'gmail',
    })).join('\n') + '\n';
    await ingestStream(s.db, 'webhook:sendgrid', Readable.from([events(0, 'delivery')]), { kind: 'events', format: 'ndjson' });
    expect((await stored()).find((r) => r.send_id === `sendgrid/${day}`)?.delivered).toBe(5);
    await pull(s, 'sendgrid', recordingRetry().retry);
    expect(await stored()).toEqual(expected());
    // Webhook events of that send arriving after the pull: kept as events, but the pulled summary stands.
    await ingestStream(s.db, 'webhook:sendgrid', Readable.from([events(5, 'complaint')]), { kind: 'events', format: 'ndjson' });
    expect(await stored()).toEqual(expected());
  });

  it('gives an incident declared after the backfill its baseline from the pulled days', async () => {
    await pull(s, 'sendgrid', recordingRetry().retry);
    const series = await evaluateIncident(s, 'sendgrid', INCIDENT_DAY, 'hard_bounce_rate', 'gmail');
    expect(series?.baseline.observations).toBe(28);
    expect(series?.status).not.toBe('insufficient_data');
    expect(series?.points.length).toBe(10);
    expect(series?.points.every((p) => p.verdict !== 'ok')).toBe(true);
  });
});
