// The disk under the store fills up while the API stores something: the answer is 507 with "the disk holding the
// store is full" (not a bare 500), the store keeps what it held, and once space is freed the same request stores.
// A real small tmpfs, as test/reliability/faults.test.ts uses for the CLI; mounting needs root and a sandbox that
// allows it, and the test says so when it cannot run.
import { readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { Db } from '../../server/store/db.ts';
import { writeBigEvents } from '../fixtures/big-events.ts';
import { tempDir } from '../integration/helpers.ts';
import { digestAllTables } from '../support/store-digest.ts';
import { smallTmpfs } from './support.ts';

const tmp = tempDir('rebound-diskfull-');
const mnt = tmp.path('mnt');
const { mounted, blocker: mountBlocker, unmount } = smallTmpfs(mnt);

let big = '';
beforeAll(async () => {
  big = tmp.path('big.ndjson');
  await writeBigEvents(big, 60_000);
}, 60_000);
afterAll(() => {
  unmount();
  tmp.cleanup();
});

describe('the disk under the store fills up during an API ingest', () => {
  it.skipIf(!mounted)(`507 "the disk holding the store is full", the store unchanged, and a retry after freeing space stores${mountBlocker ? ` — SKIPPED: mounting a tmpfs is not permitted here (${mountBlocker})` : ''}`, async () => {
    const db = await Db.open(`${mnt}/store.duckdb`);
    try {
      const app = createApp({ db, config: loadConfig({ REBOUND_DEMO: '0' }), now: () => new Date('2026-03-10T12:00:00Z'), localToken: null });
      const body = readFileSync(big);
      const before = await digestAllTables(db);
      // Leave 1 MB: enough to answer reads, not enough to merge 60,000 events.
      const fs = statfsSync(mnt);
      const filler = `${mnt}/filler`;
      writeFileSync(filler, Buffer.alloc(Math.max(0, fs.bavail * fs.bsize - 1_000_000)));
      const post = () => app.request('/api/ingest?format=ndjson&name=big.ndjson', { method: 'POST', body, headers: { 'content-type': 'application/x-ndjson' } });
      const full = await post();
      const answer = (await full.json()) as { error: { code: string; message: string } };
      expect(full.status, JSON.stringify(answer)).toBe(507);
      expect(answer.error).toMatchObject({ code: 'disk_full', message: expect.stringMatching(/^the disk holding the store is full/) });
      // Nothing stored but the run log's entry of the failed run.
      const after = await digestAllTables(db);
      expect(Object.keys(after).filter((t) => after[t] !== before[t])).toEqual(['ingest_runs']);
      rmSync(filler);
      const retry = await post();
      expect(retry.status, await retry.clone().text()).toBe(200);
      expect(((await retry.json()) as { stored: number }).stored).toBeGreaterThan(50_000);
    } finally {
      db.close();
    }
  }, 120_000);
});
