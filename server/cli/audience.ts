// `rebound audience ID` (docs/incidents.md): the affected audience of an incident, its CSV export, and uploads of the
// suppression and apology lists; also used by `rebound apology check --audience`.
import { createWriteStream, readFileSync, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import type { AudienceComparison, AudienceSummary, RecipientList } from '#shared/schema/audience.ts';
import { ApiError } from '../errors.ts';
import type { Backend } from './backend.ts';

const n = (x: number) => x.toLocaleString('en-US');

/** Uploads a list file; a rejected one prints every bad line as FILE:LINE: reason and fails the command. */
export async function uploadListFile(b: Backend, id: string, list: RecipientList, file: string): Promise<string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ApiError('bad_request', `cannot read the ${list} list ${file}`, { field: list });
  }
  try {
    const r = await b.uploadList(id, list, text);
    return `${list} list: ${n(r.recipients)} recipient(s) stored from ${file}${r.duplicates ? ` (${n(r.duplicates)} repeated line(s) counted once)` : ''}`;
  } catch (err) {
    const details = err instanceof ApiError && err.code === 'rejected' ? (err.details as { rejections?: { line: number; reason: string }[] }) : null;
    for (const r of details?.rejections ?? []) process.stderr.write(`${file}:${r.line}: ${r.reason}\n`);
    throw err;
  }
}

/**
 * Writes the affected audience CSV to a file, or to stdout with `-`. A file is written beside its name and renamed
 * once complete, so a failed export (an unknown incident, a dropped connection) leaves no empty or partial list
 * that someone might send an apology to.
 */
export async function exportAudienceFile(b: Backend, id: string, file: string): Promise<void> {
  if (file === '-') {
    await b.exportAudience(id, async (chunk) => {
      if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
    });
    return;
  }
  const partial = `${file}.partial-${process.pid}`;
  const sink = createWriteStream(partial, { mode: 0o600 });
  try {
    await b.exportAudience(id, async (chunk) => {
      if (!sink.write(chunk)) await once(sink, 'drain');
    });
    sink.end();
    await once(sink, 'finish');
    renameSync(partial, file);
  } catch (err) {
    sink.destroy();
    rmSync(partial, { force: true });
    throw err;
  }
}

const within = (c: AudienceComparison) => (c.outside === 0
  ? 'all within the affected audience'
  : `${n(c.outside)} NOT affected, e.g. ${c.examples.join(', ')}`);

export function audienceText(a: AudienceSummary): string {
  const how = a.sends_from === 'named' ? 'the incident\'s named sends' : 'its streams\' sends in the first 24 h (name the bad send with send_ids to be exact)';
  const lines = [
    `${a.incident}: audience of ${a.sends.length} send(s), ${how}`,
    ...a.sends.map((s) => `  ${s.send_id}  ${s.stream ?? '(not loaded)'}  ${s.sent_at?.slice(0, 16).replace('T', ' ') ?? '—'}  ${n(s.injected)} injected`),
    `recipients ${n(a.recipients)} − bounced ${n(a.bounced)} − suppressed ${n(a.suppressed)} = affected ${n(a.affected)}`,
    `suppression list: ${a.lists.suppression ? `${n(a.lists.suppression.recipients)} recipient(s), uploaded ${a.lists.suppression.uploaded_at}` : 'none uploaded'}`,
    `apology list: ${a.apology_list ? `${n(a.apology_list.recipients)} recipient(s), ${within(a.apology_list)}` : 'none uploaded'}`,
  ];
  if (a.apology_send) lines.push(`apology send ${a.apology_send.send_id}: ${n(a.apology_send.recipients)} recipient(s), ${within(a.apology_send)}`);
  if (a.events_without_recipient > 0) lines.push(`warning: ${n(a.events_without_recipient)} event(s) of these sends name no recipient: the audience is incomplete`);
  return lines.join('\n');
}
