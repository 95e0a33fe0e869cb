// Reputation input (docs/data-formats.md, docs/sources.md): the generic CSV, Postmaster trafficStats JSON and the SNDS data export,
// through `ingestFile` like any input — idempotent, atomic, and every bad record listed with its line.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestFile } from '../../server/ingest/ingest.ts';
import type { Db } from '../../server/store/db.ts';
import { fixture, tempStore, write } from './helpers.ts';
import { tableCount } from './sources-helpers.ts';

const tmp = tempStore();
afterAll(() => tmp.cleanup());
let db: Db;
let n = 0;
beforeEach(async () => {
  db = await tmp.open(`rep-${++n}.duckdb`);
});
afterEach(() => db.close());

const rows = () => db.all<{ date: string; subject: string; metric: string; value: number; level: string | null }>(
  `SELECT strftime(date, '%Y-%m-%d') AS date, subject, metric, value, level FROM reputation ORDER BY date, subject, metric`);
const file = (name: string, content: string) => write(tmp.path(`${n}-${name}`), content);

describe('generic reputation CSV', () => {
  it('stores levels as their index and percentages as fractions; a second load is all duplicates', async () => {
    const r = await ingestFile(db, fixture('sources/reputation.csv'));
    expect(r).toMatchObject({ kind: 'reputation', status: 'stored', stored: 5 });
    const stored = await rows();
    expect(stored.find((x) => x.metric === 'domain_reputation')).toMatchObject({ value: 3, level: 'HIGH' });
    expect(stored.find((x) => x.date === '2026-03-02')?.value).toBeCloseTo(0.0035, 10);
    expect(await ingestFile(db, fixture('sources/reputation.csv'))).toMatchObject({ stored: 0, duplicate: 5 });
  });

  it('refuses the whole file for bad rows, naming line and field, and skip-bad keeps the good ones', async () => {
    const path = file('bad.csv', [
      'date,subject,source,metric,value',
      '2026-03-01,news.example.com,postmaster,gmail_spam_rate,0.001',
      '2026-02-30,news.example.com,postmaster,gmail_spam_rate,0.001',
      '2026-03-01,news.example.com,postmaster,domain_reputation,EXCELLENT',
      '2026-03-01,news.example.com,postmaster,gmail_spam_rate,3',
      '2026-03-01,news.example.com,postmaster,open_rate,0.2',
      '2026-03-01,1.2.3.4,snds,spam_trap_hits,2.5',
      '2026-03-01,news.example.com,Post Master,gmail_spam_rate,0.001',
    ].join('\n') + '\n');
    const r = await ingestFile(db, path);
    expect(r.status).toBe('rejected');
    expect(r.rejections.map((x) => x.line)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(r.rejections[0]?.reason).toMatch(/^date:/);
    expect(r.rejections[1]?.reason).toMatch(/value: must be one of BAD, LOW, MEDIUM, HIGH/);
    expect(r.rejections[2]?.reason).toMatch(/fraction/);
    expect(r.rejections[3]?.reason).toMatch(/^metric:/);
    expect(r.rejections[4]?.reason).toMatch(/whole number/);
    expect(r.rejections[5]?.reason).toMatch(/^source:/);
    expect(await tableCount(db, 'reputation')).toBe(0);
    expect(await ingestFile(db, path, { skipBad: true })).toMatchObject({ status: 'partial', stored: 1 });
  });

  it('rejects two different values for the same day, subject and metric in one file', async () => {
    const path = file('conflict.csv', 'date,subject,source,metric,value\n2026-03-01,a.com,postmaster,gmail_spam_rate,0.001\n2026-03-01,a.com,postmaster,gmail_spam_rate,0.002\n');
    const r = await ingestFile(db, path);
    expect(r.rejections).toEqual([{ line: 3, reason: expect.stringMatching(/already appears at line 2/) }]);
  });
});

describe('Postmaster trafficStats JSON', () => {
  it('reads spam ratio, domain reputation, the median IP reputation and the summed delivery errors', async () => {
    const r = await ingestFile(db, fixture('sources/postmaster-trafficstats.json'));
    expect(r).toMatchObject({ kind: 'reputation', status: 'stored', stored: 7 });
    const day1 = (await rows()).filter((x) => x.date === '2026-03-01');
    expect(day1.map((x) => [x.metric, x.level ?? x.value])).toEqual([
      ['domain_reputation', 'HIGH'], ['gmail_delivery_error_rate', 0.005], ['gmail_spam_rate', 0.0008], ['ip_reputation', 'HIGH'],
    ]);
  });

  it('names the line of a bad entry and stores nothing', async () => {
    const doc = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(fixture('sources/postmaster-trafficstats.json'), 'utf8'))) as { trafficStats: Record<string, unknown>[] };
    const second = doc.trafficStats[1];
    if (second) second.domainReputation = 'SUPERB';
    doc.trafficStats.push({ name: 'domains/x/trafficStats/2026' });
    const r = await ingestFile(db, file('bad-postmaster.json', JSON.stringify(doc, null, 2)));
    expect(r.status).toBe('rejected');
    expect(r.rejections.map((x) => x.reason)).toEqual([expect.stringMatching(/value: must be one of BAD/), expect.stringMatching(/^name:/)]);
    expect(r.rejections[0]?.line).toBeGreaterThan(10);
    expect(await tableCount(db, 'reputation')).toBe(0);
    const truncated = await ingestFile(db, file('trunc.json', '{"trafficStats": [{"name": "domains/a.com/trafficStats/20260301"'));
    expect(truncated.status).toBe('rejected');
  });
});

describe('SNDS data export', () => {
  it('reads filter result, complaint rate (< 0.1% as half the floor) and trap hits per IP and day', async () => {
    const r = await ingestFile(db, fixture('sources/snds-data.csv'));
    expect(r).toMatchObject({ kind: 'reputation', format: 'csv', status: 'stored', stored: 9 });
    const ip7 = (await rows()).filter((x) => x.subject === '203.0.113.7');
    expect(ip7.map((x) => [x.date, x.metric, x.level ?? x.value])).toEqual([
      ['2026-03-01', 'snds_complaint_rate', 0.0005], ['2026-03-01', 'snds_filter_result', 'GREEN'], ['2026-03-01', 'spam_trap_hits', 0],
      ['2026-03-02', 'snds_complaint_rate', 0.012], ['2026-03-02', 'snds_filter_result', 'RED'], ['2026-03-02', 'spam_trap_hits', 21],
    ]);
  });

  it('lists short rows, bad dates and bad colours with their lines', async () => {
    const path = file('bad-snds.csv', [
      '203.0.113.7,3/1/2026 12:00 AM,3/1/2026 11:59 PM,100,100,100,GREEN,< 0.1%,,,0,h,,',
      '203.0.113.7,3/2/2026 12:00 AM,3/2/2026 11:59 PM,100,100,100,GREEN',
      '203.0.113.7,yesterday,3/2/2026 11:59 PM,100,100,100,GREEN,< 0.1%,,,0,h,,',
      '203.0.113.8,3/1/2026 12:00 AM,3/1/2026 11:59 PM,100,100,100,BLUE,0.2%,,,x,h,,',
    ].join('\n') + '\n');
    const r = await ingestFile(db, path);
    expect(r.rejections.map((x) => x.line)).toEqual([2, 3, 4, 4]);
    expect(r.rejections.map((x) => x.reason)).toEqual([
      expect.stringMatching(/at least 11 columns/), expect.stringMatching(/activity start/),
      expect.stringMatching(/RED, YELLOW, GREEN/), expect.stringMatching(/number/),
    ]);
    expect(await tableCount(db, 'reputation')).toBe(0);
  });
});
