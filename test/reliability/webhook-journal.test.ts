// The webhook journal (docs/webhooks.md, "Answered once on disk"): a post answered is on disk, whatever happens
// next. A process killed the moment its posts were kept — before its loader ran — leaves them in the journal only;
// the next open of the store loads them, once, before anything reads it. A line a crash cut off (never synced,
// never answered) is dropped and said; a line that cannot be read elsewhere keeps its file for a person.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { Db } from '../../server/store/db.ts';
import { journalDir } from '../../server/store/webhook-journal-files.ts';
import { ROOT, tempDir } from '../integration/helpers.ts';
import { rollUpFromScratch, storedRollUp } from '../integration/rollup-reference.ts';

const tmp = tempDir('rebound-journal-');
afterAll(() => tmp.cleanup());
afterEach(() => vi.restoreAllMocks());

/** Runs the child that keeps `posts` posts and SIGKILLs itself; its exit. */
function crashAfterKeeping(store: string, posts: number): Promise<{ signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/run-ts.js', 'test/reliability/journal-crash-child.ts', store, String(posts)], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('exit', (_code, signal) => resolve({ signal, stdout, stderr }));
  });
}

async function openNoting(store: string): Promise<{ db: Db; notices: string[] }> {
  const notices: string[] = [];
  vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void notices.push(args.map(String).join(' ')));
  const db = await Db.open(store);
  vi.restoreAllMocks();
  return { db, notices };
}

const eventCount = async (db: Db) => (await db.one<{ n: number }>('SELECT count(*) AS n FROM events'))?.n;

describe('the webhook journal across a SIGKILL', () => {
  it('loads posts kept just before the kill at the next open, once, with their quarantined event, and removes the log', async () => {
    const store = tmp.path('killed.duckdb');
    const exit = await crashAfterKeeping(store, 3);
    expect(exit.stdout, exit.stderr).toContain('kept 3');
    expect(exit.signal).toBe('SIGKILL');
    // Nothing in the store yet: the posts are on disk in the journal only.
    const files = readdirSync(journalDir(store));
    expect(files).toHaveLength(1);
    expect(readFileSync(join(journalDir(store), files[0] as string), 'utf8').trimEnd().split('\n')).toHaveLength(3);

    const { db, notices } = await openNoting(store);
    try {
      expect(notices.join('\n')).toMatch(/webhook journal: 3 post\(s\) answered before the last stop were loaded/);
      // 3 posts × 10 events, one of them quarantined.
      expect(await eventCount(db)).toBe(29);
      expect((await db.one<{ n: number }>('SELECT count(*) AS n FROM webhook_quarantine'))?.n).toBe(1);
      expect(await db.one('SELECT delivered, complaints FROM sends')).toEqual({ delivered: 27, complaints: 2 });
      expect(await storedRollUp(db)).toEqual(await rollUpFromScratch(db));
      expect(existsSync(journalDir(store))).toBe(false);
    } finally {
      db.close();
    }
    // Opening again loads nothing twice.
    const again = await openNoting(store);
    try {
      expect(again.notices.join('\n')).not.toMatch(/webhook journal/);
      expect(await eventCount(again.db)).toBe(29);
    } finally {
      again.db.close();
    }
  }, 60_000);

  it('drops a last line the crash cut off (never answered), and says so; loads every whole line', async () => {
    const store = tmp.path('torn.duckdb');
    expect((await crashAfterKeeping(store, 2)).stdout).toContain('kept 2');
    const [file] = readdirSync(journalDir(store));
    // A third post was being written when the power went: half a line, no newline.
    appendFileSync(join(journalDir(store), file as string), '{"v":1,"source":"webhook:test","post":{"size":10,"rows":[{"row":');
    const { db, notices } = await openNoting(store);
    try {
      expect(notices.join('\n')).toMatch(/a post cut off by a crash \(never answered\) was dropped/);
      expect(notices.join('\n')).toMatch(/2 post\(s\) answered before the last stop were loaded/);
      expect(await eventCount(db)).toBe(19);
      expect(existsSync(journalDir(store))).toBe(false);
    } finally {
      db.close();
    }
  }, 60_000);

  it('keeps a file with a line it cannot read, renamed, and loads the rest', async () => {
    const store = tmp.path('unreadable.duckdb');
    expect((await crashAfterKeeping(store, 2)).stdout).toContain('kept 2');
    const [file] = readdirSync(journalDir(store));
    const path = join(journalDir(store), file as string);
    const [first, second] = readFileSync(path, 'utf8').trimEnd().split('\n');
    writeFileSync(path, `${first}\nnot a journal line\n${second}\n`);
    const { db, notices } = await openNoting(store);
    try {
      expect(notices.join('\n')).toMatch(/1 line\(s\) could not be read; the file is kept as .*\.unreadable/);
      expect(await eventCount(db)).toBe(19);
      expect(readdirSync(journalDir(store))).toEqual([`${file}.unreadable`]);
    } finally {
      db.close();
    }
  }, 60_000);
});
