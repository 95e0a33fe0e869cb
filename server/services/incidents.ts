// Incident use cases shared by the API and the CLI: validation beyond one field, then the store.
import { checklistTemplate, type Incident, type IncidentCreate, type IncidentUpdate } from '#shared/schema/incidents.ts';
import { ApiError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { getIncident, insertIncident, listIncidents, updateIncident } from '../store/incidents.ts';

const apologyAmongSends = (field: 'apology_send_id' | 'send_ids') =>
  new ApiError('validation_failed', `${field}: the apology send cannot also be one of the incident's sends`, [{ field, message: 'the apology send cannot also be one of the incident\'s sends' }]);

export function createIncident(db: Db, input: IncidentCreate): Promise<Incident> {
  if (input.apology_send_id && input.send_ids.includes(input.apology_send_id)) throw apologyAmongSends('apology_send_id');
  return insertIncident(db, input);
}

export async function showIncident(db: Db, id: string): Promise<Incident> {
  const found = await getIncident(db, id);
  if (!found) throw new ApiError('not_found', `no incident ${id}`, { field: 'id' });
  return found;
}

export function recentIncidents(db: Db, opts: { openOnly?: boolean; since?: string; limit?: number } = {}): Promise<Incident[]> {
  return listIncidents(db, opts);
}

export async function changeIncident(db: Db, id: string, patch: IncidentUpdate): Promise<Incident> {
  const current = await showIncident(db, id);
  // The patch alone was checked; the order of times must also hold against what is stored.
  const occurred = Date.parse(patch.occurred_at ?? current.occurred_at);
  for (const field of ['contained_at', 'resolved_at'] as const) {
    const at = patch[field] !== undefined ? patch[field] : current[field];
    if (at && Date.parse(at) < occurred) {
      throw new ApiError('validation_failed', `${field}: must not be before occurred_at`, [{ field, message: 'must not be before occurred_at' }]);
    }
  }
  // A checklist item must belong to this incident's kind (a breach's notification deadline is not a typo's).
  const kind = patch.kind ?? current.kind;
  const allowed = new Set(checklistTemplate(kind, current.occurred_at).map((t) => t.step));
  for (const [i, item] of (patch.checklist ?? []).entries()) {
    if (!allowed.has(item.step)) {
      throw new ApiError('validation_failed', `checklist.${i}.step: ${item.step} is not on the checklist of a ${kind} incident`, [{ field: `checklist.${i}.step`, message: `is not on the checklist of a ${kind} incident` }]);
    }
  }
  // The apology is checked against the bad sends' audience; it cannot be one of them.
  const sendIds = patch.send_ids ?? current.send_ids;
  const apology = patch.apology_send_id !== undefined ? patch.apology_send_id : current.apology_send_id;
  if (apology && sendIds.includes(apology)) throw apologyAmongSends(patch.apology_send_id !== undefined ? 'apology_send_id' : 'send_ids');
  const updated = await updateIncident(db, id, patch);
  if (!updated) throw new ApiError('not_found', `no incident ${id}`, { field: 'id' });
  return updated;
}

/** The tables an incident's answer reads: a write to any of them makes a cached answer stale. */
export { INCIDENT_INPUTS } from '../store/incidents.ts';
