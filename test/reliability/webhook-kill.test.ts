// Crash safety of the webhook path (issues 7 and 9): the real `rebound serve` takes signed SendGrid batches from
// concurrent clients (the webhook journal, incremental roll-up) and is SIGKILLed once a given number of posts has been
// answered — an observation, not a timer. Every post answered 2xx before the kill must be stored in full once the
// store opens again (a 2xx means kept in the webhook journal, whose leftovers the next open loads). Then the server is started again and every batch is posted again, as an ESP retries: the store
// must hold each event exactly once, and its sends must equal a from-scratch roll-up of its events, with the
// summary loaded beforehand untouched.
import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../server/ingest/ingest.ts';
import { Db } from '../../server/store/db.ts';
import { mulberry32 } from '#shared/scenario.ts';
import { ndjson, tempDir, write } from '../integration/helpers.ts';
import { rollUpFromScratch, storedRollUp } from '../integration/rollup-reference.ts';
import { HAS_PROC, killWhen, ORPHANS, RUN_MISMATCH, startServe, walBytes } from './support.ts';

const tmp = tempDir('rebound-webhook-kill-');
afterAll(() => tmp.cleanup());

const BATCHES = 60;
const PER_BATCH = 100;
const CLIENTS = 4;
const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const PUBLIC_KEY = ec.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const T0 = Math.floor(Date.parse('2026-03-01T00:00:00Z') / 1000);

interface Batch { body: string; ts: string; signature: string; ids: string[] }

/** Signed SendGrid batches over a few sends; a fifth of each batch replays earlier events; complaints come late. */
function batches(): Batch[] {
  const rnd = mulberry32(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const kinds = ['processed', 'delivered', 'delivered', 'delivered', 'bounce', 'deferred', 'spamreport', 'open', 'click', 'unsubscribe'];
  const domains = ['gmail.com', 'yahoo.com', 'hotmail.com'];
  const sent: Record<string, unknown>[] = [];
  return Array.from({ length: BATCHES }, (_, b) => {
    const events = Array.from({ length: PER_BATCH }, (_x, i) => {
      if (sent.length > 0 && rnd() < 0.2) return pick(sent);
      const event = pick(kinds);
      const e = {
        email: `r${b}-${i}@${pick(domains)}`, event, sg_event_id: `ev-${b}-${i}`, sg_message_id: `m-${b}-${i}`,
        timestamp: T0 + Math.floor(rnd() * 48) * 3600 + (event === 'spamreport' ? 86_400 * 3 : 0),
        send_id: pick(['k0', 'k1', 'k2', 'k3']), category: pick(['news', 'alerts']),
        ...(event === 'bounce' ? { type: 'bounce', bounce_classification: pick(['invalid address', 'technical', 'reputation']) } : {}),
      };
      sent.push(e);
      return e;
    });
    const body = JSON.stringify(events);
    // Signed now: SendGrid's signed timestamp must be fresh (docs/webhooks.md); the events keep their own times.
    const ts = String(Math.floor(Date.now() / 1000));
    return { body, ts, signature: sign('sha256', Buffer.from(ts + body), ec.privateKey).toString('base64'), ids: events.map((e) => String(e.sg_event_id)) };
  });
}

// The freshness window covers the whole file (its re-posts come minutes after the signing on a slow machine).
const serve = (store: string) => startServe(store, { SENDGRID_WEBHOOK_PUBLIC_KEY: PUBLIC_KEY, WEBHOOK_MAX_AGE_MINUTES: '120' });

/** Posts the batches with concurrent clients until done or the server is gone; returns the batches answered 2xx. */
async function postAll(url: string, all: Batch[], onAck: () => void): Promise<Batch[]> {
  const acked: Batch[] = [];
  let next = 0;
  const client = async () => {
    while (next < all.length) {
      const b = all[next++] as Batch;
      try {
        const res = await fetch(`${url}/api/webhooks/sendgrid`, {
          method: 'POST', body: b.body,
          headers: { 'content-type': 'application/json', 'x-twilio-email-event-webhook-signature': b.signature, 'x-twilio-email-event-webhook-timestamp': b.ts },
        });
        await res.arrayBuffer();
        if (res.ok) {
          acked.push(b);
          onAck();
        }
      } catch {
        return; // the server was killed
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return acked;
}

async function withStore<T>(path: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await Db.open(path);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

// Stored ids are `sendgrid:<sg_event_id>:<event kind>` (the webhook identity, docs/webhooks.md): the middle part is SendGrid's.
const storedIds = (db: Db) => db.all<{ event_id: string }>('SELECT event_id FROM events').then((rows) => new Set(rows.map((r) => r.event_id.split(':')[1] ?? r.event_id)));

describe.skipIf(!HAS_PROC)('SIGKILL of `rebound serve` under webhook load (60 SendGrid batches, 4 clients)', () => {
  const all = batches();
  const distinct = new Set(all.flatMap((b) => b.ids));

  // Killed after a number of answered posts, or the moment the log grows (a group's commit under way).
  it.each([[3, false], [25, false], [5, true]])('after %i answered posts (at the next commit: %s): every answered post is stored, every group all or nothing; re-posting everything ends with each event once and exact sends', async (killAfter, atCommit) => {
    const store = tmp.path(`kill-${killAfter}-${atCommit}.duckdb`);
    // The ESP's own summary for k2 at Gmail: the roll-up must never overwrite it.
    const summary = { send_id: 'k2', stream: 'news', provider: 'gmail', sent_at: '2026-03-01T00:00:00Z', injected: 5000, delivered: 4900, bounced_hard: 1, bounced_soft: 2, bounced_block: 3, complaints: 4, unsubscribes: 5 };
    await withStore(store, (db) => ingestFile(db, write(tmp.path(`summary-${killAfter}-${atCommit}.ndjson`), ndjson([summary]))));

    const first = await serve(store);
    let answered = 0;
    const posting = postAll(first.url, all, () => answered++);
    let logAt = -1;
    const exit = await killWhen(first.run, () => {
      if (answered < killAfter) return false;
      if (!atCommit) return true;
      if (logAt < 0) logAt = walBytes(store);
      return walBytes(store) > logAt;
    });
    const acked = await posting;
    expect(exit.killedByUs, `killed after ${killAfter} answers (exit ${exit.code}: ${exit.stderr})`).toBe(true);

    await withStore(store, async (db) => {
      const ids = await storedIds(db);
      const lost = acked.flatMap((b) => b.ids).filter((id) => !ids.has(id));
      expect(lost, 'events of posts answered 2xx before the kill').toEqual([]);
      expect(await storedRollUp(db)).toEqual(await rollUpFromScratch(db));
      // Every group the restart finds is whole: its events, its run's record and counts.
      expect(await db.one(RUN_MISMATCH)).toEqual({ n: 0 });
      expect(await db.one(ORPHANS)).toEqual({ n: 0 });
    });

    const second = await serve(store);
    const again = await postAll(second.url, all, () => undefined);
    second.run.child.kill('SIGTERM');
    await second.run.done;
    expect(again.length).toBe(all.length);

    await withStore(store, async (db) => {
      expect((await db.one<{ n: number }>('SELECT count(*) AS n FROM events'))?.n, 'each event once').toBe(distinct.size);
      expect(await storedIds(db)).toEqual(distinct);
      expect(await storedRollUp(db)).toEqual(await rollUpFromScratch(db));
      const k2 = await db.one('SELECT injected, delivered, origin FROM sends WHERE send_id = $1 AND provider = $2', ['k2', 'gmail']);
      expect(k2).toEqual({ injected: 5000, delivered: 4900, origin: 'summary' });
    });
  }, 120_000);
});
