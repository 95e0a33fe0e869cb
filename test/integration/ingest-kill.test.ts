// A process killed (SIGKILL) in the middle of an ingest leaves the store exactly as it was before (docs/integrity.md).
// The real binary ingests ~300k generated events and is killed at several points of its run, each time on a
// fresh copy of the same store. The points are observed, not guessed from a clock (the machine may be busy):
// how far the child has read the input file (its file offset in /proc), the input closed (all read: merging),
// and the store's files growing (writing the merge / committing). Afterwards an ingest completes normally.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, realpathSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../server/ingest/ingest.ts';
import { Db } from '../../server/store/db.ts';
import { writeBigEvents, type BigEvents } from '../fixtures/big-events.ts';
import { BIN, counts, fixture, ROOT, runCli, sendRows, tempDir, type Counts, type SendRowOut } from './helpers.ts';
import { fileOffset, storeBytes } from '../reliability/support.ts';

const EVENTS = 300_000;
const HAS_PROC = existsSync(`/proc/${process.pid}/fdinfo`);
const tmp = tempDir('rebound-kill-');
let big: BigEvents;
let bigPath: string;
let bigReal: string;
let bigSize: number;
let prePath: string;

interface Snapshot { counts: Counts; runs: number; sends: SendRowOut[]; eventKeys: string }

async function snapshot(path: string): Promise<Snapshot> {
  const db = await Db.open(path);
  try {
    const runs = (await db.one<{ n: number }>('SELECT count(*) AS n FROM ingest_runs'))?.n ?? -1;
    // A digest of every stored event key, so "the same events" means the same, not merely as many.
    // (An order-free sum of hashes: DuckDB's ordered string_agg over 300k keys takes most of a minute.)
    const keys = (await db.one<{ h: string }>('SELECT CAST(coalesce(sum(hash(event_key)), 0) AS VARCHAR) AS h FROM events'))?.h ?? '';
    return { counts: await counts(db), runs, sends: await sendRows(db), eventKeys: keys };
  } finally {
    db.close();
  }
}

let pre: Snapshot;

beforeAll(async () => {
  bigPath = tmp.path('big.ndjson');
  big = await writeBigEvents(bigPath, EVENTS);
  bigSize = statSync(bigPath).size;
  bigReal = realpathSync(bigPath);
  expect(big.lines).toBeGreaterThanOrEqual(EVENTS);
  // The "before": a store that already holds events and summaries.
  prePath = tmp.path('pre.duckdb');
  const db = await Db.open(prePath);
  await ingestFile(db, fixture('events.ndjson'));
  await ingestFile(db, fixture('sends.csv'));
  db.close();
  pre = await snapshot(prePath);
  expect(pre.counts).toEqual({ events: 17, sends: 9, seed_tests: 0, incidents: 0 });
}, 120_000);
afterAll(() => tmp.cleanup());

/** Where the child stands: its offset in the input file (null when it has no such file open), and the store's bytes. */
function observe(pid: number, store: string): { offset: number | null; storeBytes: number } {
  return { offset: pid > 0 ? fileOffset(pid, bigReal) : null, storeBytes: storeBytes(store) };
}

type Trigger = { name: string; fire: (o: { offset: number | null; storeBytes: number }, s: { seenInput: boolean; baseBytes: number }) => boolean };

const TRIGGERS: Trigger[] = [
  { name: 'read 5% of the input', fire: (o) => (o.offset ?? 0) >= bigSize * 0.05 },
  { name: 'read 50% of the input', fire: (o) => (o.offset ?? 0) >= bigSize * 0.5 },
  { name: 'read 95% of the input', fire: (o) => (o.offset ?? 0) >= bigSize * 0.95 },
  { name: 'input closed (merging)', fire: (o, s) => s.seenInput && o.offset === null },
  { name: 'store files growing (writing the merge)', fire: (o, s) => s.seenInput && o.storeBytes > s.baseBytes },
];

interface KillOutcome { trigger: string; killed: boolean; printedDone: boolean; stillReading: boolean; found?: 'before' | 'after' }

/** Starts the real binary on a store and SIGKILLs it the moment `trigger` fires (if it is still running). */
function ingestAndKill(store: string, trigger: Trigger): Promise<KillOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'ingest', bigPath, '--db', store], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const state = { seenInput: false, baseBytes: observe(-1, store).storeBytes };
    let stillReading = false;
    const poll = setInterval(() => {
      if (child.pid === undefined || child.exitCode !== null) return;
      const o = observe(child.pid, store);
      if (o.offset !== null) state.seenInput = true;
      if (trigger.fire(o, state)) {
        stillReading = o.offset !== null && o.offset < bigSize;
        clearInterval(poll);
        child.kill('SIGKILL');
      }
    }, 2);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(poll);
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`ingest exited ${code}: ${stderr}`));
      else resolve({ trigger: trigger.name, killed: signal === 'SIGKILL', printedDone: /stored/.test(stdout), stillReading });
    });
  });
}

describe.skipIf(!HAS_PROC)('SIGKILL during an ingest', () => {
  it('leaves the store as it was before, at every point of the run; then the ingest completes with exact counts', async () => {
    const expectFull = (s: Snapshot) => {
      expect(s.counts).toEqual({ events: 17 + big.distinct, sends: 9 + big.sends.length, seed_tests: 0, incidents: 0 });
      expect(s.sends.filter((r) => r.send_id.startsWith('big-'))).toEqual(big.sends);
      expect(s.sends.filter((r) => !r.send_id.startsWith('big-'))).toEqual(pre.sends);
    };

    const outcomes: KillOutcome[] = [];
    let lastKilled: string | null = null;
    for (const [i, trigger] of TRIGGERS.entries()) {
      const path = tmp.path(`kill-${i}.duckdb`);
      copyFileSync(prePath, path);
      const r = await ingestAndKill(path, trigger);
      outcomes.push(r);
      const after = await snapshot(path); // opening it at all shows the store is not corrupt
      r.found = after.counts.events === pre.counts.events ? 'before' : 'after';
      if (r.killed && !r.printedDone) {
        // Killed before it said it was done: the store holds all of the file or none of it — never a part.
        if (r.stillReading || after.counts.events === pre.counts.events) expect(after, trigger.name).toEqual(pre);
        else {
          expectFull(after);
          expect(after.runs).toBe(pre.runs + 1);
        }
        if (after.counts.events === pre.counts.events) lastKilled = path;
      } else {
        // It finished (or had committed and printed its counts) before the kill: the whole file, exactly.
        expectFull(after);
      }
    }
    // The kills must have landed in running ingests (at least those while reading), or this proves nothing.
    const inTheMiddle = outcomes.filter((o) => o.killed && !o.printedDone);
    expect(inTheMiddle.length, JSON.stringify(outcomes)).toBeGreaterThanOrEqual(3);

    // A killed store takes the same ingest normally afterwards, with exact counts.
    expect(lastKilled).not.toBeNull();
    const path = lastKilled ?? '';
    const done = await runCli(['ingest', bigPath, '--db', path], { timeoutMs: 120_000 });
    expect(done.code, done.stderr).toBe(0);
    const dup = big.lines - big.distinct;
    const fmt = (x: number) => x.toLocaleString('en-US');
    expect(done.stdout).toContain(`read ${fmt(big.lines)}, stored ${fmt(big.distinct)}, duplicate ${fmt(dup)}, rejected 0 (events, ndjson)`);
    const full = await snapshot(path);
    expectFull(full);
    expect(full.runs).toBe(pre.runs + 1);

    // And once more: all duplicates, nothing changes.
    const again = await runCli(['ingest', bigPath, '--db', path], { timeoutMs: 120_000 });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`read ${fmt(big.lines)}, stored 0, duplicate ${fmt(big.lines)}, rejected 0`);
    const last = await snapshot(path);
    expect({ ...last, runs: last.runs - 1 }).toEqual(full);
  }, 300_000);
});
