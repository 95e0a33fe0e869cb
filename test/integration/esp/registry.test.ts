// The ESP pulls as the rest of Rebound sees them: GET /api/sources lists each configured one with its schedule
// before its first run, the scheduler has a daily pull-<esp> job for each, POST /api/sources/{esp}/pull runs one
// and the listing shows what it stored; and an ESP without its key is not there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildJobs } from '../../../jobs/index.ts';
import { createApp } from '../../../server/app.ts';
import type { SourceInfo } from '#shared/schema/sources.ts';
import { tempDir } from '../helpers.ts';
import { backfillDays, espServices } from './esp-helpers.ts';
import { FakeEsp } from './fake-esp.ts';

const KEY = 'SG.local-registry-key-0123456789';
const DAYS = backfillDays(60);
const fake = new FakeEsp((url) => {
  if (url.pathname === '/v3/mailbox_providers/stats') {
    // One documented-shape day with one provider: the rest of the window had no traffic.
    return { body: [{ date: DAYS[59], stats: [{ type: 'esp', name: 'Gmail', metrics: { blocks: 1, bounces: 2, deferred: 0, delivered: 90, drops: 0, processed: 93, requests: 93, spam_reports: 0 } }] }] };
  }
  return null;
}, (req) => (req.headers.authorization === `Bearer ${KEY}` ? null : { status: 401, body: { errors: [{ message: 'authorization required' }] } }));

const tmp = tempDir();
let base = '';
beforeAll(async () => {
  base = await fake.start();
});
afterAll(async () => {
  await fake.stop();
  tmp.cleanup();
});

const allFive = () => ({
  SENDGRID_API_KEY: KEY, SENDGRID_API_ENDPOINT: base,
  SPARKPOST_API_KEY: 'local-sparkpost-key-0123456789', SPARKPOST_API_ENDPOINT: base,
  POSTMARK_SERVER_TOKEN: 'local-postmark-token-0123456789', POSTMARK_API_ENDPOINT: base,
  MAILGUN_API_KEY: 'key-local-mailgun-0123456789', MAILGUN_DOMAINS: 'mg.example.com', MAILGUN_API_ENDPOINT: base,
  SES_API_ENDPOINT: base, SES_REGION: 'eu-west-1',
});

describe('the ESP pulls in the sources listing and the scheduler', () => {
  it('lists each configured ESP with its daily schedule, runs one on demand, and shows the run', async () => {
    const s = await espServices(allFive(), tmp.path('registry.duckdb'));
    try {
      const app = createApp(s);
      const list = async () => ((await (await app.request('/api/sources')).json()) as { sources: SourceInfo[] }).sources;
      const esp = (await list()).filter((x) => ['sendgrid', 'sparkpost', 'postmark', 'mailgun', 'ses'].includes(x.source));
      expect(esp.map((x) => [x.source, x.kind, x.configured, x.schedule, x.runs])).toEqual([
        ['sendgrid', 'pull', true, '15 6 * * *', 0], ['sparkpost', 'pull', true, '30 6 * * *', 0], ['postmark', 'pull', true, '45 6 * * *', 0],
        ['mailgun', 'pull', true, '0 7 * * *', 0], ['ses', 'pull', true, '15 7 * * *', 0],
      ]);
      expect(buildJobs(s).filter((j) => j.name.startsWith('pull-')).map((j) => [j.name, j.schedule])).toEqual(esp.map((x) => [`pull-${x.source}`, x.schedule]));

      const res = await app.request('/api/sources/sendgrid/pull', { method: 'POST' });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { summaries: string[] }).summaries).toEqual([`sendgrid: days ${DAYS[0]}..${DAYS[59]}, 1 send summary read, 1 new or changed`]);
      expect((await list()).find((x) => x.source === 'sendgrid')).toMatchObject({ runs: 1, failures: 0, last_rows: 1, total_rows: 1, last_error: null });
    } finally {
      s.db.close();
    }
  });

  it('has no ESP pull without its key', async () => {
    const s = await espServices({ SENDGRID_API_ENDPOINT: base }, tmp.path('none.duckdb'));
    try {
      const sources = ((await (await createApp(s).request('/api/sources')).json()) as { sources: SourceInfo[] }).sources;
      expect(sources.map((x) => x.source)).toEqual([]);
      expect(buildJobs(s).map((j) => j.name)).not.toContain('pull-sendgrid');
    } finally {
      s.db.close();
    }
  });
});
