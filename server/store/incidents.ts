// Incidents and their response checklist.
import { listValue } from '@duckdb/node-api';
import { checklistTemplate, STEP_IDS, type ChecklistItem, type Incident, type IncidentCreate, type IncidentUpdate } from '#shared/schema/incidents.ts';
import type { Provider } from '#shared/providers.ts';
import { setSends } from './audience.ts';
import type { Db, Sql } from './db.ts';

interface IncidentRow extends Omit<Incident, 'checklist'> { checklist?: never }
interface StepRow { incident_id: string; step: ChecklistItem['step']; owner: string | null; due_at: string | null; done_at: string | null }

const SELECT = `SELECT id, title, kind, severity, occurred_at, contained_at, resolved_at, streams, providers,
                       baseline_days, monitor_days, notes, demo, created_at, updated_at,
                       coalesce((SELECT list(send_id ORDER BY send_id) FROM incident_sends s
                                  WHERE s.incident_id = incidents.id AND s.role = 'incident'), []::VARCHAR[]) AS send_ids,
                       (SELECT min(send_id) FROM incident_sends s
                         WHERE s.incident_id = incidents.id AND s.role = 'apology') AS apology_send_id
                  FROM incidents`;

/** The tables an incident is read from: the read cache keys incident answers by their versions. */
export const INCIDENT_INPUTS = ['incidents', 'incident_steps', 'incident_sends'] as const;

function withChecklist(row: IncidentRow, steps: StepRow[]): Incident {
  const mine = new Map(steps.filter((s) => s.incident_id === row.id).map((s) => [s.step, s]));
  return {
    ...row,
    providers: row.providers as Provider[] | null,
    checklist: checklistTemplate(row.kind, row.occurred_at).map((t) => ({
      ...t,
      owner: mine.get(t.step)?.owner ?? null,
      due_at: mine.get(t.step)?.due_at ?? t.due_at,
      done_at: mine.get(t.step)?.done_at ?? null,
    })),
  };
}

async function stepsOf(sql: Sql, ids: string[]): Promise<StepRow[]> {
  if (ids.length === 0) return [];
  return sql.all<StepRow>(
    'SELECT incident_id, step, owner, due_at, done_at FROM incident_steps WHERE list_contains($1, incident_id)',
    [listValue(ids)],
  );
}

export async function getIncident(sql: Sql, id: string): Promise<Incident | undefined> {
  const row = await sql.one<IncidentRow>(`${SELECT} WHERE id = $1`, [id]);
  return row ? withChecklist(row, await stepsOf(sql, [id])) : undefined;
}

export interface IncidentFilter { openOnly?: boolean; since?: string; limit?: number }

/** Open incidents first, then the most recent. */
export async function listIncidents(sql: Sql, f: IncidentFilter = {}): Promise<Incident[]> {
  const rows = await sql.all<IncidentRow>(
    `${SELECT}
      WHERE ($1 = false OR resolved_at IS NULL)
        AND ($2::TIMESTAMP IS NULL OR occurred_at >= $2::TIMESTAMP OR resolved_at IS NULL)
      ORDER BY (resolved_at IS NULL) DESC, occurred_at DESC
      LIMIT $3`,
    [f.openOnly ?? false, f.since ?? null, f.limit ?? 200],
  );
  const steps = await stepsOf(sql, rows.map((r) => r.id));
  return rows.map((r) => withChecklist(r, steps));
}

export async function insertIncident(db: Db, input: IncidentCreate): Promise<Incident> {
  const id = await db.transaction(async (tx) => {
    const seq = await tx.one<{ n: number }>(`SELECT nextval('incidents_seq') AS n`);
    const newId = `inc-${seq?.n ?? Date.now()}`;
    await tx.run(
      `INSERT INTO incidents (id, title, kind, severity, occurred_at, contained_at, resolved_at, streams, providers,
                              baseline_days, monitor_days, notes, demo, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5::TIMESTAMP, $6::TIMESTAMP, $7::TIMESTAMP, $8, $9, $10, $11, $12, $13,
               now()::TIMESTAMP, now()::TIMESTAMP)`,
      [newId, input.title, input.kind, input.severity, input.occurred_at, input.contained_at, input.resolved_at,
        listValue(input.streams), input.providers ? listValue(input.providers) : null, input.baseline_days,
        input.monitor_days, input.notes, input.demo],
    );
    await setSends(tx, newId, 'incident', input.send_ids);
    if (input.apology_send_id) await setSends(tx, newId, 'apology', [input.apology_send_id]);
    return newId;
  });
  const created = await getIncident(db, id);
  if (!created) throw new Error(`incident ${id} vanished after insert`);
  return created;
}

const SCALAR_FIELDS = ['title', 'kind', 'severity', 'baseline_days', 'monitor_days', 'notes'] as const;
const TIME_FIELDS = ['occurred_at', 'contained_at', 'resolved_at'] as const;

/** Applies a partial update; returns undefined when the incident does not exist. */
export async function updateIncident(db: Db, id: string, patch: IncidentUpdate): Promise<Incident | undefined> {
  const found = await db.transaction(async (tx) => {
    if (!(await tx.one(`SELECT 1 AS x FROM incidents WHERE id = $1`, [id]))) return false;
    // Column names below come from the constant lists above, never from the request.
    for (const field of SCALAR_FIELDS) {
      const value = patch[field];
      if (value !== undefined) await tx.run(`UPDATE incidents SET ${field} = $2 WHERE id = $1`, [id, value]);
    }
    for (const field of TIME_FIELDS) {
      const value = patch[field];
      if (value !== undefined) {
        await tx.run(`UPDATE incidents SET ${field} = $2::TIMESTAMP WHERE id = $1`, [id, value === null ? null : new Date(value).toISOString()]);
      }
    }
    if (patch.streams) await tx.run('UPDATE incidents SET streams = $2 WHERE id = $1', [id, listValue([...new Set(patch.streams)])]);
    if (patch.providers !== undefined) {
      await tx.run('UPDATE incidents SET providers = $2 WHERE id = $1', [id, patch.providers ? listValue(patch.providers) : null]);
    }
    if (patch.send_ids) await setSends(tx, id, 'incident', patch.send_ids);
    if (patch.apology_send_id !== undefined) await setSends(tx, id, 'apology', patch.apology_send_id === null ? [] : [patch.apology_send_id]);
    for (const item of patch.checklist ?? []) {
      const position = STEP_IDS.indexOf(item.step);
      const current = await tx.one<StepRow>('SELECT * FROM incident_steps WHERE incident_id = $1 AND step = $2', [id, item.step]);
      const keep = <K extends 'owner' | 'due_at' | 'done_at'>(k: K): string | null => {
        const v = item[k];
        if (v === undefined) return current?.[k] ?? null;
        if (v === null) return null;
        return k === 'owner' ? v : new Date(v).toISOString();
      };
      await tx.run(
        `INSERT OR REPLACE INTO incident_steps (incident_id, step, position, owner, due_at, done_at)
         VALUES ($1, $2, $3, $4, $5::TIMESTAMP, $6::TIMESTAMP)`,
        [id, item.step, position, keep('owner'), keep('due_at'), keep('done_at')],
      );
    }
    await tx.run('UPDATE incidents SET updated_at = now()::TIMESTAMP WHERE id = $1', [id]);
    return true;
  });
  return found ? getIncident(db, id) : undefined;
}
