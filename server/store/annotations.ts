// Timeline annotations of an incident (docs/incidents.md). All SQL for the annotations table lives here.
import type { Annotation, AnnotationCreate } from '#shared/schema/annotations.ts';
import type { Db, Sql } from './db.ts';

// "at" is quoted throughout: AT is a keyword in DuckDB's SQL.
const SELECT = 'SELECT id, incident_id, "at", kind, label, created_at FROM annotations';

/** An incident's annotations in time order (then in the order they were added), as the charts draw them. */
export function listAnnotations(sql: Sql, incidentId: string): Promise<Annotation[]> {
  return sql.all<Annotation>(`${SELECT} WHERE incident_id = $1 ORDER BY "at", created_at, id`, [incidentId]);
}

export function getAnnotation(sql: Sql, incidentId: string, id: string): Promise<Annotation | undefined> {
  return sql.one<Annotation>(`${SELECT} WHERE incident_id = $1 AND id = $2`, [incidentId, id]);
}

export async function insertAnnotation(db: Db, incidentId: string, input: AnnotationCreate): Promise<Annotation> {
  const id = await db.transaction(async (tx) => {
    const seq = await tx.one<{ n: number }>(`SELECT nextval('annotations_seq') AS n`);
    const newId = `ann-${seq?.n ?? Date.now()}`;
    await tx.run(
      `INSERT INTO annotations (id, incident_id, "at", kind, label, created_at)
       VALUES ($1, $2, $3::TIMESTAMP, $4, $5, now()::TIMESTAMP)`,
      [newId, incidentId, input.at, input.kind, input.label],
    );
    return newId;
  });
  const created = await getAnnotation(db, incidentId, id);
  if (!created) throw new Error(`annotation ${id} vanished after insert`);
  return created;
}

/** True when the annotation existed (and belonged to the incident) and is now gone. */
export async function deleteAnnotation(db: Db, incidentId: string, id: string): Promise<boolean> {
  const removed = await db.transaction((tx) => tx.run('DELETE FROM annotations WHERE incident_id = $1 AND id = $2', [incidentId, id]));
  return removed > 0;
}
