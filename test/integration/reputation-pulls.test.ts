// Postmaster Tools and SNDS pulls (docs/sources.md) against local fakes answering the documented formats: auth, the v2
// request body, v1 where available, v2 winning over v1 for the same day, retries, bad keys, and GET /api/sources.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../server/context.ts';
import { pullPostmaster } from '../../server/sources/postmaster/pull.ts';
import { pullSnds } from '../../server/sources/snds/pull.ts';
import { getSourceState } from '../../server/store/sources.ts';
import type { FakeReputationApis } from './fake-reputation-apis.ts';
import { tempDir } from './helpers.ts';
import { appFor, FAKE_POSTMASTER_TOKEN, FAKE_SNDS_KEY, FAST_RETRY, reputationFakes, servicesWith, tableCount } from './sources-helpers.ts';

const tmp = tempDir();
const KEY = FAKE_SNDS_KEY;
const TOKEN = FAKE_POSTMASTER_TOKEN;
const fakes = reputationFakes(tmp);
let fake: FakeReputationApis;
let base: string;
let s: Services;
let n = 0;

beforeEach(async () => {
  ({ fake, base } = fakes);
  fake.requests.length = 0;
  fake.failures.length = 0;
  fake.v1Available = true;
  s = await servicesWith({
    POSTMASTER_CLIENT_ID: 'client', POSTMASTER_CLIENT_SECRET: 'secret', POSTMASTER_REFRESH_TOKEN: 'refresh',
    POSTMASTER_TOKEN_URL: `${base}/token`, POSTMASTER_API_ENDPOINT: base, SNDS_KEY: KEY, SNDS_API_ENDPOINT: `${base}/snds`,
  }, `pulls-${++n}`, tmp);
});
afterEach(() => s.db.close());

const value = async (date: string, metric: string) =>
  (await s.db.one<{ value: number }>(`SELECT value FROM reputation WHERE strftime(date, '%Y-%m-%d') = $1 AND metric = $2`, [date, metric]))?.value;

describe('Postmaster Tools', () => {
  it('refreshes the OAuth token, lists domains, queries v2 and v1, and lets v2 win for the same day', async () => {
    const pm = s.config.sources.postmaster;
    if (!pm) throw new Error('postmaster not configured');
    const summary = await pullPostmaster(s, pm, FAST_RETRY);
    expect(summary).toMatch(/stored/);
    const v2 = fake.requests.find((r) => r.path.includes('domainStats:query'));
    const body = JSON.parse(v2?.body ?? '{}') as { metricDefinitions: { baseMetric: { standardMetric: string } }[]; aggregationGranularity: string; timeQuery: unknown };
    expect(body.metricDefinitions.map((m) => m.baseMetric.standardMetric)).toEqual(['SPAM_RATE', 'DELIVERY_ERROR_RATE']);
    expect(body.aggregationGranularity).toBe('DAILY');
    expect(v2?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    // 2026-03-02: v1 says 0.0031, v2 says 0.0035 — v2 is stored.
    expect(await value('2026-03-02', 'gmail_spam_rate')).toBeCloseTo(0.0035, 10);
    expect(await value('2026-03-01', 'domain_reputation')).toBe(3);
    expect(await getSourceState(s.db, 'postmaster')).toMatchObject({ runs: 1, failures: 0 });
  });

  it('uses v2 alone where v1 answers 404, and retries a 503', async () => {
    const pm = s.config.sources.postmaster;
    if (!pm) throw new Error('postmaster not configured');
    fake.v1Available = false;
    fake.failures.push(503);
    await pullPostmaster(s, pm, FAST_RETRY);
    expect(await tableCount(s.db, 'reputation')).toBe(2);
  });

  it('records a failure when the token is refused and stores nothing', async () => {
    const pm = s.config.sources.postmaster;
    if (!pm) throw new Error('postmaster not configured');
    await expect(pullPostmaster(s, { ...pm, oauth: null, accessToken: 'ya29.wrong-token' }, FAST_RETRY)).rejects.toThrow(/401/);
    expect(await tableCount(s.db, 'reputation')).toBe(0);
    expect(await getSourceState(s.db, 'postmaster')).toMatchObject({ failures: 1, last_error: expect.stringMatching(/401/) });
  });
});

describe('SNDS', () => {
  it('pulls the data export by key and shows the run on GET /api/sources', async () => {
    const snds = s.config.sources.snds;
    if (!snds) throw new Error('snds not configured');
    expect(await pullSnds(s, snds, FAST_RETRY)).toMatch(/9 value\(s\) stored/);
    const res = await appFor(s).request('/api/sources');
    const body = (await res.json()) as { sources: { source: string; last_rows: number; configured: boolean }[] };
    expect(body.sources.find((x) => x.source === 'snds')).toMatchObject({ last_rows: 9, configured: true });
  });

  it('fails without leaking the key when SNDS refuses it, and an empty export is not an error', async () => {
    const snds = s.config.sources.snds;
    if (!snds) throw new Error('snds not configured');
    const err = await pullSnds(s, { ...snds, key: 'wrong-key-000000' }, FAST_RETRY).catch((e: unknown) => e as Error);
    expect(String(err)).toMatch(/403/);
    expect(String(err)).not.toMatch(/wrong-key/);
    fake.sndsBody = '';
    expect(await pullSnds(s, snds, FAST_RETRY)).toMatch(/0 value/);
  });

  it('rejects an answer that is not an SNDS export', async () => {
    const snds = s.config.sources.snds;
    if (!snds) throw new Error('snds not configured');
    fake.sndsBody = '<html><body>Sign in</body></html>';
    await expect(pullSnds(s, snds, FAST_RETRY)).rejects.toThrow();
    expect(await tableCount(s.db, 'reputation')).toBe(0);
  });
});
