// The store's own invariants, checked when it opens and on demand (`rebound check`), and what a crash can leave
// against them put right (docs/integrity.md):
// - no run left 'running' by a process that died: whatever of it DuckDB's log replay brought back is taken out;
// - every stored event belongs to a run that stored it;
// - every send row rolled up from events equals the roll-up of its events;
// - every alert notification that names an email names one in the outbox, and every alert state a rule;
// - with a full repair, every index made by CREATE INDEX is rebuilt from its table (DuckDB can leave one stale).
// Findings name counts and run ids only, never data (recipients, addresses, file names).
import type { CheckFinding as Finding, StoreCheckReport as CheckReport } from '#shared/schema/integrity.ts';
import type { Db, Sql } from './db.ts';
import { activeRuns, RUNNING } from './ingest-runs.ts';
import { rollUpDrift, rollUpInFull } from './send-rollup.ts';

export type { CheckReport };
export interface CheckOptions { repair: boolean; full: boolean }

// Pairs (send_id, provider) the bounded roll-up check looks at: those of events taken out.
const PAIRS = 'check_pairs';
const STORED = `('stored', 'partial')`;
// Tables whose rows carry the id of the run that wrote them (events, and migration 011).
const RUN_TABLES = ['events', 'sends', 'seed_tests', 'reputation'] as const;

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export async function checkStore(db: Db, opts: CheckOptions): Promise<CheckReport> {
  const skip = [...activeRuns(db)];
  const findings = await db.transaction(async (tx) => {
    await tx.run(`CREATE OR REPLACE TEMP TABLE ${PAIRS} (send_id VARCHAR, provider VARCHAR)`);
    // The open-time check reads only events stored since it last ran (when every run before was finished);
    // the full check reads them all.
    const through = opts.full ? -1 : ((await tx.one<{ n: number }>('SELECT max(events_through) AS n FROM store_check'))?.n ?? -1);
    const out = [
      ...(await unfinishedRuns(tx, skip, opts.repair)),
      ...(await orphanEvents(tx, through, opts.repair)),
      ...(await sendRollUp(tx, opts)),
      ...(await alerts(tx, opts.repair)),
    ];
    if (opts.repair && skip.length === 0) {
      // Nothing of this process is under way (always so when the store opens): every run so far has ended. Written
      // only when it moved, so that opening an unchanged store writes nothing.
      const last = (await tx.one<{ n: number }>('SELECT coalesce(max(id), -1) AS n FROM ingest_runs'))?.n ?? -1;
      if (last !== through) {
        await tx.run('DELETE FROM store_check');
        await tx.run('INSERT INTO store_check VALUES ($1, now()::TIMESTAMP)', [last]);
      }
    }
    await tx.run(`DROP TABLE ${PAIRS}`);
    // Nothing is written when only looking: rolling back also drops what the look collected.
    if (!opts.repair) throw new LookOnly(out);
    return out;
  }).catch((err: unknown) => {
    if (err instanceof LookOnly) return err.findings;
    throw err;
  });
  if (opts.full && opts.repair) findings.push(...(await rebuildIndexes(db)));
  return { scope: opts.full ? 'full' : 'open', ok: findings.every((f) => f.repaired), findings };
}

class LookOnly extends Error {
  constructor(readonly findings: Finding[]) {
    super('look only');
  }
}

/** Runs left 'running' by a process that is gone: everything they wrote is taken out, their record too. */
async function unfinishedRuns(tx: Sql, skip: number[], repair: boolean): Promise<Finding[]> {
  const runs = await tx.all<{ id: number }>(
    `SELECT id FROM ingest_runs WHERE status = '${RUNNING}' AND NOT list_contains($1::BIGINT[], id) ORDER BY id`,
    [JSON.stringify(skip)],
  );
  const out: Finding[] = [];
  for (const { id } of runs) {
    await tx.run(`INSERT INTO ${PAIRS} SELECT DISTINCT send_id, provider FROM events WHERE ingest_id = $1`, [id]);
    const left: string[] = [];
    for (const t of RUN_TABLES) {
      const n = repair
        ? await tx.run(`DELETE FROM ${t} WHERE ingest_id = $1`, [id])
        : ((await tx.one<{ n: number }>(`SELECT count(*) AS n FROM ${t} WHERE ingest_id = $1`, [id]))?.n ?? 0);
      if (n > 0) left.push(`${plural(n, t === 'sends' ? 'send row' : t === 'events' ? 'event' : `${t.replace('_', ' ')} row`)}`);
    }
    if (repair) await tx.run('DELETE FROM ingest_runs WHERE id = $1', [id]);
    const what = left.length ? `it left ${left.join(', ')}` : 'it stored nothing';
    out.push({
      check: 'unfinished_run', count: 1, repaired: repair,
      message: `ingest run ${id} never finished (the process stopped before its commit completed); ${what}${repair ? ', now taken out with its record: load its input again' : ''}`,
    });
  }
  return out;
}

/** Events whose run id names no run that stored them (DuckDB's replay of a commit that never finished). */
async function orphanEvents(tx: Sql, through: number, repair: boolean): Promise<Finding[]> {
  // Counted per run id first, then matched with the runs: several times faster than a join per event.
  const rows = await tx.all<{ ingest_id: number; n: number }>(
    `SELECT e.ingest_id, e.n FROM (SELECT ingest_id, count(*) AS n FROM events WHERE ingest_id > $1 GROUP BY ingest_id) e
       ANTI JOIN (SELECT id FROM ingest_runs WHERE status IN ${STORED}) r ON r.id = e.ingest_id
      ORDER BY e.ingest_id`,
    [through],
  );
  if (rows.length === 0) return [];
  const n = rows.reduce((a, r) => a + r.n, 0);
  const ids = rows.map((r) => r.ingest_id);
  if (repair) {
    await tx.run(`INSERT INTO ${PAIRS} SELECT DISTINCT send_id, provider FROM events WHERE list_contains($1::BIGINT[], ingest_id)`, [JSON.stringify(ids)]);
    await tx.run('DELETE FROM events WHERE list_contains($1::BIGINT[], ingest_id)', [JSON.stringify(ids)]);
  }
  return [{
    check: 'orphan_events', count: n, repaired: repair,
    message: `${plural(n, 'event')} belong to no recorded run (run id${ids.length > 1 ? 's' : ''} ${ids.join(', ')})${repair ? '; taken out: load their input again' : ''}`,
  }];
}

/** Send rows that disagree with their events: those of the pairs just touched, or with `full` every one. */
async function sendRollUp(tx: Sql, opts: CheckOptions): Promise<Finding[]> {
  const drift = 'check_drift';
  // The bounded check has nothing to look at unless events were just taken out.
  if (!opts.full && !(await tx.one(`SELECT 1 AS x FROM ${PAIRS} LIMIT 1`))) return [];
  await tx.run(`CREATE OR REPLACE TEMP TABLE ${drift} AS ${rollUpDrift(opts.full ? undefined : PAIRS)}`);
  const n = (await tx.one<{ n: number }>(`SELECT count(*) AS n FROM ${drift}`))?.n ?? 0;
  if (n > 0 && opts.repair) await rollUpInFull(tx, drift);
  await tx.run(`DROP TABLE ${drift}`);
  if (n === 0) return [];
  return [{
    check: 'send_rollup', count: n, repaired: opts.repair,
    message: `${plural(n, 'send × provider row')} did not equal the roll-up of ${n === 1 ? 'its' : 'their'} events${opts.repair ? '; rolled up again from the stored events' : ''}`,
  }];
}

/** Alert notifications naming an email the outbox does not hold, and alert states of rules that are gone. */
async function alerts(tx: Sql, repair: boolean): Promise<Finding[]> {
  const out: Finding[] = [];
  const missing = `FROM alert_notifications n WHERE n.outbox_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.id = n.outbox_id)`;
  const lost = (await tx.one<{ n: number }>(`SELECT count(*) AS n ${missing}`))?.n ?? 0;
  if (lost > 0) {
    // The email is gone and cannot be rebuilt here; the notification says so (delivery 'not_sent').
    if (repair) await tx.run(`UPDATE alert_notifications SET outbox_id = NULL WHERE id IN (SELECT n.id ${missing})`);
    out.push({
      check: 'alert_outbox', count: lost, repaired: repair,
      message: `${plural(lost, 'alert notification')} named an email the outbox does not hold${repair ? '; now shown as not sent' : ''}`,
    });
  }
  const stray = `FROM alert_states s WHERE NOT EXISTS (SELECT 1 FROM alert_rules r WHERE r.id = s.rule_id)`;
  const states = (await tx.one<{ n: number }>(`SELECT count(*) AS n ${stray}`))?.n ?? 0;
  if (states > 0) {
    if (repair) await tx.run(`DELETE FROM alert_states s WHERE NOT EXISTS (SELECT 1 FROM alert_rules r WHERE r.id = s.rule_id)`);
    out.push({
      check: 'alert_rule', count: states, repaired: repair,
      message: `${plural(states, 'alert state')} belonged to no rule${repair ? '; removed' : ''}`,
    });
  }
  return out;
}

/**
 * Every index made by CREATE INDEX, dropped and made again from its table: DuckDB 1.5 can leave such an index
 * missing rows after a crash, and then refuses every write that must take one of them out (docs/integrity.md, "An
 * index a replay leaves stale"). Nothing tells a stale one from a sound one short of that failure, so a full repair
 * rebuilds them all; Rebound's own schema has none, so this is about indexes added to the store by hand. The drop and
 * the create are two transactions queued one right after the other: in one transaction, DuckDB 1.5.6 aborted the
 * process. Constraint indexes (PRIMARY KEY, UNIQUE) are not affected by the fault and are left alone.
 */
async function rebuildIndexes(db: Db): Promise<Finding[]> {
  const indexes = await db.all<{ index_name: string; sql: string }>(
    `SELECT index_name, sql FROM duckdb_indexes() WHERE database_name = current_database() AND sql IS NOT NULL ORDER BY index_name`,
  );
  if (indexes.length === 0) return [];
  for (const { index_name: name, sql } of indexes) {
    // Names and definitions come from DuckDB's own catalog, not from input; the name is quoted all the same.
    const drop = db.transaction((tx) => tx.run(`DROP INDEX "${name.replaceAll('"', '""')}"`));
    const create = db.transaction((tx) => tx.run(sql));
    await drop;
    await create;
  }
  const names = indexes.map((i) => i.index_name).join(', ');
  return [{
    check: 'index_rebuilt', count: indexes.length, repaired: true,
    message: `${plural(indexes.length, 'index', 'indexes')} made by CREATE INDEX rebuilt from ${indexes.length === 1 ? 'its table' : 'their tables'} (${names}): DuckDB can leave such an index stale after a crash`,
  }];
}
