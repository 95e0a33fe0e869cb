// A digest of every table of a live store, to show that a request changed nothing: each table's row count and
// the sum of a hash of each whole row (order-free), and the current value of every sequence (a write that is
// rolled back still advances one, but an insert that stays shows in its table). Tables are read from DuckDB's
// catalogue, so a table added later is covered without editing this list.
import type { Db } from '../../server/store/db.ts';

export type StoreDigest = Record<string, string>;

const SAFE_NAME = /^[a-z_][a-z0-9_]*$/;

export async function digestAllTables(db: Db): Promise<StoreDigest> {
  const tables = await db.all<{ name: string }>(
    "SELECT table_name AS name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary ORDER BY table_name",
  );
  const out: StoreDigest = {};
  for (const { name } of tables) {
    // Identifiers cannot be bound as parameters; these come from the catalogue and are checked anyway.
    if (!SAFE_NAME.test(name)) throw new Error(`unexpected table name ${JSON.stringify(name)}`);
    const row = await db.one<{ n: number; h: string }>(`SELECT count(*) AS n, CAST(coalesce(sum(hash(t)), 0) AS VARCHAR) AS h FROM (SELECT * FROM "${name}") t`);
    out[name] = `${row?.n ?? -1}:${row?.h ?? ''}`;
  }
  if (Object.keys(out).length === 0) throw new Error('the store has no tables: nothing to compare');
  return out;
}
