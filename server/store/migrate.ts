// Numbered SQL migrations (migrations/NNN_name.sql), each applied once, in order, in its own transaction.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package.ts';
import type { Db } from './db.ts';

const DIR = join(PACKAGE_ROOT, 'server', 'store', 'migrations') + '/';

/**
 * Applies the migrations not applied yet. Returns the notices (a migration's first line `-- notice: …`) of those
 * applied to a store that existed before: what a migration put right there is said in the log; a new store has
 * nothing to put right.
 */
export async function applyMigrations(db: Db): Promise<string[]> {
  await db.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)`);
  const done = new Set((await db.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
  const notices: string[] = [];
  const existed = done.size > 0;
  const files = readdirSync(DIR).filter((f) => /^\d{3}_.+\.sql$/.test(f)).sort();
  for (const file of files) {
    const version = Number(file.slice(0, 3));
    if (done.has(version)) continue;
    const sql = readFileSync(DIR + file, 'utf8');
    await db.transaction(async (tx) => {
      for (const statement of sql.split(/;\s*$/m).map((s) => s.trim()).filter(Boolean)) await tx.run(statement);
      await tx.run('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [version, file]);
    });
    const notice = /^-- notice: (.+)$/m.exec(sql.split('\n', 1)[0] ?? '')?.[1];
    if (existed && notice) notices.push(notice);
  }
  return notices;
}
