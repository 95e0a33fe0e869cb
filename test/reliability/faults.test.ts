// Fault injection (docs/integrity.md): the BigQuery endpoint answering 500/429 or not at all in the middle of a pull, the
// SMTP server refusing (5xx, 4xx) or hanging, the disk under the DuckDB file filling up, and corrupt input files.
// Each must end in a clear error, a recorded failed run (GET /api/sources, the outbox, GET /api/ingest/runs), and
// a correct resume: once the fault is gone, the next run leaves exactly what a clean run leaves.
import { randomBytes } from 'node:crypto';
import { copyFileSync, readFileSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { Services } from '../../server/context.ts';
import { ingestFile } from '../../server/ingest/ingest.ts';
import { deliverDue } from '../../server/notify/outbox.ts';
import { pullWarehouse } from '../../server/sources/warehouse/pull.ts';
import { evaluateDue } from '../../server/services/recovery.ts';
import { Db } from '../../server/store/db.ts';
import { BigQueryWarehouse } from '../../server/sources/warehouse/bigquery/client.ts';
import { columnMapping, type ColumnMapping } from '../../server/sources/warehouse/columns.ts';
import { writeBigEvents } from '../fixtures/big-events.ts';
import { fixture, tempDir } from '../integration/helpers.ts';
import { ALERT_ENV, buildAlertStore } from '../../harness/alert-store.ts';
import { BigQueryUnderTest, bigQueryEnv, TABLE, writePullEvents } from './bigquery.ts';
import { TestSmtp } from '../support/smtp.ts';
import { DATA_TABLES, digestStore, runCli, smallTmpfs, type StoreDigest } from './support.ts';

const tmp = tempDir('rebound-faults-');
afterAll(() => tmp.cleanup());
const copy = (from: string, name: string) => {
  copyFileSync(from, tmp.path(name));
  return tmp.path(name);
};
const TABLES = DATA_TABLES;
const RUNS = 'SELECT id, source, status, rows_read, rows_stored, rows_rejected, error FROM ingest_runs ORDER BY id';

async function withServices<T>(path: string, env: Record<string, string>, fn: (s: Services) => Promise<T>, now: () => Date = () => new Date()): Promise<T> {
  const db = await Db.open(path);
  try {
    return await fn({ db, config: loadConfig({ REBOUND_DEMO: '0', ...env }), now, localToken: null });
  } finally {
    db.close();
  }
}

async function getJson<T>(s: Services, path: string): Promise<T> {
  const res = await createApp(s).request(path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

// ---- BigQuery --------------------------------------------------------------------------------------------------

describe('BigQuery endpoint faults mid-pull', () => {
  let bq: BigQueryUnderTest;
  let endpoint = '';
  let pre = '';
  let reference: StoreDigest;
  const WINDOW = { latenessHours: 24, backfillDays: 60, sendSpanDays: 30 };
  const FAST = { retries: 3, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => {} };
  const COLS = columnMapping('recipient_domain=recipient_domain') as ColumnMapping;
  const SOURCE = 'SELECT watermark FROM source_state';
  // Pages of 5,000: 25,000 aggregates are five pages in-process (the CLI's default pages of 10,000 make three).
  const warehouse = (requestTimeoutMs?: number) => new BigQueryWarehouse({
    projectId: 'acme-mail', table: TABLE, columns: COLS, location: null, apiEndpoint: endpoint, pageRows: 5_000, retry: FAST,
    ...(requestTimeoutMs ? { requestTimeoutMs } : {}),
  });
  interface Source { source: string; runs: number; failures: number; last_error: string | null; watermark: string | null; configured: boolean }
  const bigquerySource = async (s: Services) => (await getJson<{ sources: Source[] }>(s, '/api/sources')).sources.find((x) => x.source === 'bigquery');

  beforeAll(async () => {
    const events = tmp.path('pull-events.ndjson');
    await writePullEvents(events, 5_000, Date.now());
    bq = new BigQueryUnderTest(events);
    endpoint = await bq.start();
    pre = tmp.path('bq-pre.duckdb');
    const db = await Db.open(pre);
    await ingestFile(db, fixture('sends.csv'));
    db.close();
    const ref = copy(pre, 'bq-ref.duckdb');
    await withServices(ref, bigQueryEnv(endpoint), (s) => pullWarehouse(s, 'bigquery', warehouse(), WINDOW));
    reference = await digestStore(ref, TABLES, { source: SOURCE });
  }, 60_000);
  afterAll(async () => bq?.stop());

  /** A pull that fails for good: the failure recorded and shown by the API, nothing stored, then a clean resume. */
  async function failsThenResumes(name: string, fault: NonNullable<typeof bq.hooks.onRequest>, error: RegExp, requestTimeoutMs?: number) {
    const store = copy(pre, `bq-${name}.duckdb`);
    const before = await digestStore(store, TABLES, { source: SOURCE });
    await withServices(store, bigQueryEnv(endpoint), async (s) => {
      bq.hooks = { onRequest: fault };
      await expect(pullWarehouse(s, 'bigquery', warehouse(requestTimeoutMs), WINDOW)).rejects.toThrow(error);
      bq.hooks = {};
      bq.dropConnections();
      expect(await bigquerySource(s)).toMatchObject({ configured: true, runs: 1, failures: 1, watermark: null, last_error: expect.stringMatching(error) });
    });
    const failed = await digestStore(store, TABLES, { source: SOURCE });
    expect(failed.tables, `${name}: the failed pull stored something`).toEqual(before.tables);
    expect(failed.extra.source, `${name}: the watermark moved`).toEqual([{ watermark: null }]);
    await withServices(store, bigQueryEnv(endpoint), async (s) => {
      await pullWarehouse(s, 'bigquery', warehouse(), WINDOW);
      expect(await bigquerySource(s)).toMatchObject({ runs: 2, failures: 1, last_error: null });
    });
    expect(await digestStore(store, TABLES, { source: SOURCE }), `${name}: the resumed pull`).toEqual(reference);
  }

  it('500 on page 3 beyond the retries: a failed run with the error in GET /api/sources, nothing stored, then a correct resume', async () => {
    let hits = 0;
    await failsThenResumes('500', (r) => (r.kind === 'page' && r.page === 3 ? (hits++, { status: 500 }) : 'pass'), /injected 500/);
    expect(hits).toBe(1 + FAST.retries);
  });

  it('429 (rate limit) on page 4 beyond the retries: the same', async () => {
    await failsThenResumes('429', (r) => (r.kind === 'page' && r.page === 4 ? { status: 429 } : 'pass'), /injected 429/);
  });

  it('no answer to page 2: each request times out, is retried, and the run fails with a clear error; then a correct resume', async () => {
    let hung = 0;
    await failsThenResumes('hang', (r) => (r.kind === 'page' && r.page === 2 ? (hung++, 'hang') : 'pass'), /did not answer jobs\.getQueryResults within 2 s/, 2_000);
    expect(hung).toBe(1 + FAST.retries);
  });

  it('a timeout, a 429 and 500s that clear within the retries: the pull succeeds with exactly the clean data', async () => {
    const store = copy(pre, 'bq-transient.duckdb');
    const faults = new Map<string, number>([['query:1', 1], ['page:2', 1], ['page:4', 2]]);
    const answers: Record<string, 'hang' | { status: 429 | 500 }> = { 'query:1': { status: 429 }, 'page:2': 'hang', 'page:4': { status: 500 } };
    bq.hooks = {
      onRequest: (r) => {
        const key = `${r.kind}:${r.page}`;
        const left = faults.get(key) ?? 0;
        if (left === 0) return 'pass';
        faults.set(key, left - 1);
        return answers[key] ?? 'pass';
      },
    };
    await withServices(store, bigQueryEnv(endpoint), (s) => pullWarehouse(s, 'bigquery', warehouse(2_000), WINDOW));
    bq.hooks = {};
    bq.dropConnections();
    expect([...faults.values()]).toEqual([0, 0, 0]);
    expect(await digestStore(store, TABLES, { source: SOURCE })).toEqual(reference);
  });

  it('`rebound pull bigquery` rides out a 429 and 500s with its real backoff, exit 0, exactly the clean data', async () => {
    const store = copy(pre, 'bq-cli.duckdb');
    let faults = 3;
    bq.hooks = { onRequest: (r) => ((r.kind === 'query' || r.page === 2) && faults-- > 0 ? { status: r.kind === 'query' ? 429 : 500 } : 'pass') };
    const start = bq.log.length;
    const r = await runCli(['pull', 'bigquery', '--db', store], bigQueryEnv(endpoint));
    bq.hooks = {};
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^bigquery: 25000 send aggregate\(s\)/);
    expect(bq.log.slice(start).filter((x) => x.status !== 200).length).toBe(3);
    expect(await digestStore(store, TABLES, { source: SOURCE })).toEqual(reference);
  }, 60_000);
});

// ---- SMTP --------------------------------------------------------------------------------------------------------

describe('SMTP refusing or hanging', () => {
  let pre = '';
  beforeAll(async () => {
    pre = tmp.path('smtp-pre.duckdb');
    await buildAlertStore(pre);
  }, 60_000);

  interface Row { id: string; message_id: string; recipients: string[]; status: string; attempts: number; next_attempt_at: string | null; last_error: string | null }
  const outbox = (s: Services) => s.db.all<Row>('SELECT id, message_id, recipients, status, attempts, next_attempt_at, last_error FROM outbox ORDER BY id');

  it('5xx is permanent (failed, never retried); 4xx is retried after the backoff and delivered once', async () => {
    const smtp = new TestSmtp();
    await smtp.start();
    let clock = new Date();
    smtp.hooks = {
      onData: (m) => {
        if (m.to.includes('team@example.com')) return { code: 550, message: '5.7.1 Recipient rejected by policy' };
        if (m.to.includes('lead@example.com')) return { code: 451, message: '4.3.0 Try again later' };
        return 'accept';
      },
    };
    try {
      await withServices(copy(pre, 'smtp-refuse.duckdb'), { ...ALERT_ENV, SMTP_URL: smtp.url }, async (s) => {
        const run = await evaluateDue(s);
        expect(run.alerts.emails).toBe(9);
        expect(run.delivery).toEqual({ sent: 3, retrying: 3, failed: 3 });
        const rows = await outbox(s);
        const team = rows.filter((r) => r.recipients.includes('team@example.com'));
        const lead = rows.filter((r) => r.recipients.includes('lead@example.com'));
        for (const r of team) expect(r).toMatchObject({ status: 'failed', attempts: 1, next_attempt_at: null, last_error: expect.stringMatching(/550 5\.7\.1 Recipient rejected/) });
        for (const r of lead) {
          expect(r).toMatchObject({ status: 'pending', attempts: 1, last_error: expect.stringMatching(/451 4\.3\.0 Try again later/) });
          expect(Date.parse(r.next_attempt_at ?? '') - clock.getTime()).toBe(30_000);
        }
        // The API shows the refusals against their notifications.
        const alerts = await getJson<{ notifications: { outbox_id: string | null; delivery: string }[] }>(s, '/api/alerts?limit=50');
        const delivery = new Map(alerts.notifications.map((n) => [n.outbox_id, n.delivery]));
        for (const r of team) expect(delivery.get(r.id)).toBe('failed');
        for (const r of lead) expect(delivery.get(r.id)).toBe('pending');

        // Before the backoff is over nothing is tried; after it the 4xx ones go out, the 5xx ones never again.
        const tried = smtp.received.length;
        expect(await deliverDue(s)).toEqual({ sent: 0, retrying: 0, failed: 0 });
        expect(smtp.received.length).toBe(tried);
        smtp.hooks = {};
        clock = new Date(clock.getTime() + 31_000);
        expect(await deliverDue(s)).toEqual({ sent: 3, retrying: 0, failed: 0 });
        clock = new Date(clock.getTime() + 3_600_000);
        expect(await deliverDue(s)).toEqual({ sent: 0, retrying: 0, failed: 0 });
        const ids = smtp.accepted.map((m) => m.messageId);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.sort()).toEqual(rows.filter((r) => !r.recipients.includes('team@example.com')).map((r) => r.message_id).sort());
      }, () => clock);
    } finally {
      await smtp.stop();
    }
  });

  it('a server that never greets, or never answers DATA: the mailer times out, the run moves on, every email stays queued and goes out once later', async () => {
    // Both hangs at once (they only wait): the greeting timeout is 10 s, the socket timeout 30 s.
    const scenario = async (name: string, hang: TestSmtp['hooks'], error: RegExp) => {
      const smtp = new TestSmtp();
      await smtp.start();
      let clock = new Date();
      smtp.hooks = hang;
      try {
        return await withServices(copy(pre, `smtp-${name}.duckdb`), { ...ALERT_ENV, SMTP_URL: smtp.url }, async (s) => {
          const t0 = Date.now();
          const run = await evaluateDue(s);
          const waited = Date.now() - t0;
          expect(run.alerts.emails).toBe(9);
          // One attempt timed out; the rest of the batch was left for the next run rather than waiting on it too.
          expect(run.delivery).toEqual({ sent: 0, retrying: 1, failed: 0 });
          const rows = await outbox(s);
          expect(rows.every((r) => r.status === 'pending')).toBe(true);
          const tried = rows.filter((r) => r.attempts > 0);
          expect(tried).toHaveLength(1);
          expect(tried[0]?.last_error).toMatch(error);
          expect(smtp.accepted).toHaveLength(0);
          smtp.hooks = {};
          clock = new Date(clock.getTime() + 31_000);
          expect(await deliverDue(s)).toEqual({ sent: 9, retrying: 0, failed: 0 });
          const ids = smtp.accepted.map((m) => m.messageId);
          expect(ids.sort()).toEqual(rows.map((r) => r.message_id).sort());
          return waited;
        }, () => clock);
      } finally {
        await smtp.stop();
      }
    };
    const [greeting, data] = await Promise.all([
      scenario('no-greeting', { onConnect: () => 'hang' }, /Greeting never received/),
      scenario('no-data-answer', { onData: () => 'hang' }, /Timeout/i),
    ]);
    expect(greeting).toBeGreaterThanOrEqual(9_000);
    expect(data).toBeGreaterThanOrEqual(29_000);
  }, 90_000);
});

// ---- disk full -------------------------------------------------------------------------------------------------

describe('the disk under the store fills up during an ingest', () => {
  let big = '';
  let pre = '';
  let reference: StoreDigest;
  const mnt = tmp.path('mnt');
  // A small tmpfs needs root and a sandbox that allows mounts; say which it is.
  const { mounted, blocker: mountBlocker, unmount } = smallTmpfs(mnt);

  beforeAll(async () => {
    big = tmp.path('disk-big.ndjson');
    await writeBigEvents(big, 60_000);
    pre = tmp.path('disk-pre.duckdb');
    const db = await Db.open(pre);
    await ingestFile(db, fixture('sends.csv'));
    db.close();
    const ref = copy(pre, 'disk-ref.duckdb');
    expect((await runCli(['ingest', big, '--db', ref])).code).toBe(0);
    reference = await digestStore(ref, TABLES);
  }, 60_000);
  afterAll(() => {
    unmount();
  });

  it.skipIf(!mounted)(`on a 32 MB tmpfs filled to 1 MB free: a clear "No space left on device", the store intact, a failed run recorded, and after space is freed a correct resume${mountBlocker ? ` — SKIPPED: mounting a tmpfs is not permitted here (${mountBlocker}); the ulimit -f test below covers the same path` : ''}`, async () => {
    const store = `${mnt}/store.duckdb`;
    copyFileSync(pre, store);
    const before = await digestStore(store, TABLES, { runs: RUNS });
    // Leave 1 MB: enough to open the store and read, not enough to merge 60,000 events.
    const fs = statfsSync(mnt);
    const filler = `${mnt}/filler`;
    writeFileSync(filler, Buffer.alloc(Math.max(0, fs.bavail * fs.bsize - 1_000_000)));
    const full = await runCli(['ingest', big, '--db', store]);
    expect(full.code).toBe(1);
    expect(full.stderr).toMatch(/Could not write file .*store\.duckdb.*: No space left on device/);
    expect(full.stderr).not.toMatch(/rollback/i);
    // The store opens and holds what it held, plus the failed run (the rolled-back merge gave its space back).
    const after = await digestStore(store, TABLES, { runs: RUNS });
    expect(after.tables).toEqual(before.tables);
    const runs = after.extra.runs as { status: string; rows_stored: number; error: string | null }[];
    expect(runs.slice(0, -1)).toEqual(before.extra.runs);
    expect(runs.at(-1)).toMatchObject({ status: 'failed', rows_stored: 0, error: expect.stringMatching(/No space left on device/) });
    rmSync(filler);
    const resumed = await runCli(['ingest', big, '--db', store]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect((await digestStore(store, TABLES)).tables).toEqual(reference.tables);
  }, 60_000);

  it('with the file size limited (ulimit -f): a clear "File too large", a failed run recorded, the store intact, then a correct resume', async () => {
    const store = copy(pre, 'disk-ulimit.duckdb');
    const before = await digestStore(store, TABLES);
    const limitKb = Math.ceil((statSync(store).size + 1_000_000) / 1024);
    // SIGXFSZ ignored, so a write past the limit fails with EFBIG instead of killing the process.
    const full = await runCli(['ingest', big, '--db', store], {}, { shellPrefix: `trap '' XFSZ; ulimit -f ${limitKb}` });
    expect(full.code).toBe(1);
    expect(full.stderr).toMatch(/Could not write file .*: File too large/);
    expect(full.stderr).not.toMatch(/rollback/i);
    expect((await digestStore(store, TABLES)).tables).toEqual(before.tables);
    await withServices(store, {}, async (s) => {
      const { runs } = await getJson<{ runs: { status: string; rows_read: number; rows_stored: number; error: string | null }[] }>(s, '/api/ingest/runs');
      expect(runs[0]).toMatchObject({ status: 'failed', rows_stored: 0, error: expect.stringMatching(/File too large/) });
      expect(runs[0]?.rows_read).toBeGreaterThanOrEqual(60_000);
    });
    const resumed = await runCli(['ingest', big, '--db', store]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect((await digestStore(store, TABLES)).tables).toEqual(reference.tables);
  }, 60_000);
});

// ---- corrupt input ----------------------------------------------------------------------------------------------

describe('corrupt input files', () => {
  let good = '';
  let pre = '';
  let reference: StoreDigest;

  beforeAll(async () => {
    good = tmp.path('good.ndjson');
    await writeBigEvents(good, 12_000);
    pre = tmp.path('corrupt-pre.duckdb');
    const db = await Db.open(pre);
    await ingestFile(db, fixture('sends.csv'));
    db.close();
    const ref = copy(pre, 'corrupt-ref.duckdb');
    expect((await runCli(['ingest', good, '--db', ref])).code).toBe(0);
    reference = await digestStore(ref, TABLES);
  }, 60_000);

  it('a truncated gzip, garbage mid-file, a file cut mid-record: each refused with a clear reason, recorded, nothing stored; then a correct resume', async () => {
    const bytes = readFileSync(good);
    expect(bytes.length).toBeGreaterThan(1_500_000); // the garbage lies beyond the first chunk the format is sniffed from
    const mid = bytes.indexOf(10, Math.floor(bytes.length * 0.6)) + 1;
    const cases: [string, Buffer, RegExp][] = [
      ['events.ndjson.gz', gzipSync(bytes).subarray(0, 50_000), /binary file, not CSV or NDJSON/],
      ['garbage-mid.ndjson', Buffer.concat([bytes.subarray(0, mid), randomBytes(4096), Buffer.from('\n'), bytes.subarray(mid)]), /garbage-mid\.ndjson:\d+: not valid JSON/],
      ['cut.ndjson', bytes.subarray(0, mid + 40), /cut\.ndjson:\d+: not valid JSON \(the file looks truncated\)/],
    ];
    const store = copy(pre, 'corrupt.duckdb');
    const before = await digestStore(store, TABLES);
    for (const [name, content, reason] of cases) {
      const file = tmp.path(name);
      writeFileSync(file, content);
      const r = await runCli(['ingest', file, '--db', store]);
      expect(r.code, name).toBe(1);
      expect(r.stderr, name).toMatch(reason);
      expect((await digestStore(store, TABLES)).tables, `${name} stored something`).toEqual(before.tables);
    }
    await withServices(store, {}, async (s) => {
      const { runs } = await getJson<{ runs: { source: string; status: string; rows_stored: number; rows_rejected: number; error: string | null }[] }>(s, '/api/ingest/runs');
      const latest = runs.slice(0, 3).reverse();
      expect(latest.map((r) => [r.source.split('/').pop(), r.status, r.rows_stored])).toEqual(cases.map(([name]) => [name, 'rejected', 0]));
      expect(latest[0]?.error).toMatch(/binary file/);
      expect(latest[1]?.rows_rejected).toBeGreaterThan(0);
      expect(latest[2]?.error).toMatch(/rejected; nothing stored/);
    });
    const resumed = await runCli(['ingest', good, '--db', store]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect((await digestStore(store, TABLES)).tables).toEqual(reference.tables);
  }, 60_000);
});
