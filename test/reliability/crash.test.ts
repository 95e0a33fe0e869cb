// Crash safety (docs/integrity.md): the real binary is SIGKILLed at observed points of a large ingest, a BigQuery pull and an
// evaluation that alerts by email; after each kill the same command is run again ("the restart") and the store
// must hold exactly the data of a clean run of that command — compared table by table with order-free digests
// of a clean reference run — and every alert email must have been delivered exactly once by Message-ID (a second
// copy is allowed only when the kill fell between the SMTP server's acceptance and the outbox marking it sent,
// and then it must carry the same Message-ID; such copies are counted). Kill points are observations — the
// child's offset in its input (/proc/PID/fdinfo), the store's files growing, the BigQuery endpoint receiving or
// answering a page, the SMTP server receiving or accepting a message — never timers.
import { copyFileSync, statSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../server/ingest/ingest.ts';
import { Db } from '../../server/store/db.ts';
import { decodeEvaluation } from '../../server/store/evaluation-columns.ts';
import { writeBigEvents } from '../fixtures/big-events.ts';
import { csv, fixture, goodSeed, SEED_COLUMNS, tempDir } from '../integration/helpers.ts';
import { ALERT_ENV, buildAlertStore } from '../../harness/alert-store.ts';
import { BigQueryUnderTest, bigQueryEnv, writePullEvents, type BqRequest } from './bigquery.ts';
import { TestSmtp, type Message } from '../support/smtp.ts';
import {
  ALERT_TABLES, DATA_TABLES, digestStore, fileOffset, HAS_PROC, killWhen, ORPHANS, runCli, startCli, storeBytes, walBytes,
  type Running, type StoreDigest,
} from './support.ts';

const tmp = tempDir('rebound-crash-');
afterAll(() => tmp.cleanup());

interface KillPoint { area: 'ingest' | 'pull' | 'evaluate'; point: string; killed: boolean; landed: string; duplicates?: number }
const points: KillPoint[] = [];

const RUNS = 'SELECT status, count(*) AS runs, sum(rows_stored) AS stored FROM ingest_runs GROUP BY status ORDER BY status';
const INGEST_EXTRA = { runs: RUNS, orphans: ORPHANS };
const fresh = (from: string, name: string) => {
  const to = tmp.path(name);
  copyFileSync(from, to);
  return to;
};
/** Which of the named states a digest equals (the store is all-or-nothing per committed unit). */
const which = (d: StoreDigest, states: Record<string, StoreDigest>) =>
  Object.entries(states).find(([, s]) => JSON.stringify(s.tables) === JSON.stringify(d.tables))?.[0] ?? 'none';

// ---- (a) ingest ----------------------------------------------------------------------------------------------

describe.skipIf(!HAS_PROC)('SIGKILL during `rebound ingest` of two files (60k events, then 30k seed tests)', () => {
  let big = '';
  let seeds = '';
  let pre = '';
  const states: Record<string, StoreDigest> = {};
  const args = (db: string) => ['ingest', big, seeds, '--db', db];

  beforeAll(async () => {
    big = tmp.path('big.ndjson');
    await writeBigEvents(big, 60_000);
    seeds = tmp.path('seeds.csv');
    writeFileSync(seeds, csv(SEED_COLUMNS, Array.from({ length: 30_000 }, (_, i) => goodSeed(i, { send_id: `seed-send-${i}` }))));
    pre = tmp.path('ingest-pre.duckdb');
    const db = await Db.open(pre);
    await ingestFile(db, fixture('events.ndjson'));
    await ingestFile(db, fixture('sends.csv'));
    db.close();
    states.before = await digestStore(pre, DATA_TABLES, INGEST_EXTRA);
    const half = fresh(pre, 'ingest-half.duckdb');
    expect((await runCli(['ingest', big, '--db', half])).code).toBe(0);
    states['first file only'] = await digestStore(half, DATA_TABLES, INGEST_EXTRA);
    const ref = fresh(pre, 'ingest-ref.duckdb');
    const clean = await runCli(args(ref));
    expect(clean.code, clean.stderr).toBe(0);
    states.complete = await digestStore(ref, DATA_TABLES, INGEST_EXTRA);
  }, 120_000);

  it('leaves the store all-or-nothing per file at each of 10 points, and the restart ends exactly as a clean run', async () => {
    const bigSize = statSync(big).size;
    const seedsSize = statSync(seeds).size;
    type Obs = { big: number | null; seeds: number | null; bytes: number; stdout: string; seen: Set<string>; base: number };
    const triggers: [string, (o: Obs) => boolean][] = [
      ['read 10% of the events file', (o) => (o.big ?? 0) >= bigSize * 0.1],
      ['read 40% of the events file', (o) => (o.big ?? 0) >= bigSize * 0.4],
      ['read 75% of the events file', (o) => (o.big ?? 0) >= bigSize * 0.75],
      ['read all of the events file (still open)', (o) => (o.big ?? 0) >= bigSize],
      ['events file closed (staging merged in one transaction)', (o) => o.seen.has('big') && o.big === null && !/stored/.test(o.stdout)],
      ['store files growing after the events file closed (writing the merge)', (o) => o.seen.has('big') && o.big === null && o.bytes > o.base && !/stored/.test(o.stdout)],
      ['first file committed and reported, second not yet read', (o) => /big\.ndjson: read/.test(o.stdout)],
      ['read half of the seed-test file', (o) => (o.seeds ?? 0) >= seedsSize * 0.5],
      ['seed-test file closed (merging)', (o) => o.seen.has('seeds') && o.seeds === null],
      ['both files committed and reported (closing the store)', (o) => (o.stdout.match(/read [\d,]+, stored/g) ?? []).length === 2],
    ];
    for (const [i, [name, fire]] of triggers.entries()) {
      const store = fresh(pre, `ingest-kill-${i}.duckdb`);
      const run = startCli(args(store));
      const seen = new Set<string>();
      const base = storeBytes(store);
      const exit = await killWhen(run, () => {
        const pid = run.child.pid ?? -1;
        const o: Obs = { big: fileOffset(pid, big), seeds: fileOffset(pid, seeds), bytes: storeBytes(store), stdout: run.stdout, seen, base };
        if (o.big !== null) seen.add('big');
        if (o.seeds !== null) seen.add('seeds');
        return fire(o);
      });
      if (!exit.killedByUs) expect(exit.code, `${name}: ${exit.stderr}`).toBe(0);
      const after = await digestStore(store, DATA_TABLES, INGEST_EXTRA);
      const landed = which(after, states);
      expect(landed, `${name}: the store after the kill is none of before / first file only / complete`).not.toBe('none');

      const restart = await runCli(args(store));
      expect(restart.code, `${name}: restart: ${restart.stderr}`).toBe(0);
      const final = await digestStore(store, DATA_TABLES, INGEST_EXTRA);
      expect(final.tables, name).toEqual(states.complete?.tables);
      // The run log counts every stored row once: a file committed before the kill comes back as all duplicates.
      const stored = (d: StoreDigest) => (d.extra.runs as { stored: number }[]).reduce((a, r) => a + Number(r.stored), 0);
      expect(stored(final), name).toBe(stored(states.complete as StoreDigest));
      expect(final.extra.orphans, `${name}: events pointing at no stored run`).toEqual([{ n: 0 }]);
      points.push({ area: 'ingest', point: name, killed: exit.killedByUs, landed });
    }
    const mid = points.filter((p) => p.area === 'ingest' && p.killed && p.landed !== 'complete');
    expect(mid.length, JSON.stringify(points)).toBeGreaterThanOrEqual(6);
  }, 180_000);
});

// ---- (b) BigQuery pull ---------------------------------------------------------------------------------------

describe.skipIf(!HAS_PROC)('SIGKILL during `rebound pull bigquery` (30,000 send × provider aggregates, 3 pages)', () => {
  let bq: BigQueryUnderTest;
  let env: Record<string, string> = {};
  let pre = '';
  const states: Record<string, StoreDigest> = {};
  const SOURCE = 'SELECT source, watermark, failures, last_error FROM source_state';
  const LAST_PAGE = 3;

  beforeAll(async () => {
    const events = tmp.path('pull-events.ndjson');
    expect(await writePullEvents(events, 6_000, Date.now())).toBe(30_000);
    bq = new BigQueryUnderTest(events);
    env = bigQueryEnv(await bq.start());
    pre = tmp.path('pull-pre.duckdb');
    const db = await Db.open(pre);
    await ingestFile(db, fixture('sends.csv'));
    db.close();
    states.before = await digestStore(pre, DATA_TABLES, { source: SOURCE });
    const ref = fresh(pre, 'pull-ref.duckdb');
    const clean = await runCli(['pull', 'bigquery', '--db', ref], env);
    expect(clean.code, clean.stderr).toBe(0);
    expect(bq.log.filter((r) => r.kind === 'page').length).toBe(LAST_PAGE - 1);
    states.complete = await digestStore(ref, DATA_TABLES, { source: SOURCE });
  }, 120_000);
  afterAll(async () => bq?.stop());

  it('stores all pages or none at each of 6 points, and the restart ends exactly as a clean pull (same watermark)', async () => {
    let run: Running | null = null;
    let lastAnswered = false;
    const on = (r: BqRequest, kind: BqRequest['kind'], page: number) => r.kind === kind && r.page === page;
    const triggers: [string, { request?: (r: BqRequest) => boolean; answered?: (r: BqRequest) => boolean; poll?: (store: string, base: number) => boolean }][] = [
      ['jobs.query received (the query is running)', { request: (r) => r.kind === 'query' }],
      ['first page answered', { answered: (r) => r.kind === 'query' }],
      ['page 2 requested (being fetched)', { request: (r) => on(r, 'page', 2) }],
      ['last page answered (rows in memory, nothing stored)', { answered: (r) => on(r, 'page', LAST_PAGE) }],
      ['store files growing after the last page (storing in one transaction)', { poll: (store, base) => lastAnswered && storeBytes(store) > base }],
      ['pull committed and reported (closing the store)', { poll: () => /^bigquery: /m.test(run?.stdout ?? '') }],
    ];
    for (const [i, [name, t]] of triggers.entries()) {
      const store = fresh(pre, `pull-kill-${i}.duckdb`);
      const base = storeBytes(store);
      lastAnswered = false;
      bq.hooks = {
        onRequest: (r) => {
          if (t.request?.(r)) run?.kill();
          return 'pass';
        },
        onAnswered: (r) => {
          if (on(r, 'page', LAST_PAGE)) lastAnswered = true;
          if (t.answered?.(r)) run?.kill();
        },
      };
      run = startCli(['pull', 'bigquery', '--db', store], env);
      const current = run;
      const exit = await killWhen(current, () => t.poll?.(store, base) ?? false);
      bq.hooks = {};
      if (!exit.killedByUs) expect(exit.code, `${name}: ${exit.stderr}`).toBe(0);
      const after = await digestStore(store, DATA_TABLES, { source: SOURCE });
      const landed = which(after, states);
      expect(landed, `${name}: a partial pull is in the store`).not.toBe('none');

      const restart = await runCli(['pull', 'bigquery', '--db', store], env);
      expect(restart.code, `${name}: restart: ${restart.stderr}`).toBe(0);
      const final = await digestStore(store, DATA_TABLES, { source: SOURCE });
      expect(final.tables, name).toEqual(states.complete?.tables);
      expect(final.extra.source, name).toEqual(states.complete?.extra.source);
      points.push({ area: 'pull', point: name, killed: exit.killedByUs, landed });
    }
    // The four network points always land before the store is touched. The storing point's window is the commit's
    // few milliseconds of writing (DuckDB writes a transaction's WAL at commit), so on a quiet machine its kill may
    // land after the commit: both outcomes are all-or-nothing, which the checks above hold at every point.
    const mid = points.filter((p) => p.area === 'pull' && p.killed && p.landed === 'before');
    expect(mid.length, JSON.stringify(points)).toBeGreaterThanOrEqual(4);
  }, 180_000);
});

// ---- (c) evaluation, alert transaction and the outbox ---------------------------------------------------------

describe.skipIf(!HAS_PROC)('SIGKILL during `rebound evaluate` with alerts and SMTP delivery (3 incidents, 9 emails)', () => {
  let pre = '';
  let reference: Message[] = [];
  let refDigest: StoreDigest;
  let walPeak = 0;
  // Stored column-wise in parts (server/store/evaluations.ts): each evaluation read back from its parts.
  const EVALUATIONS = 'SELECT incident_id, status, result_parts FROM evaluations ORDER BY incident_id';
  const EVALUATION_PARTS = 'SELECT incident_id, part, bytes FROM evaluation_parts ORDER BY incident_id, part';
  // The stored evaluation carries the time it was made; everything else in it must be the same.
  const normal = (d: StoreDigest) => {
    const parts = d.extra.parts as { incident_id: string; bytes: Uint8Array }[];
    return {
      tables: d.tables,
      evaluations: (d.extra.evaluations as { incident_id: string; status: string; result_parts: number }[]).map((e) => {
        const own = parts.filter((p) => p.incident_id === e.incident_id);
        expect(own.length, `${e.incident_id}: parts stored`).toBe(e.result_parts);
        const result = JSON.stringify(decodeEvaluation(Buffer.concat(own.map((p) => p.bytes))));
        return { incident_id: e.incident_id, status: e.status, result: result.replace(/"evaluated_at":"[^"]*"/g, '') };
      }),
    };
  };

  beforeAll(async () => {
    pre = tmp.path('eval-pre.duckdb');
    await buildAlertStore(pre);
    const smtp = new TestSmtp();
    await smtp.start();
    const ref = fresh(pre, 'eval-ref.duckdb');
    const walBase = walBytes(ref);
    const run = startCli(['evaluate', '--db', ref], { ...ALERT_ENV, SMTP_URL: smtp.url });
    // The reference run also measures how far the write-ahead log grows before delivery starts.
    const exit = await killWhen(run, () => {
      if (smtp.connections === 0) walPeak = Math.max(walPeak, walBytes(ref) - walBase);
      return false;
    });
    expect(exit.code, exit.stderr).toBe(0);
    await smtp.stop();
    reference = [...smtp.accepted];
    expect(reference).toHaveLength(9);
    expect(new Set(reference.map((m) => m.messageId)).size).toBe(9);
    refDigest = await digestStore(ref, { ...DATA_TABLES, ...ALERT_TABLES }, { evaluations: EVALUATIONS, parts: EVALUATION_PARTS });
    expect(walPeak).toBeGreaterThan(0);
  }, 120_000);

  it('loses and doubles nothing at each of 10 points: same alert state, outbox and evaluations as a clean run, each email delivered once by Message-ID', async () => {
    let run: Running | null = null;
    type T = { poll?: (store: string, base: number) => boolean; connect?: number; data?: number; accepted?: number };
    const triggers: [string, T][] = [
      ['store first written (an evaluation being saved)', { poll: (s, b) => walBytes(s) > b }],
      ['write-ahead log at half its size before delivery (alert transactions)', { poll: (s, b) => walBytes(s) - b >= walPeak * 0.5 }],
      ['write-ahead log at 90% of its size before delivery', { poll: (s, b) => walBytes(s) - b >= walPeak * 0.9 }],
      ['SMTP connection opened (outbox committed, delivery starting)', { connect: 1 }],
      ['DATA of the first email received, answer held (slow server)', { data: 1 }],
      ['first email accepted by the server, not yet marked sent', { accepted: 1 }],
      ['DATA of the fifth email received, answer held', { data: 5 }],
      ['fourth email accepted, not yet marked sent', { accepted: 4 }],
      ['last email accepted, not yet marked sent', { accepted: 9 }],
      ['run reported (every email marked sent; closing the store)', { poll: () => /delivered 9/.test(run?.stdout ?? '') }],
    ];
    for (const [i, [name, t]] of triggers.entries()) {
      const store = fresh(pre, `eval-kill-${i}.duckdb`);
      const base = walBytes(store);
      const smtp = new TestSmtp();
      let ambiguous: string | null = null;
      smtp.hooks = {
        onConnect: (n) => {
          if (n === t.connect) run?.kill();
          return 'greet';
        },
        onData: (_m, n) => {
          if (n !== t.data) return 'accept';
          run?.kill();
          return 'hang';
        },
        onAccepted: (m, n) => {
          if (n === t.accepted && run?.kill()) ambiguous = m.messageId;
        },
      };
      await smtp.start();
      try {
        run = startCli(['evaluate', '--db', store], { ...ALERT_ENV, SMTP_URL: smtp.url });
        const exit = await killWhen(run, () => t.poll?.(store, base) ?? false);
        if (!exit.killedByUs) expect(exit.code, `${name}: ${exit.stderr}`).toBe(0);
        const killedAfter = smtp.accepted.length;
        await digestStore(store, {}); // the killed store opens
        smtp.hooks = {};

        const restart = await runCli(['evaluate', '--db', store], { ...ALERT_ENV, SMTP_URL: smtp.url });
        expect(restart.code, `${name}: restart: ${restart.stderr}`).toBe(0);
        const final = await digestStore(store, { ...DATA_TABLES, ...ALERT_TABLES }, { evaluations: EVALUATIONS, parts: EVALUATION_PARTS });
        expect(normal(final), name).toEqual(normal(refDigest));

        // Every reference email delivered, each exactly once — or twice with the same Message-ID when the kill
        // fell between the server's acceptance and the outbox marking it sent.
        const byId = new Map<string, Message[]>();
        for (const m of smtp.accepted) byId.set(m.messageId, [...(byId.get(m.messageId) ?? []), m]);
        expect([...byId.keys()].sort(), name).toEqual(reference.map((m) => m.messageId).sort());
        let duplicates = 0;
        for (const ref of reference) {
          const got = byId.get(ref.messageId) ?? [];
          for (const g of got) expect({ to: g.to, subject: g.subject }, name).toEqual({ to: ref.to, subject: ref.subject });
          if (got.length > 1) {
            expect(ref.messageId, `${name}: only the email accepted at the kill may come twice`).toBe(ambiguous);
            expect(got.length).toBe(2);
            duplicates++;
          }
        }
        points.push({ area: 'evaluate', point: name, killed: exit.killedByUs, landed: `${killedAfter} of 9 accepted before the kill`, duplicates });
      } finally {
        await smtp.stop();
      }
    }
    const mid = points.filter((p) => p.area === 'evaluate' && p.killed && !p.point.startsWith('run reported'));
    expect(mid.length, JSON.stringify(points)).toBeGreaterThanOrEqual(7);
  }, 180_000);
});

describe.skipIf(!HAS_PROC)('kill points', () => {
  it('at least 20 kills landed in running commands, and each was followed by an exact recovery', () => {
    console.table(points);
    const dupes = points.reduce((a, p) => a + (p.duplicates ?? 0), 0);
    console.log(`kill points: ${points.length}; killed mid-run: ${points.filter((p) => p.killed).length}; ambiguous re-deliveries with the same Message-ID: ${dupes}`);
    expect(points.filter((p) => p.killed).length).toBeGreaterThanOrEqual(20);
  });
});
