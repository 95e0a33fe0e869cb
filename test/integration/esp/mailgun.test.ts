// `rebound pull mailgun` against a local endpoint answering Mailgun's analytics metrics query in its documented
// shape (test/fixtures/sources/esp/README.md): per sending domain, by day and recipient provider, paged; the
// checks every ESP pull passes (esp-suite.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config.ts';
import { metricsPage } from '../../../server/sources/esp/mailgun/parse.ts';
import { rfc2822 } from '../../../server/sources/esp/mailgun/index.ts';
import { ProviderMap } from '../../../server/sources/esp/providers.ts';
import { fixture } from '../helpers.ts';
import { backfillDays } from './esp-helpers.ts';
import { espPullSuite, type SendRow } from './esp-suite.ts';
import { FakeEsp } from './fake-esp.ts';

const KEY = 'key-local-mailgun-0123456789abcdef';
const NAMES: Record<string, string> = { Gmail: 'gmail', Yahoo: 'yahoo', Microsoft: 'microsoft', 'Apple iCloud': 'apple', GMX: 'other', Other: 'other' };
const DOMAINS = ['mg.example.com', 'news.example.com'];
const DAYS = backfillDays(60);
const INCIDENT_DAY = DAYS[50] ?? '';

function metrics(day: string, domain: string, name: string): Record<string, number> {
  const i = DAYS.indexOf(day);
  const k = name.length + domain.length;
  const complaints = (1 + ((i + k) % 3)) * (name === 'Yahoo' && domain === DOMAINS[1] && day >= INCIDENT_DAY ? 12 : 1);
  const accepted = 3000 + 11 * i + 5 * k;
  const hard = 4 + (i % 5);
  const soft = (i + k) % 4;
  const block = (i * k) % 3;
  return {
    accepted_outgoing_count: accepted, delivered_count: accepted - hard - soft - block - 2, hard_bounces_count: hard, soft_bounces_count: soft,
    esp_block_count: block, complained_count: complaints, unsubscribed_count: (i + k) % 6, opened_count: 500 + i, clicked_count: 60 + k,
    failed_count: hard + soft + block, sent_count: accepted - 2,
  };
}

let refused: RegExp | null = null;
let malformed = false;
const auth = `Basic ${Buffer.from(`api:${KEY}`).toString('base64')}`;
const fake = new FakeEsp((url, req, raw) => {
  if (url.pathname !== '/v1/analytics/metrics' || req.method !== 'POST') return null;
  const q = JSON.parse(raw) as { start: string; end: string; resolution: string; dimensions: string[]; metrics: string[]; filter: { AND: { attribute: string; values: { value: string }[] }[] }; pagination: { skip: number; limit: number } };
  const domain = q.filter.AND.find((f) => f.attribute === 'domain')?.values[0]?.value ?? '';
  const from = new Date(q.start).toISOString().slice(0, 10);
  const to = new Date(q.end).toISOString().slice(0, 10);
  if (q.resolution !== 'day' || q.dimensions.join() !== 'time,recipient_provider' || !DOMAINS.includes(domain)) return { status: 400, body: { message: 'bad query' } };
  const all = DAYS.filter((d) => d >= from && d <= to).flatMap((day) => Object.keys(NAMES).map((name) => ({
    dimensions: [
      { dimension: 'time', value: rfc2822(`${day}T00:00:00Z`), display_value: rfc2822(`${day}T00:00:00Z`) },
      { dimension: 'recipient_provider', value: name, display_value: name },
    ],
    metrics: Object.fromEntries(Object.entries(metrics(day, domain, name)).filter(([m]) => q.metrics.includes(m))),
  })));
  const items = all.slice(q.pagination.skip, q.pagination.skip + q.pagination.limit);
  if (malformed && q.pagination.skip > 0 && items[5]) (items[5].metrics as Record<string, unknown>).delivered_count = null;
  return { body: { start: q.start, end: q.end, resolution: 'day', duration: '', dimensions: q.dimensions, pagination: { sort: 'time:asc', skip: q.pagination.skip, limit: q.pagination.limit, total: all.length }, items, aggregates: { metrics: {} } } };
}, (req, url) => {
  if (req.headers.authorization !== auth) return { status: 401, body: { message: 'Invalid private key' } };
  return refused?.test(url.pathname) ? { status: 403, body: { message: 'Forbidden' } } : null;
});

function expected(): SendRow[] {
  const rows = new Map<string, SendRow>();
  for (const day of DAYS) {
    for (const domain of DOMAINS) {
      for (const [name, provider] of Object.entries(NAMES)) {
        const m = metrics(day, domain, name);
        const key = `${domain}/${day}|${provider}`;
        const r = rows.get(key) ?? { send_id: `${domain}/${day}`, provider, stream: domain, injected: 0, delivered: 0, bounced_hard: 0, bounced_soft: 0, bounced_block: 0, complaints: 0, unsubscribes: 0, opens: 0, clicks: 0 };
        r.injected += m.accepted_outgoing_count ?? 0;
        r.delivered += m.delivered_count ?? 0;
        r.bounced_hard += m.hard_bounces_count ?? 0;
        r.bounced_soft += m.soft_bounces_count ?? 0;
        r.bounced_block += m.esp_block_count ?? 0;
        r.complaints += m.complained_count ?? 0;
        r.unsubscribes += m.unsubscribed_count ?? 0;
        r.opens = (r.opens ?? 0) + (m.opened_count ?? 0);
        r.clicks = (r.clicks ?? 0) + (m.clicked_count ?? 0);
        rows.set(key, r);
      }
    }
  }
  return [...rows.values()].sort((a, b) => `${a.send_id}|${a.provider}`.localeCompare(`${b.send_id}|${b.provider}`));
}

const env = (base: string) => ({ MAILGUN_API_KEY: KEY, MAILGUN_API_ENDPOINT: base, MAILGUN_DOMAINS: DOMAINS.join(',') });
espPullSuite({
  name: 'mailgun', fake, days: DAYS, lateness: 3, expected, env,
  badKey: (base) => ({ ...env(base), MAILGUN_API_KEY: 'key-another-mailgun-key-000000' }),
  invalidKey: /HTTP 401.*not valid \(MAILGUN_API_KEY; a domain sending key cannot read analytics/,
  refuse: (path) => void (refused = path), malform: (on) => void (malformed = on),
  laterPath: /analytics/, scope: /HTTP 403.*role cannot read analytics/,
  malformed: /Mailgun \/v1\/analytics\/metrics \(mg\.example\.com\) answered a malformed items\[5\]\.metrics\.delivered_count/,
  incident: { stream: DOMAINS[1] ?? '', day: INCIDENT_DAY, metric: 'complaint_rate', provider: 'yahoo', baseline: 28, points: 10 },
  cliOutput: /provider names stored as other: GMX \(120\)/,
});

describe('Mailgun specifics', () => {
  it('reads the answer in the documented shape', () => {
    const body: unknown = JSON.parse(readFileSync(fixture('sources/esp/mailgun-metrics.json'), 'utf8'));
    expect(metricsPage(body, 'mg.example.com', new ProviderMap())).toEqual({
      total: 2,
      sends: [
        { stream: 'mg.example.com', provider: 'gmail', day: '2024-01-01', injected: 120, delivered: 112, bounced_hard: 3, bounced_soft: 2, bounced_block: 1, complaints: 1, unsubscribes: 2, opens: 40, clicks: 9 },
        { stream: 'mg.example.com', provider: 'yahoo', day: '2024-01-02', injected: 80, delivered: 79, bounced_hard: 1, bounced_soft: 0, bounced_block: 0, complaints: 0, unsubscribes: 0, opens: 22, clicks: 3 },
      ],
    });
  });

  it('names MAILGUN_DOMAINS when a key is set without domains', () => {
    expect(() => loadConfig({ REBOUND_DEMO: '0', MAILGUN_API_KEY: KEY })).toThrow(/MAILGUN_DOMAINS/);
  });
});
