// No two folders import each other (docs/architecture.md, "House rules"), as `node scripts/folder-cycles.js` reads
// the imports. The jobs call the server's services, so the server never imports the jobs: the program's entry,
// bin/main.ts, hands them to `rebound serve`.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** The pairs the script names for these folders (its first lines; the imports behind each are indented). */
function pairs(...folders: string[]): string[] {
  let out: string;
  try {
    out = execFileSync(process.execPath, ['scripts/folder-cycles.js', ...folders], { cwd: ROOT, encoding: 'utf8' });
  } catch (err) {
    // Exit 1: pairs were found; they are on standard output all the same.
    out = String((err as { stdout?: unknown }).stdout ?? '');
  }
  return out.split('\n').filter((l) => l.includes(' <-> ') && !l.startsWith(' '));
}

describe('folder imports', () => {
  it('finds a pair of folders that import each other', () => {
    expect(pairs('test/fixtures/folder-cycles')).toEqual(['test/fixtures/folder-cycles/a/ <-> test/fixtures/folder-cycles/b/']);
  });

  it('has no folder pair in the server, the jobs, shared/ and the entry that composes them', () => {
    expect(pairs('server', 'jobs', 'shared', 'bin')).toEqual([]);
  });

  it('has no folder pair in the dashboard', () => {
    expect(pairs('dashboard/src')).toEqual([]);
  });
});
