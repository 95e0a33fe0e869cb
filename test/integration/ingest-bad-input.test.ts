// Bad input (docs/data-formats.md): every bad record is reported with file, line and reason, and the file stores
// nothing; with skipBad only its good records are stored. Whole-file problems refuse the file.
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IngestError, ingestFile, type IngestOptions, type IngestResult } from '../../server/ingest/ingest.ts';
import { MAX_LINE_BYTES } from '../../server/ingest/records.ts';
import type { Db } from '../../server/store/db.ts';
import { listRuns } from '../../server/store/ingest-runs.ts';
import {
  counts, csv, EVENT_COLUMNS, fixture, goodEvent, goodSeed, goodSend, ndjson, SEED_COLUMNS, SEND_COLUMNS, tempStore, write,
  type Counts, type Rec,
} from './helpers.ts';

const tmp = tempStore();
afterAll(() => tmp.cleanup());

let db: Db;
let before: Counts;
let n = 0;
beforeEach(async () => {
  db = await tmp.open(`bad-${++n}.duckdb`);
  // A store with data in every table, so "stores nothing" is checked against something.
  await ingestFile(db, fixture('events.ndjson'));
  await ingestFile(db, fixture('sends.csv'));
  await ingestFile(db, fixture('seeds.csv'));
  before = await counts(db);
  expect(before).toEqual({ events: 17, sends: 9, seed_tests: 3, incidents: 0 });
});
afterEach(() => db.close());

const file = (name: string, content: string | Buffer) => write(tmp.path(`${n}-${name}`), content);

interface Expected { line: number; reason: RegExp }

/** The file is refused with exactly these rejections and nothing stored; then skipBad stores exactly the good records. */
async function expectRejected(path: string, expected: Expected[], good: Partial<Counts>, opts: IngestOptions = {}): Promise<IngestResult> {
  const r = await ingestFile(db, path, opts);
  expect(r.source).toBe(path);
  expect(r.status).toBe('rejected');
  expect(r.stored).toBe(0);
  expect(r.rejected).toBe(expected.length);
  expect(r.rejections.map((x) => x.line)).toEqual(expected.map((e) => e.line));
  r.rejections.forEach((x, i) => expect(x.reason).toMatch(expected[i]?.reason ?? /^$/));
  expect(await counts(db)).toEqual(before);

  const partial = await ingestFile(db, path, { ...opts, skipBad: true });
  expect(partial.status).toBe('partial');
  expect(partial.rejections.map((x) => x.line)).toEqual(expected.map((e) => e.line));
  expect(partial.rejected).toBe(expected.length);
  const after = await counts(db);
  expect(after).toEqual({
    events: before.events + (good.events ?? 0),
    sends: before.sends + (good.sends ?? 0),
    seed_tests: before.seed_tests + (good.seed_tests ?? 0),
    incidents: 0,
  });
  expect(partial.stored).toBe((good.events ?? 0) || (good.seed_tests ?? 0) || (good.sends ?? 0));
  return r;
}

/** The whole file is refused (it cannot be read as records at all), with or without skipBad; nothing stored. */
async function expectRefused(path: string, reason: RegExp, opts: IngestOptions = {}): Promise<void> {
  for (const skipBad of [false, true]) {
    // (async wrapper: a synchronous throw is checked separately, below)
    const err = await (async () => ingestFile(db, path, { ...opts, skipBad }))().then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(IngestError);
    const e = err as IngestError;
    expect(e.source).toBe(path);
    expect(e.message.startsWith(`${path}: `)).toBe(true);
    expect(e.message).toMatch(reason);
    expect(await counts(db)).toEqual(before);
  }
}

const sendsCsv = (rows: Rec[]) => csv(SEND_COLUMNS, rows);
const eventsCsv = (rows: Rec[]) => csv(EVENT_COLUMNS, rows);

describe('bad records reject the file (line and reason), skipBad stores only the good ones', () => {
  it('a missing field (CSV: empty cell)', async () => {
    const path = file('missing.csv', sendsCsv([goodSend(1), goodSend(2), goodSend(3, { stream: undefined }), goodSend(4)]));
    await expectRejected(path, [{ line: 4, reason: /^stream: is required$/ }], { sends: 3 });
  });

  it('a missing field (NDJSON: absent key)', async () => {
    const path = file('missing.ndjson', ndjson([goodEvent(1), goodEvent(2, { send_id: undefined }), goodEvent(3)]));
    await expectRejected(path, [{ line: 2, reason: /^send_id: is required$/ }], { events: 2, sends: 1 });
  });

  it('a missing field in the first data row of a CSV is that row\'s problem, not the file\'s', async () => {
    // The header names the kind (docs/data-formats.md: "detected from the header"); an empty cell in row 1 must not hide it.
    const path = file('missing-first.csv', sendsCsv([goodSend(1, { sent_at: undefined }), goodSend(2), goodSend(3)]));
    await expectRejected(path, [{ line: 2, reason: /^sent_at: is required$/ }], { sends: 2 });
  });

  it('a wrong type (NDJSON: a string count)', async () => {
    const path = file('type.ndjson', ndjson([goodSend(1), goodSend(2, { injected: 'lots' }), goodSend(3)]));
    await expectRejected(path, [{ line: 2, reason: /^injected: .*number/ }], { sends: 2 });
  });

  it('a wrong type (CSV: words in a count column; a fraction)', async () => {
    const path = file('type.csv', sendsCsv([goodSend(1, { delivered: 'ninety' }), goodSend(2), goodSend(3, { complaints: '1.5' })]));
    await expectRejected(path, [{ line: 2, reason: /^delivered: / }, { line: 4, reason: /^complaints: must be a whole number/ }], { sends: 1 });
  });

  it('a negative count', async () => {
    const path = file('negative.csv', sendsCsv([goodSend(1), goodSend(2, { bounced_soft: -3 }), goodSend(3)]));
    await expectRejected(path, [{ line: 3, reason: /^bounced_soft: must not be negative$/ }], { sends: 2 });
  });

  it('bounces above injections', async () => {
    const path = file('over.ndjson', ndjson([goodSend(1), goodSend(2), goodSend(3, { injected: 100, delivered: 90, bounced_hard: 20, bounced_soft: 0, bounced_block: 0 })]));
    await expectRejected(path, [{ line: 3, reason: /^injected: delivered \+ bounces \(110\) exceed injected \(100\)$/ }], { sends: 2 });
  });

  it('seed placements that do not add up', async () => {
    const path = file('seeds.csv', csv(SEED_COLUMNS, [goodSeed(1), goodSeed(2, { inbox: 45 })]));
    await expectRejected(path, [{ line: 3, reason: /^seeds: inbox \+ spam \+ missing \(55\) must equal seeds \(50\)$/ }], { seed_tests: 1 });
  });

  it('an unknown provider', async () => {
    const path = file('provider.csv', sendsCsv([goodSend(1), goodSend(2, { provider: 'hotmail' })]));
    await expectRejected(path, [{ line: 3, reason: /^provider: must be one of gmail, yahoo, microsoft, apple, other$/ }], { sends: 1 });
  });

  it('an unknown event type', async () => {
    const path = file('type.ndjson', ndjson([goodEvent(1), goodEvent(2), goodEvent(3, { type: 'bounced' })]));
    await expectRejected(path, [{ line: 3, reason: /^type: must be one of injection, delivery, bounce, deferral, complaint, unsubscribe, open, click$/ }], { events: 2, sends: 1 });
  });

  it('an unparseable timestamp (NDJSON and CSV, several forms)', async () => {
    const nd = file('ts.ndjson', ndjson([
      goodEvent(1, { timestamp: 'yesterday 10:00' }), goodEvent(2), goodEvent(3, { timestamp: '2026-02-30T10:00:00Z' }),
      goodEvent(4, { timestamp: '2026-03-01T10:00:00' /* no offset */ }), goodEvent(5, { timestamp: 1772445600 }),
    ]));
    await expectRejected(nd, [
      { line: 1, reason: /^timestamp: must be an RFC 3339 timestamp/ }, { line: 3, reason: /^timestamp: must be an RFC 3339/ },
      { line: 4, reason: /^timestamp: must be an RFC 3339/ }, { line: 5, reason: /^timestamp: / },
    ], { events: 1, sends: 1 });
  });

  it('an unparseable sent_at in a CSV', async () => {
    const path = file('ts.csv', sendsCsv([goodSend(1), goodSend(2, { sent_at: '03/01/2026 10:00' })]));
    await expectRejected(path, [{ line: 3, reason: /^sent_at: must be an RFC 3339/ }], { sends: 1 });
  });

  it('bounce_class missing on a bounce, or given on a delivery', async () => {
    const path = file('class.ndjson', ndjson([goodEvent(1, { type: 'bounce' }), goodEvent(2, { bounce_class: 'hard' }), goodEvent(3, { type: 'bounce', bounce_class: 'soft' })]));
    await expectRejected(path, [{ line: 1, reason: /^bounce_class: / }, { line: 2, reason: /^bounce_class: / }], { events: 1, sends: 1 });
  });

  it('a truncated last line (NDJSON)', async () => {
    const text = ndjson([goodEvent(1), goodEvent(2), goodEvent(3)]) + '{"event_id":"x-4","type":"deliv';
    await expectRejected(file('trunc.ndjson', text), [{ line: 4, reason: /not valid JSON.*truncated/ }], { events: 3, sends: 1 });
  });

  it('a truncated last line (CSV)', async () => {
    const text = eventsCsv([goodEvent(1), goodEvent(2), goodEvent(3)]) + 'x-4,delivery,2026-04-01T1';
    await expectRejected(file('trunc.csv', text), [{ line: 5, reason: /^not valid CSV: / }], { events: 3, sends: 1 });
  });

  it('a truncated last line inside a quoted CSV field', async () => {
    const text = eventsCsv([goodEvent(1), goodEvent(2)]) + 'x-3,bounce,2026-04-01T10:00:00Z,b-ev,promo,gmail,,hard,550,"5.1.1 user unkn';
    await expectRejected(file('trunc-quote.csv', text), [{ line: 4, reason: /^not valid CSV: / }], { events: 2, sends: 1 });
  });

  it('a line longer than 1 MiB (NDJSON), the records after it still read', async () => {
    const huge = goodEvent(3, { diagnostic: 'x'.repeat(MAX_LINE_BYTES + 100) });
    const text = ndjson([goodEvent(1), goodEvent(2), huge, goodEvent(4), goodEvent(5)]);
    await expectRejected(file('huge.ndjson', text), [{ line: 3, reason: /^line is longer than 1048576 bytes$/ }], { events: 4, sends: 1 });
  });

  it('a huge last line without a newline (NDJSON)', async () => {
    const text = ndjson([goodEvent(1), goodEvent(2)]) + JSON.stringify(goodEvent(3, { diagnostic: 'y'.repeat(3 * MAX_LINE_BYTES) }));
    await expectRejected(file('huge-last.ndjson', text), [{ line: 3, reason: /^line is longer than 1048576 bytes$/ }], { events: 2, sends: 1 });
  });

  it('a line longer than 1 MiB (CSV), the records after it still read', async () => {
    const text = sendsCsv([goodSend(1), goodSend(2, { stream: 'x'.repeat(MAX_LINE_BYTES + 100) }), goodSend(3), goodSend(4)]);
    await expectRejected(file('huge.csv', text), [{ line: 3, reason: /not valid CSV: .*(Max Record Size|1048576)/ }], { sends: 3 });
  });

  it('the same send twice in one file with different counts', async () => {
    const path = file('twice.csv', sendsCsv([goodSend(1), goodSend(2), goodSend(1, { delivered: 940 }), goodSend(3)]));
    await expectRejected(path, [{ line: 4, reason: /^send_id b-1, provider gmail already appears at line 2 with different values$/ }], { sends: 3 });
  });

  it('every bad record of a file is listed, in line order, with its own reason', async () => {
    const path = file('many.csv', sendsCsv([
      goodSend(1, { injected: -1 }), goodSend(2), goodSend(3, { provider: 'aol' }), goodSend(4, { sent_at: 'soon' }),
      goodSend(5), goodSend(2, { complaints: 3 }),
    ]));
    const r = await expectRejected(path, [
      { line: 2, reason: /^injected: must not be negative/ }, { line: 4, reason: /^provider: / }, { line: 5, reason: /^sent_at: / },
      { line: 7, reason: /already appears at line 3/ },
    ], { sends: 2 });
    expect(r.read).toBe(6);
  });
});

describe('whole-file problems refuse the file, even with skipBad', () => {
  it('a wrong file kind: --kind sends given an events file', async () => {
    await expectRefused(fixture('events.ndjson'), /looks like events data, not sends/, { kind: 'sends' });
    await expectRefused(fixture('events.csv'), /looks like events data, not seeds/, { kind: 'seeds' });
  });

  it('a wrong file kind: a CSV of something else entirely', async () => {
    const path = file('contacts.csv', 'email,first_name,last_name,signup_date\nann@example.com,Ann,Lee,2024-01-02\nbo@example.com,Bo,Chan,2024-02-03\n');
    await expectRefused(path, /cannot tell what this holds/);
  });

  it('a CSV of something else, forced to a kind: every record rejected by line, nothing stored', async () => {
    const path = file('contacts-forced.csv', 'email,first_name\nann@example.com,Ann\nbo@example.com,Bo\n');
    const r = await ingestFile(db, path, { kind: 'events' });
    expect(r).toMatchObject({ status: 'rejected', stored: 0, rejected: 2 });
    expect(r.rejections.map((x) => x.line)).toEqual([2, 3]);
    expect(r.rejections[0]?.reason).toMatch(/^type: must be one of .*; timestamp: .*; send_id: is required$/);
    const p = await ingestFile(db, path, { kind: 'events', skipBad: true });
    expect(p).toMatchObject({ stored: 0, rejected: 2 });
    expect(await counts(db)).toEqual(before);
  });

  it('an empty file, a file of blank lines, and a CSV with only its header', async () => {
    await expectRefused(file('empty.ndjson', ''), /empty/);
    await expectRefused(file('blank.csv', '\n\n   \n'), /empty/);
    await expectRefused(file('header.csv', `${SEND_COLUMNS.join(',')}\n`), /empty/);
  });

  it('a binary file (gzip of an events file; a PNG)', async () => {
    const gz = file('events.ndjson.gz', gzipSync(Buffer.from(ndjson([goodEvent(1), goodEvent(2)]))));
    await expectRefused(gz, /binary/);
    const png = file('logo.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    await expectRefused(png, /binary/);
  });

  it('a file that does not exist', async () => {
    await expectRefused(tmp.path('nope.csv'), /no such file/);
  });

  it('ingestFile reports a missing file through its promise, not by throwing synchronously', async () => {
    let promise: Promise<IngestResult> | undefined;
    expect(() => { promise = ingestFile(db, tmp.path('nope.csv')); }).not.toThrow();
    await expect(promise).rejects.toBeInstanceOf(IngestError);
  });

  it('JSON that is not one object per line', async () => {
    const path = file('array.json', `${JSON.stringify([goodEvent(1), goodEvent(2)])}\n`);
    const r = await ingestFile(db, path);
    expect(r).toMatchObject({ status: 'rejected', stored: 0, rejected: 1, rejections: [{ line: 1, reason: 'not a JSON object' }] });
    expect(await counts(db)).toEqual(before);
  });

  it('a refused input is recorded as a rejected run that stored nothing', async () => {
    await ingestFile(db, file('bad.csv', sendsCsv([goodSend(1, { injected: -1 })])));
    const [last] = await listRuns(db, 1);
    expect(last).toMatchObject({ status: 'rejected', rows_read: 1, rows_stored: 0, rows_rejected: 1, kind: 'sends', format: 'csv' });
  });
});
