// The audience guard as a use case for the API, the CLI and the apology check (docs/incidents.md): which sends the incident
// is about, whom they reached, and whether an apology list or the apology send stays within that audience.
import type { ApologyAudience } from '#shared/apology/schema.ts';
import { DEFAULT_SEND_WINDOW_HOURS, type AudienceSummary, type ListUploadResult, type RecipientList } from '#shared/schema/audience.ts';
import { coversAllStreams } from '#shared/kinds.ts';
import type { Incident } from '#shared/schema/incidents.ts';
import { parseRecipientList } from '../audience/list-file.ts';
import { ApiError } from '../errors.ts';
import { csvField } from '../csv-cell.ts';
import {
  affectedPage, audienceCounts, compareApologyList, compareApologySend, deleteList, listInfo, replaceList, sendInfo, sendsInWindow,
} from '../store/audience.ts';
import type { Db } from '../store/db.ts';
import { INCIDENT_INPUTS } from '../store/incidents.ts';
import { showIncident } from './incidents.ts';

const HOUR_MS = 3_600_000;
// Rows per SQL round trip of an export, and per INSERT of an upload: large enough to be quick, small enough that
// a list of millions never sits in one statement.
const PAGE = 10_000;

/** The sends the incident is about: the ones it names, else its streams' sends in the first day after it occurred. */
export async function incidentSends(db: Db, incident: Incident): Promise<{ from: 'named' | 'window'; ids: string[] }> {
  if (incident.send_ids.length > 0) return { from: 'named', ids: incident.send_ids };
  const to = new Date(Date.parse(incident.occurred_at) + DEFAULT_SEND_WINDOW_HOURS * HOUR_MS).toISOString();
  const streams = coversAllStreams(incident.streams) ? null : incident.streams;
  return { from: 'window', ids: await sendsInWindow(db, incident.id, streams, incident.occurred_at, to) };
}

/** The tables the audience summary reads: the read cache keys it by their versions (docs/performance.md). */
export const AUDIENCE_INPUTS = [...INCIDENT_INPUTS, 'sends', 'events', 'incident_lists', 'incident_list_uploads'] as const;

export async function audienceOf(db: Db, incidentId: string): Promise<AudienceSummary> {
  const incident = await showIncident(db, incidentId);
  const sends = await incidentSends(db, incident);
  const counts = await audienceCounts(db, incident.id, sends.ids);
  const [suppression, apology] = [await listInfo(db, incident.id, 'suppression'), await listInfo(db, incident.id, 'apology')];
  const apologySend = incident.apology_send_id
    ? { send_id: incident.apology_send_id, ...(await compareApologySend(db, incident.id, sends.ids, incident.apology_send_id)) }
    : null;
  return {
    incident: incident.id,
    sends_from: sends.from,
    sends: await sendInfo(db, sends.ids),
    ...counts,
    lists: { suppression, apology },
    apology_list: apology ? await compareApologyList(db, incident.id, sends.ids) : null,
    apology_send: apologySend,
  };
}

/** What the apology check needs to know of the audience (its `audience` rule). */
export async function apologyAudience(db: Db, incident: Incident): Promise<ApologyAudience> {
  const { ids } = await incidentSends(db, incident);
  const counts = await audienceCounts(db, incident.id, ids);
  const planned = (await listInfo(db, incident.id, 'apology')) ? await compareApologyList(db, incident.id, ids) : null;
  return { incident_id: incident.id, affected: counts.affected, known: counts.recipients > 0, planned };
}

/** The affected audience as CSV lines (header first), a page of rows at a time. */
export async function* affectedCsv(db: Db, incidentId: string): AsyncGenerator<string> {
  const incident = await showIncident(db, incidentId);
  const { ids } = await incidentSends(db, incident);
  yield 'recipient\n';
  let after: string | null = null;
  for (;;) {
    const page = await affectedPage(db, incident.id, ids, after, PAGE);
    // The one cell rule of every CSV (csv-cell.ts): quoted where needed, formula starts made text.
    if (page.length > 0) yield page.map(csvField).join('\n') + '\n';
    if (page.length < PAGE) return;
    after = page[page.length - 1] ?? null;
  }
}

/** Replaces an incident's list with the uploaded one; a bad line rejects the upload and keeps the old list. */
export async function uploadList(db: Db, incidentId: string, list: RecipientList, text: string): Promise<ListUploadResult> {
  const incident = await showIncident(db, incidentId);
  const parsed = parseRecipientList(text);
  if (!parsed.ok) {
    const first = parsed.rejections[0];
    throw new ApiError('rejected', `${parsed.rejected} line(s) rejected; the ${list} list is unchanged (first: line ${first?.line}: ${first?.reason})`,
      { rejected: parsed.rejected, rejections: parsed.rejections });
  }
  const recipients = parsed.recipients;
  async function* chunks() {
    for (let i = 0; i < recipients.length; i += PAGE) yield recipients.slice(i, i + PAGE);
  }
  const n = await replaceList(db, incident.id, list, chunks());
  return { list, recipients: n, duplicates: parsed.duplicates };
}

export async function removeList(db: Db, incidentId: string, list: RecipientList): Promise<void> {
  const incident = await showIncident(db, incidentId);
  await deleteList(db, incident.id, list);
}
