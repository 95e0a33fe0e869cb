// The incremental roll-up of events into sends (server/store/send-rollup.ts) must give exactly what a full
// re-aggregation of every stored event gives. Many random batches, through both merges that store events (webhook
// loads of several posts with line ranges, and file ingests), with replays, events without ids, late complaints, ties on
// the earliest time between streams, a summary loaded in the middle (never overwritten), a warehouse row and a
// row from before migration 010 (both rolled up again in full) — compared with a from-scratch roll-up in plain
// TypeScript after every batch.
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '#shared/scenario.ts';
import { ingestStream } from '../../server/ingest/ingest.ts';
import { postEvents } from './journal-post.ts';
import type { EventRecord } from '../../server/ingest/webhooks/common.ts';
import type { Db } from '../../server/store/db.ts';
import { nextRunId, recordRun } from '../../server/store/ingest-runs.ts';
import { upsertWarehouseSends } from '../../server/store/sources.ts';
import { ndjson, tempStore } from './helpers.ts';
import { rollUpFromScratch, storedRollUp } from './rollup-reference.ts';

const SENDS = ['s0', 's1', 's2', 's3', 's4', 's5'];
const PROVIDERS = ['gmail', 'yahoo', 'microsoft'];
const STREAMS = ['news', 'alerts'];
const TYPES = ['injection', 'delivery', 'delivery', 'delivery', 'bounce', 'deferral', 'complaint', 'unsubscribe', 'open', 'click'];
const CLASSES = ['hard', 'soft', 'block'];
const BASE = Date.parse('2026-03-01T00:00:00Z');
const HOUR = 3_600_000;

/** Random events; whole hours only, so several events share the earliest time of a send (ties). */
function eventMaker(seed: number) {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  let n = 0;
  return (): EventRecord => {
    const send_id = pick(SENDS);
    // s1 and s4 carry no injections (sent_at is their earliest event; injected comes from outcomes).
    let type = pick(TYPES);
    if (type === 'injection' && (send_id === 's1' || send_id === 's4')) type = 'delivery';
    // Complaints arrive days late.
    const hours = Math.floor(rnd() * 48) + (type === 'complaint' ? 24 * Math.floor(rnd() * 5) : 0);
    n++;
    return {
      // A fifth without an event_id: the content is the identity.
      event_id: rnd() < 0.2 ? undefined : `ev-${seed}-${n}`,
      type, timestamp: new Date(BASE + hours * HOUR).toISOString(), send_id, stream: pick(STREAMS), provider: pick(PROVIDERS),
      bounce_class: type === 'bounce' ? pick(CLASSES) : undefined,
      message_id: `m-${Math.floor(rnd() * 400)}`,
    };
  };
}

describe('incremental send roll-up', () => {
  const tmp = tempStore('rebound-rollup-');
  let db: Db;
  beforeAll(async () => {
    db = await tmp.open();
  });
  afterAll(tmp.cleanup);

  it('equals a from-scratch roll-up after every one of 40 random batches (webhook groups and files, replays, summaries, warehouse rows)', async () => {
    const rnd = mulberry32(7);
    const next = eventMaker(11);
    const sent: EventRecord[] = [];
    const identity = (e: EventRecord) => (e.event_id ? `id:${e.event_id}` : JSON.stringify(e));
    const seen = new Set<string>();
    // Rows changed behind the roll-up's back, until new events for them arrive (then they must be exact again).
    const pending = new Set<string>();
    const pair = (r: { send_id?: unknown; provider?: unknown }) => `${String(r.send_id)}|${String(r.provider)}`;
    const gc = { submit: (events: EventRecord[]) => postEvents(db, 'webhook:test', events, new Date(BASE).toISOString()) };
    const summary = { send_id: 's3', stream: 'news', provider: 'gmail', sent_at: '2026-03-01T05:00:00Z', injected: 9000, delivered: 8000, bounced_hard: 5, bounced_soft: 4, bounced_block: 3, complaints: 2, unsubscribes: 1 };
    for (let step = 0; step < 40; step++) {
      const fresh = Array.from({ length: 20 + Math.floor(rnd() * 120) }, next);
      // A third of the batches replay earlier events (an ESP retrying, a file loaded again in part).
      const replayed = step > 0 && rnd() < 0.35 ? sent.filter(() => rnd() < 0.2) : [];
      const batch = [...fresh, ...replayed].sort(() => rnd() - 0.5);
      sent.push(...fresh);
      for (const e of batch) {
        if (!seen.has(identity(e))) pending.delete(pair(e));
        seen.add(identity(e));
      }
      if (rnd() < 0.6) {
        // Webhook posts kept together: one load, one merge with line ranges.
        const cut = Math.floor(batch.length / 3);
        const posts = [batch.slice(0, cut), batch.slice(cut, 2 * cut), batch.slice(2 * cut)];
        await Promise.all(posts.map((p) => gc.submit(p)));
      } else {
        const r = await ingestStream(db, `batch-${step}.ndjson`, Readable.from([ndjson(batch)]), { kind: 'events' });
        expect(r.status).toBe('stored');
      }
      if (step === 8) {
        // The ESP's own summary of s3 at Gmail, loaded over its event roll-up: it stays, whatever events follow.
        await ingestStream(db, 'summary.ndjson', Readable.from([ndjson([summary])]), { kind: 'sends' });
      }
      if (step === 14) {
        // A warehouse pull's row for s4 at Yahoo: the next new events for it roll it up again from all its events.
        await db.transaction(async (tx) => {
          const runId = await nextRunId(tx);
          await recordRun(tx, runId, { source: 'warehouse', kind: 'sends', format: null, started_at: new Date().toISOString(), status: 'stored', rows_read: 1, rows_stored: 1, rows_duplicate: 0, rows_rejected: 0, error: null });
          await upsertWarehouseSends(tx, [{ ...summary, send_id: 's4', provider: 'yahoo', opens: 0, clicks: 0 }], runId);
        });
        pending.add('s4|yahoo');
      }
      if (step === 20) {
        // Rows as a store from before migration 010 holds them: no injection count. Their counts made wrong here,
        // so only a roll-up from all their events can put them right again.
        await db.run(`UPDATE sends SET injections = NULL, delivered = delivered + 1000 WHERE send_id = 's5'`);
        for (const p of PROVIDERS) pending.add(`s5|${p}`);
      }
      const settled = (rows: { send_id: string; provider: string }[]) => rows.filter((r) => !pending.has(pair(r)));
      expect(settled(await storedRollUp(db)), `after batch ${step}`).toEqual(settled(await rollUpFromScratch(db)));
    }
    expect([...pending], 'rows never repaired by later events').toEqual([]);
    // Every event stored once: distinct identities (event_id, else the content).
    expect((await db.one<{ n: number }>('SELECT count(*) AS n FROM events'))?.n).toBe(seen.size);
    // The summary is untouched; s4 at Yahoo and s5 are event roll-ups again.
    const s3 = await db.one('SELECT stream, sent_at, injected, delivered, origin FROM sends WHERE send_id = $1 AND provider = $2', ['s3', 'gmail']);
    expect(s3).toEqual({ stream: 'news', sent_at: '2026-03-01T05:00:00.000Z', injected: 9000, delivered: 8000, origin: 'summary' });
    const origins = await db.all<{ origin: string }>(`SELECT DISTINCT origin FROM sends WHERE send_id IN ('s4', 's5') ORDER BY origin`);
    expect(origins).toEqual([{ origin: 'events' }]);
    // The random walk did exercise what it claims: ties on the earliest time between streams, and late complaints.
    const ties = await db.one<{ n: number }>(`SELECT count(*) AS n FROM (
      SELECT send_id, provider FROM events e WHERE ts = (SELECT min(ts) FROM events x WHERE x.send_id = e.send_id AND x.provider = e.provider)
      GROUP BY ALL HAVING count(DISTINCT stream) > 1)`);
    expect(ties?.n).toBeGreaterThan(0);
  }, 120_000);

  it('adds to the stored row: a later batch with an earlier injection moves sent_at back and keeps the counts', async () => {
    const gc = { submit: (events: EventRecord[]) => postEvents(db, 'webhook:test', events, new Date(BASE).toISOString()) };
    const ev = (id: string, type: string, hour: number, stream = 'news'): EventRecord => ({
      event_id: id, type, timestamp: new Date(BASE + hour * HOUR).toISOString(), send_id: 'late', stream, provider: 'gmail',
    });
    await gc.submit([ev('l1', 'delivery', 5, 'zeta'), ev('l2', 'delivery', 6)]);
    let row = await db.one('SELECT stream, sent_at, injected, delivered FROM sends WHERE send_id = $1', ['late']);
    expect(row).toEqual({ stream: 'zeta', sent_at: '2026-03-01T05:00:00.000Z', injected: 2, delivered: 2 });
    await gc.submit([ev('l3', 'injection', 7), ev('l4', 'complaint', 200)]);
    row = await db.one('SELECT stream, sent_at, injected, delivered, complaints FROM sends WHERE send_id = $1', ['late']);
    // The earliest injection (hour 7) is sent_at even though deliveries came earlier; injected stays ≥ outcomes.
    expect(row).toEqual({ stream: 'zeta', sent_at: '2026-03-01T07:00:00.000Z', injected: 2, delivered: 2, complaints: 1 });
    await gc.submit([ev('l5', 'injection', 3, 'alpha'), ev('l6', 'injection', 4), ev('l7', 'injection', 4)]);
    row = await db.one('SELECT stream, sent_at, injected FROM sends WHERE send_id = $1', ['late']);
    expect(row).toEqual({ stream: 'alpha', sent_at: '2026-03-01T03:00:00.000Z', injected: 4 });
    expect(await storedRollUp(db)).toEqual(await rollUpFromScratch(db));
  });
});
