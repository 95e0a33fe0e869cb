// `rebound pull sendgrid` against a local endpoint answering in the shapes of SendGrid's API reference
// (test/fixtures/sources/esp/README.md names the pages): 60 backfilled days by mailbox provider and by category
// with exact counts, the provider-name map, a second run storing nothing, a fault mid-pull storing nothing, a
// 429's Retry-After obeyed, a missing scope named, a malformed answer named by field, pulled summaries winning
// over webhook events of the same send × provider, and an incident evaluated against the pulled baseline.
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ingestStream } from '../../../server/ingest/ingest.ts';
import { sendgridConfig, sendgridEnv } from '../../../server/sources/esp/sendgrid/config.ts';
import { mailboxProviderSends, categorySends } from '../../../server/sources/esp/sendgrid/parse.ts';
import { ProviderMap } from '../../../server/sources/esp/providers.ts';
import { sendRows as pulledRows } from '../../../server/sources/esp/pull.ts';
import { fixture, sendRows } from '../helpers.ts';
import { backfillDays, pull, recordingRetry } from './esp-helpers.ts';
import { espPullSuite, type SendRow } from './esp-suite.ts';
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

const suite = espPullSuite({
  name: 'sendgrid', fake, days: DAYS, lateness: 3, expected: expected as () => SendRow[],
  env: (base) => ({ SENDGRID_API_KEY: KEY, SENDGRID_API_ENDPOINT: base, SENDGRID_CATEGORIES: CATEGORIES.join(',') }),
  refuse: (path) => void (refused = path), malform: (on) => void (malformed = on),
  badKey: (base) => ({ SENDGRID_API_KEY: 'SG.some-other-key-0000000', SENDGRID_API_ENDPOINT: base }),
  invalidKey: /HTTP 401.*not valid \(SENDGRID_API_KEY\)/,
  laterPath: /categories/, scope: /HTTP 403.*categories\.stats\.read scope/,
  malformed: /malformed \[3\]\.stats\[1\]\.metrics\.delivered: .*number/,
  incident: { stream: 'sendgrid', day: INCIDENT_DAY, metric: 'hard_bounce_rate', provider: 'gmail', baseline: 28, points: 10 },
  cliOutput: /provider names stored as other: Comcast \(60\)/,
});
const stored = async () => (await sendRows(suite.services().db)).map(({ sent_at: _t, ...r }) => r);

describe('the documented answers', () => {
  it('read as the reference shows them: the mailbox-provider example and the category example', () => {
    const providers = new ProviderMap();
    expect(pulledRows(mailboxProviderSends(doc('sendgrid-mailbox-providers.json'), 'sendgrid', providers))).toEqual([
      // No processed or requests in this example: injected is what reached an outcome (1 delivered + 1 block).
      { send_id: 'sendgrid/2014-10-01', provider: 'gmail', stream: 'sendgrid', sent_at: '2014-10-01T00:00:00Z', injected: 2, delivered: 1, bounced_hard: 0, bounced_soft: 0, bounced_block: 1, complaints: 0, unsubscribes: 0, opens: 1, clicks: 0, all_providers: false },
      { send_id: 'sendgrid/2014-10-02', provider: 'gmail', stream: 'sendgrid', sent_at: '2014-10-02T00:00:00Z', injected: 0, delivered: 0, bounced_hard: 0, bounced_soft: 0, bounced_block: 0, complaints: 0, unsubscribes: 0, opens: 0, clicks: 0, all_providers: false },
    ]);
    expect(categorySends(doc('sendgrid-categories.json')).map((r) => [r.stream, r.provider, r.day])).toEqual([['docs', 'other', '2015-10-01'], ['mattscategory', 'other', '2015-10-01']]);
    // Category statistics have no provider: each row is its stream-day for every provider (docs/sources.md).
    expect(categorySends(doc('sendgrid-categories.json')).every((r) => r.all_providers === true)).toBe(true);
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

describe('pulled summaries and webhook events', () => {
  it('wins over webhook events of the same send × provider, which then count nothing twice', async () => {
    const day = DAYS[59] ?? '';
    const events = (from: number, type: string) => Array.from({ length: 5 }, (_, i) => JSON.stringify({
      event_id: `wh-${type}-${from + i}`, type, timestamp: `${day}T09:00:0${i}Z`, send_id: `sendgrid/${day}`, stream: 'sendgrid', provider: 'gmail',
    })).join('\n') + '\n';
    await ingestStream(suite.services().db, 'webhook:sendgrid', Readable.from([events(0, 'delivery')]), { kind: 'events', format: 'ndjson' });
    expect((await stored()).find((r) => r.send_id === `sendgrid/${day}`)?.delivered).toBe(5);
    await pull(suite.services(), 'sendgrid', recordingRetry().retry);
    expect(await stored()).toEqual(expected());
    // Webhook events of that send arriving after the pull: kept as events, but the pulled summary stands.
    await ingestStream(suite.services().db, 'webhook:sendgrid', Readable.from([events(5, 'complaint')]), { kind: 'events', format: 'ndjson' });
    expect(await stored()).toEqual(expected());
  });

});
