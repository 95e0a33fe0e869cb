// Posts a previous process answered and did not load (webhook-journal.ts): loaded when the store opens (Db.open),
// after the open-time check and before anything reads the store. Loading a post twice changes nothing, so a file
// whose posts were loaded already and not yet removed (a crash in between) costs only the time to see that.
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './db.ts';
import { journalDir, nextGroup, readJournalLine, removeEmptyDir, SEGMENT_NAME, type JournalPost } from './webhook-journal-files.ts';
import { loadGroup } from './webhook-load.ts';

/**
 * Loads the posts a previous process left in the journal (it stopped before loading them), then removes the log.
 * Called when the store opens, before anything reads it. A last line cut off by a crash is dropped (it was never
 * synced, so never answered); a line that cannot be read anywhere else keeps its file, renamed, for a person to
 * look at. A load that fails (the disk full, a stale index: docs/integrity.md) does not stop the store from
 * opening — `rebound check --repair` must be able to — and leaves every file as it was: the server's journal takes
 * them up and keeps trying (webhook-journal.ts), and so does the next open. Returns what it did, for the open-time
 * report.
 */
export async function replayJournal(db: Db): Promise<string[]> {
  if (db.path === ':memory:') return [];
  const dir = journalDir(db.path);
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir).filter((f) => SEGMENT_NAME.test(f)).sort();
  const notices: string[] = [];
  const posts: JournalPost[] = [];
  const done: string[] = [];
  const unreadable: string[] = [];
  for (const f of files) {
    const path = join(dir, f);
    const text = readFileSync(path, 'utf8');
    const lines = text.split('\n');
    // The text after the last newline is a line the crash cut off (empty when the file ends cleanly).
    const cut = lines.pop() ?? '';
    if (cut !== '') notices.push(`webhook journal ${f}: a post cut off by a crash (never answered) was dropped`);
    let bad = 0;
    for (const line of lines) {
      const r = readJournalLine(line);
      if (r) posts.push(r);
      else bad++;
    }
    if (bad > 0) {
      unreadable.push(path);
      notices.push(`webhook journal ${f}: ${bad} line(s) could not be read; the file is kept as ${f}.unreadable`);
    } else done.push(path);
  }
  if (posts.length > 0) {
    const session = await db.session();
    try {
      let waiting = posts;
      while (waiting.length > 0) {
        const { source, group, rest } = nextGroup(waiting);
        await loadGroup(db, session, source, group.map((p) => p.post));
        waiting = rest;
      }
    } catch (err) {
      // Loading them twice changes nothing, so the next try starts from the first again.
      notices.push(`webhook journal: ${posts.length} post(s) answered before the last stop could not be loaded yet (${err instanceof Error ? err.message : String(err)}); they stay in ${dir}, and are tried again`);
      return notices;
    } finally {
      session.close();
    }
    notices.push(`webhook journal: ${posts.length} post(s) answered before the last stop were loaded into the store`);
  }
  for (const path of unreadable) renameSync(path, `${path}.unreadable`);
  for (const path of done) rmSync(path, { force: true });
  removeEmptyDir(dir);
  return notices;
}
