// Ingest of events, send summaries and seed tests (docs/data-formats.md), CSV and NDJSON, on a real DuckDB file.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestFile } from '../../server/ingest/ingest.ts';
import type { Db } from '../../server/store/db.ts';
import {
  counts, csv, fixture, goodEvent, ndjson, SEND_COLUMNS, send, sendRows, seedRows, tempStore, write, type SendRowOut,
} from './helpers.ts';

const tmp = tempStore();
afterAll(() => tmp.cleanup());

let db: Db;
let n = 0;
beforeEach(async () => {
  db = await tmp.open(`ingest-${++n}.duckdb`);
});
afterEach(() => db.close());

/** What events.ndjson / events.csv roll up to (worked out by hand from the fixture). */
const EVENT_SENDS: SendRowOut[] = [
  // gmail.com and googlemail.com are both gmail: two injections, the earliest at 09:00:01.
  send({ send_id: 's-100', provider: 'gmail', stream: 'newsletter', sent_at: '2026-03-02T09:00:01.000Z', injected: 2, delivered: 1, bounced_hard: 1, opens: 1, clicks: 1 }),
  // The deferral at 09:00:02 is earlier than the injection, but sent_at is the earliest injection.
  send({ send_id: 's-100', provider: 'microsoft', stream: 'newsletter', sent_at: '2026-03-02T09:00:04.000Z', injected: 1, bounced_block: 1 }),
  // The complaint's +01:00 timestamp is 11:00 UTC; the unsubscribe given twice without event_id counts once.
  send({ send_id: 's-100', provider: 'yahoo', stream: 'newsletter', sent_at: '2026-03-02T09:00:03.000Z', injected: 1, delivered: 1, complaints: 1, unsubscribes: 1 }),
  // No injections: sent_at is the earliest event (the soft bounce at 15:05); every outcome was injected.
  send({ send_id: 's-200', provider: 'apple', stream: 'promo', sent_at: '2026-03-02T15:05:00.000Z', injected: 2, delivered: 1, bounced_soft: 1, opens: 1 }),
  send({ send_id: 's-200', provider: 'other', stream: 'promo', sent_at: '2026-03-02T16:00:00.000Z', injected: 1, delivered: 1 }),
];

describe('events', () => {
  for (const file of ['events.ndjson', 'events.csv']) {
    it(`${file}: stores every event once and rolls them up per send × provider with exact counts`, async () => {
      const r = await ingestFile(db, fixture(file));
      expect(r).toMatchObject({
        kind: 'events', format: file.endsWith('.csv') ? 'csv' : 'ndjson', status: 'stored',
        read: 18, stored: 17, duplicate: 1, rejected: 0, rejections: [],
      });
      expect(await counts(db)).toEqual({ events: 17, sends: 5, seed_tests: 0, incidents: 0 });
      expect(await sendRows(db)).toEqual(EVENT_SENDS);
      // Provider mapping of the raw events (recipient_domain → provider).
      const byProvider = await db.all<{ provider: string; n: number }>('SELECT provider, count(*) AS n FROM events GROUP BY provider ORDER BY provider');
      expect(byProvider).toEqual([
        { provider: 'apple', n: 3 }, { provider: 'gmail', n: 6 }, { provider: 'microsoft', n: 3 },
        { provider: 'other', n: 1 }, { provider: 'yahoo', n: 4 },
      ]);
      const bounce = await db.one('SELECT bounce_class, smtp_code, diagnostic, ts FROM events WHERE event_id = $1', ['e15']);
      expect(bounce).toEqual({ bounce_class: 'soft', smtp_code: 452, diagnostic: 'mailbox full, "over quota"', ts: '2026-03-02T15:05:00.000Z' });
    });

    it(`${file}: loading it twice changes no count (stored 0, duplicate 18)`, async () => {
      await ingestFile(db, fixture(file));
      const before = await sendRows(db);
      const again = await ingestFile(db, fixture(file));
      expect(again).toMatchObject({ status: 'stored', read: 18, stored: 0, duplicate: 18, rejected: 0 });
      expect(await counts(db)).toEqual({ events: 17, sends: 5, seed_tests: 0, incidents: 0 });
      expect(await sendRows(db)).toEqual(before);
    });
  }

  it('the CSV and NDJSON forms of the same events are the same events (the second adds nothing)', async () => {
    await ingestFile(db, fixture('events.ndjson'));
    const r = await ingestFile(db, fixture('events.csv'));
    expect(r).toMatchObject({ stored: 0, duplicate: 18 });
    expect(await sendRows(db)).toEqual(EVENT_SENDS);
  });

  it('a complaint arriving days later, in another file, still counts for its send (sent_at unchanged)', async () => {
    await ingestFile(db, fixture('events.ndjson'));
    const r = await ingestFile(db, fixture('events-late.ndjson'));
    expect(r).toMatchObject({ status: 'stored', read: 2, stored: 2, duplicate: 0 });
    expect(await counts(db)).toEqual({ events: 19, sends: 5, seed_tests: 0, incidents: 0 });
    const rows = await sendRows(db);
    expect(rows.find((x) => x.send_id === 's-100' && x.provider === 'gmail')).toEqual({ ...EVENT_SENDS[0], complaints: 1 });
    expect(rows.find((x) => x.send_id === 's-200' && x.provider === 'other')).toEqual({ ...EVENT_SENDS[4], unsubscribes: 1 });
    // Nothing else moved.
    expect(rows.filter((x) => !(x.send_id === 's-100' && x.provider === 'gmail') && !(x.send_id === 's-200' && x.provider === 'other')))
      .toEqual([EVENT_SENDS[1], EVENT_SENDS[2], EVENT_SENDS[3]]);
    // And the late file loaded again is all duplicates.
    expect(await ingestFile(db, fixture('events-late.ndjson'))).toMatchObject({ stored: 0, duplicate: 2 });
  });

  it('a late event loaded before the send itself counts once everything is in', async () => {
    await ingestFile(db, fixture('events-late.ndjson'));
    await ingestFile(db, fixture('events.ndjson'));
    const rows = await sendRows(db);
    expect(rows.find((x) => x.send_id === 's-100' && x.provider === 'gmail')).toEqual({ ...EVENT_SENDS[0], complaints: 1 });
  });

  it('events without event_id deduplicate by content, whatever the offset of their timestamp', async () => {
    const base = { event_id: undefined, type: 'open', send_id: 'q-1', stream: 'news', message_id: 'mq' };
    const path = write(tmp.path(`content-${n}.ndjson`), ndjson([
      goodEvent(1, { ...base, timestamp: '2026-03-10T10:00:00Z', provider: 'gmail' }),
      goodEvent(2, { ...base, timestamp: '2026-03-10T11:00:00+01:00', provider: 'gmail' }), // same instant
      goodEvent(3, { ...base, timestamp: '2026-03-10T10:00:00Z', provider: undefined, recipient_domain: 'gmail.com' }), // same provider
      goodEvent(4, { ...base, timestamp: '2026-03-10T10:00:01Z', provider: 'gmail' }), // a second later: another open
      goodEvent(5, { ...base, timestamp: '2026-03-10T10:00:00Z', provider: 'gmail', message_id: 'other' }), // another message
    ]));
    expect(await ingestFile(db, path)).toMatchObject({ read: 5, stored: 3, duplicate: 2 });
    expect(await ingestFile(db, path)).toMatchObject({ read: 5, stored: 0, duplicate: 5 });
    expect((await counts(db)).events).toBe(3);
    expect(await sendRows(db)).toEqual([send({ send_id: 'q-1', provider: 'gmail', stream: 'news', sent_at: '2026-03-10T10:00:00.000Z', opens: 3 })]);
  });

  it('an event_id seen before is a duplicate even if the record differs', async () => {
    await ingestFile(db, fixture('events.ndjson'));
    const path = write(tmp.path(`same-id-${n}.ndjson`), ndjson([
      goodEvent(1, { event_id: 'e5', type: 'delivery', timestamp: '2026-03-02T09:59:00Z', send_id: 's-100', stream: 'newsletter', provider: 'gmail' }),
    ]));
    expect(await ingestFile(db, path)).toMatchObject({ read: 1, stored: 0, duplicate: 1 });
    expect(await sendRows(db)).toEqual(EVENT_SENDS);
  });
});

describe('recipient_domain → provider (docs/data-formats.md)', () => {
  const CASES: [string, string][] = [
    ['gmail.com', 'gmail'], ['googlemail.com', 'gmail'], ['GMail.COM', 'gmail'],
    ['yahoo.com', 'yahoo'], ['yahoo.co.uk', 'yahoo'], ['yahoo.fr', 'yahoo'], ['aol.com', 'yahoo'], ['ymail.com', 'yahoo'],
    ['outlook.com', 'microsoft'], ['outlook.de', 'microsoft'], ['hotmail.com', 'microsoft'], ['hotmail.co.uk', 'microsoft'],
    ['live.com', 'microsoft'], ['live.fr', 'microsoft'], ['msn.com', 'microsoft'],
    ['icloud.com', 'apple'], ['me.com', 'apple'], ['mac.com', 'apple'],
    ['example.com', 'other'], ['notgmail.com', 'other'], ['gmail.example.com', 'other'], ['mail.ru', 'other'],
  ];
  it('maps every domain of the documented list (docs/data-formats.md) and nothing else, through a real send-summary ingest', async () => {
    const rows = CASES.map(([domain], i) => ({
      send_id: `d-${i}`, stream: 'promo', recipient_domain: domain, sent_at: '2026-03-01T10:00:00Z', injected: 10,
      delivered: 10, bounced_hard: 0, bounced_soft: 0, bounced_block: 0, complaints: 0, unsubscribes: 0,
    }));
    const r = await ingestFile(db, write(tmp.path(`domains-${n}.ndjson`), ndjson(rows)));
    expect(r).toMatchObject({ kind: 'sends', status: 'stored', stored: CASES.length });
    const stored = await db.all<{ send_id: string; provider: string }>('SELECT send_id, provider FROM sends');
    const byId = new Map(stored.map((x) => [x.send_id, x.provider]));
    expect(CASES.map(([domain], i) => [domain, byId.get(`d-${i}`)])).toEqual(CASES);
  });
});

const SUMMARY_SENDS: SendRowOut[] = [
  { send_id: 'c-1', provider: 'gmail', stream: 'promo', sent_at: '2026-03-03T10:00:00.000Z', injected: 10000, delivered: 9500, bounced_hard: 200, bounced_soft: 100, bounced_block: 50, complaints: 12, unsubscribes: 30, opens: 2100, clicks: 300 },
  { send_id: 'c-1', provider: 'microsoft', stream: 'promo', sent_at: '2026-03-03T10:00:00.000Z', injected: 4000, delivered: 3900, bounced_hard: 50, bounced_soft: 20, bounced_block: 10, complaints: 2, unsubscribes: 5, opens: 800, clicks: null },
  { send_id: 'c-1', provider: 'yahoo', stream: 'promo', sent_at: '2026-03-03T10:00:00.000Z', injected: 5000, delivered: 4800, bounced_hard: 100, bounced_soft: 40, bounced_block: 10, complaints: 9, unsubscribes: 11, opens: null, clicks: null },
  { send_id: 'c-2', provider: 'apple', stream: 'news', sent_at: '2026-03-04T12:30:00.000Z', injected: 1500, delivered: 1490, bounced_hard: 5, bounced_soft: 3, bounced_block: 2, complaints: 0, unsubscribes: 1, opens: null, clicks: null },
];
const NDJSON_SENDS: SendRowOut[] = [
  { send_id: 'c-3', provider: 'gmail', stream: 'news', sent_at: '2026-03-05T06:00:00.000Z', injected: 20000, delivered: 19700, bounced_hard: 150, bounced_soft: 90, bounced_block: 60, complaints: 25, unsubscribes: 40, opens: 5200, clicks: 610 },
  { send_id: 'c-3', provider: 'microsoft', stream: 'news', sent_at: '2026-03-05T06:00:00.000Z', injected: 8000, delivered: 7600, bounced_hard: 80, bounced_soft: 20, bounced_block: 300, complaints: 11, unsubscribes: 9, opens: null, clicks: null },
  { send_id: 'c-3', provider: 'other', stream: 'news', sent_at: '2026-03-05T06:00:00.000Z', injected: 3000, delivered: 2990, bounced_hard: 10, bounced_soft: 0, bounced_block: 0, complaints: 0, unsubscribes: 2, opens: null, clicks: null },
];

describe('send summaries', () => {
  it('sends.csv: stores exactly its rows, times in UTC, optional counts null when not given', async () => {
    const r = await ingestFile(db, fixture('sends.csv'));
    expect(r).toMatchObject({ kind: 'sends', format: 'csv', status: 'stored', read: 4, stored: 4, duplicate: 0, rejected: 0 });
    expect(await counts(db)).toEqual({ events: 0, sends: 4, seed_tests: 0, incidents: 0 });
    expect(await sendRows(db)).toEqual(SUMMARY_SENDS);
  });

  it('sends.ndjson: stores exactly its rows, recipient_domain mapped to a provider', async () => {
    const r = await ingestFile(db, fixture('sends.ndjson'));
    expect(r).toMatchObject({ kind: 'sends', format: 'ndjson', status: 'stored', read: 3, stored: 3, duplicate: 0 });
    expect(await sendRows(db)).toEqual(NDJSON_SENDS);
  });

  it('loading the same summaries twice changes nothing (stored 0, duplicate N)', async () => {
    await ingestFile(db, fixture('sends.csv'));
    await ingestFile(db, fixture('sends.ndjson'));
    expect(await ingestFile(db, fixture('sends.csv'))).toMatchObject({ status: 'stored', read: 4, stored: 0, duplicate: 4 });
    expect(await ingestFile(db, fixture('sends.ndjson'))).toMatchObject({ status: 'stored', read: 3, stored: 0, duplicate: 3 });
    expect(await counts(db)).toEqual({ events: 0, sends: 7, seed_tests: 0, incidents: 0 });
    expect(await sendRows(db)).toEqual([...SUMMARY_SENDS, ...NDJSON_SENDS]);
  });

  it('a summary re-exported with changed counts replaces the old row (no second row)', async () => {
    await ingestFile(db, fixture('sends.csv'));
    const cols = [...SEND_COLUMNS, 'opens', 'clicks'];
    const [gmail, microsoft, yahoo, apple] = SUMMARY_SENDS as [SendRowOut, SendRowOut, SendRowOut, SendRowOut];
    const re = write(tmp.path(`reexport-${n}.csv`), csv(cols, [
      { ...gmail, sent_at: '2026-03-03T10:00:00Z', complaints: 19, unsubscribes: 41 }, // late complaints counted
      { ...yahoo, sent_at: '2026-03-03T10:00:00Z', opens: undefined, clicks: undefined }, // unchanged
    ]));
    const r = await ingestFile(db, re);
    expect(r).toMatchObject({ status: 'stored', read: 2, stored: 1, duplicate: 1 });
    expect(await counts(db)).toEqual({ events: 0, sends: 4, seed_tests: 0, incidents: 0 });
    expect(await sendRows(db)).toEqual([{ ...gmail, complaints: 19, unsubscribes: 41 }, microsoft, yahoo, apple]);
  });

  it('a summary for a send already rolled up from events replaces the roll-up, and later events leave it alone', async () => {
    await ingestFile(db, fixture('events.ndjson'));
    const summary = write(tmp.path(`over-${n}.csv`), csv(SEND_COLUMNS, [{
      send_id: 's-100', stream: 'newsletter', provider: 'gmail', sent_at: '2026-03-02T09:00:00Z', injected: 5000,
      delivered: 4900, bounced_hard: 40, bounced_soft: 10, bounced_block: 0, complaints: 3, unsubscribes: 4,
    }]));
    expect(await ingestFile(db, summary)).toMatchObject({ stored: 1, duplicate: 0 });
    await ingestFile(db, fixture('events-late.ndjson'));
    const row = (await sendRows(db)).find((x) => x.send_id === 's-100' && x.provider === 'gmail');
    expect(row).toEqual(send({ send_id: 's-100', provider: 'gmail', stream: 'newsletter', sent_at: '2026-03-02T09:00:00.000Z', injected: 5000, delivered: 4900, bounced_hard: 40, bounced_soft: 10, complaints: 3, unsubscribes: 4, opens: null, clicks: null }));
    expect((await counts(db)).sends).toBe(5);
  });

  it('the same send twice in one file with the same values is stored once', async () => {
    const cols = [...SEND_COLUMNS, 'opens', 'clicks'];
    const [gmail] = SUMMARY_SENDS as [SendRowOut];
    const path = write(tmp.path(`twice-same-${n}.csv`), csv(cols, [{ ...gmail, sent_at: '2026-03-03T10:00:00Z' }, { ...gmail, sent_at: '2026-03-03T11:00:00+01:00' }]));
    expect(await ingestFile(db, path)).toMatchObject({ status: 'stored', read: 2, stored: 1, duplicate: 1 });
    expect(await sendRows(db)).toEqual([gmail]);
  });
});

describe('seed-list tests', () => {
  it('seeds.csv and seeds.ndjson: exact rows; loading again stores nothing', async () => {
    expect(await ingestFile(db, fixture('seeds.csv'))).toMatchObject({ kind: 'seeds', format: 'csv', status: 'stored', read: 3, stored: 3, duplicate: 0 });
    expect(await ingestFile(db, fixture('seeds.ndjson'))).toMatchObject({ kind: 'seeds', format: 'ndjson', status: 'stored', read: 2, stored: 2, duplicate: 0 });
    const expected = [
      { send_id: 'c-1', provider: 'gmail', stream: 'promo', tested_at: '2026-03-03T11:00:00.000Z', seeds: 50, inbox: 40, spam: 8, missing: 2 },
      { send_id: 'c-1', provider: 'microsoft', stream: 'promo', tested_at: '2026-03-03T11:00:00.000Z', seeds: 40, inbox: 30, spam: 5, missing: 5 },
      { send_id: 'c-1', provider: 'yahoo', stream: 'promo', tested_at: '2026-03-03T11:00:00.000Z', seeds: 30, inbox: 21, spam: 9, missing: 0 },
      { send_id: 'c-3', provider: 'apple', stream: 'news', tested_at: '2026-03-05T06:30:00.000Z', seeds: 20, inbox: 20, spam: 0, missing: 0 },
      { send_id: 'c-3', provider: 'gmail', stream: 'news', tested_at: '2026-03-05T06:30:00.000Z', seeds: 50, inbox: 35, spam: 14, missing: 1 },
    ];
    expect(await seedRows(db)).toEqual(expected);
    expect(await ingestFile(db, fixture('seeds.csv'))).toMatchObject({ stored: 0, duplicate: 3 });
    expect(await ingestFile(db, fixture('seeds.ndjson'))).toMatchObject({ stored: 0, duplicate: 2 });
    expect(await counts(db)).toEqual({ events: 0, sends: 0, seed_tests: 5, incidents: 0 });
    expect(await seedRows(db)).toEqual(expected);
  });

  it('a second placement test of the same send later in the day is another row', async () => {
    await ingestFile(db, fixture('seeds.csv'));
    const path = write(tmp.path(`seeds2-${n}.csv`), 'send_id,stream,provider,tested_at,seeds,inbox,spam,missing\nc-1,promo,gmail,2026-03-03T15:00:00Z,50,45,5,0\n');
    expect(await ingestFile(db, path)).toMatchObject({ stored: 1, duplicate: 0 });
    expect((await counts(db)).seed_tests).toBe(4);
  });
});

describe('kind and format detection and overrides', () => {
  it('detects NDJSON and CSV from content when the file name says nothing', async () => {
    const a = write(tmp.path(`noext-a-${n}`), `${ndjson([goodEvent(1)])}`);
    const b = write(tmp.path(`noext-b-${n}`), 'send_id,stream,provider,sent_at,injected,delivered,bounced_hard,bounced_soft,bounced_block,complaints,unsubscribes\nz-1,promo,gmail,2026-03-01T10:00:00Z,10,9,1,0,0,0,0\n');
    expect(await ingestFile(db, a)).toMatchObject({ kind: 'events', format: 'ndjson', stored: 1 });
    expect(await ingestFile(db, b)).toMatchObject({ kind: 'sends', format: 'csv', stored: 1 });
  });

  it('accepts a UTF-8 byte-order mark and CRLF line ends', async () => {
    const text = '\uFEFFsend_id,stream,provider,sent_at,injected,delivered,bounced_hard,bounced_soft,bounced_block,complaints,unsubscribes\r\nz-1,promo,gmail,2026-03-01T10:00:00Z,10,9,1,0,0,0,0\r\nz-2,promo,yahoo,2026-03-01T10:00:00Z,10,9,1,0,0,0,0\r\n';
    expect(await ingestFile(db, write(tmp.path(`bom-${n}.csv`), text))).toMatchObject({ kind: 'sends', status: 'stored', stored: 2 });
    const nd = `\uFEFF${ndjson([goodEvent(1), goodEvent(2)]).replace(/\n/g, '\r\n')}`;
    expect(await ingestFile(db, write(tmp.path(`bom-${n}.ndjson`), nd))).toMatchObject({ kind: 'events', status: 'stored', stored: 2 });
  });
});
