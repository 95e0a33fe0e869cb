// Event identity in time (docs/data-formats.md, "Event identity"): a record whose identity is stored is a
// duplicate when the stored copy's timestamp is within a day of it — a redelivery, a file loaded again, a re-export
// in another time zone — and a new event beyond that. Both ways in are checked: a file's merge and a webhook group
// commit's, with redeliveries mixed among new events, and the sends' counts follow the events stored.
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestStream } from '../../server/ingest/ingest.ts';
import { postEvents } from './journal-post.ts';
import { Db } from '../../server/store/db.ts';
import type { EventRecord } from '../../server/ingest/webhooks/common.ts';
import { goodEvent as rec, ndjson, tempDir } from './helpers.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

let db: Db;
let n = 0;
beforeEach(async () => {
  db = await Db.open(tmp.path(`identity-${++n}.duckdb`));
});
afterEach(() => db.close());

const T = '2026-04-01T10:00:00Z';
const at = (hours: number) => new Date(Date.parse(T) + hours * 3_600_000).toISOString();
// The helper's event, as a webhook adapter hands it on (no nulls).
const goodEvent = (i: number, over: EventRecord) => rec(i, over) as EventRecord;
const load = (records: EventRecord[]) =>
  ingestStream(db, `load-${Math.random()}.ndjson`, Readable.from([ndjson(records)]), { kind: 'events' });
const delivered = async () => (await db.one<{ n: number }>(`SELECT sum(delivered)::INTEGER AS n FROM sends`))?.n ?? 0;
const stored = async () => (await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM events'))?.n ?? 0;

describe('event identity within a day', () => {
  it('a file: the same ids again, an hour or 23 hours off (a time zone), are duplicates; 25 hours off, new events', async () => {
    await load([goodEvent(1, { timestamp: T }), goodEvent(2, { timestamp: T })]);
    expect(await load([goodEvent(1, { timestamp: T }), goodEvent(2, { timestamp: at(1) })])).toMatchObject({ stored: 0, duplicate: 2 });
    expect(await load([goodEvent(1, { timestamp: at(-23) })])).toMatchObject({ stored: 0, duplicate: 1 });
    expect(await load([goodEvent(1, { timestamp: at(25) }), goodEvent(3, { timestamp: T })])).toMatchObject({ stored: 2, duplicate: 0 });
    expect(await stored()).toBe(4);
    expect(await delivered()).toBe(4);
  });

  it('a file spanning weeks finds each stored copy, whatever the span', async () => {
    const weeks = Array.from({ length: 30 }, (_, i) => goodEvent(i, { timestamp: at(i * 24) }));
    await load(weeks.filter((_, i) => i % 2 === 0));
    expect(await load(weeks)).toMatchObject({ stored: 15, duplicate: 15 });
    expect(await stored()).toBe(30);
  });

  it('a webhook group: redeliveries among new events are duplicates, posts counted each their own', async () => {
    const gc = { submit: (events: EventRecord[]) => postEvents(db, 'webhook:test', events, new Date(T).toISOString()) };
    // Stored a week ago and a minute ago; the group mixes them with new events of now.
    await gc.submit([goodEvent(1, { timestamp: at(-168) }), goodEvent(2, { timestamp: at(-0.02) })]);
    const [a, b] = await Promise.all([
      gc.submit([goodEvent(1, { timestamp: at(-168) }), goodEvent(3, { timestamp: T })]),
      gc.submit([goodEvent(2, { timestamp: at(-0.02) }), goodEvent(4, { timestamp: T }), goodEvent(5, { timestamp: T })]),
    ]);
    expect(a).toMatchObject({ stored: 1, duplicate: 1 });
    expect(b).toMatchObject({ stored: 2, duplicate: 1 });
    expect(await stored()).toBe(5);
    expect(await delivered()).toBe(5);
  });

  it('a webhook group whose every event goes to the quarantine stores nothing and answers', async () => {
    const gc = { submit: (events: EventRecord[]) => postEvents(db, 'webhook:test', events, new Date(T).toISOString()) };
    const r = await gc.submit([{ event_id: 'q-1', type: 'delivery', timestamp: T, provider: 'gmail' }]);
    expect(r).toMatchObject({ stored: 0, duplicate: 0, quarantined: 1 });
    expect(await stored()).toBe(0);
  });
});
