// `rebound quarantine replay` / POST /api/quarantine/replay: after the mapping or the settings were fixed, each
// quarantined event is read again from its payload as received, with the fallbacks of now. Usable ones go through
// the ESP's usual load (stored once by identity, so a second replay changes nothing) and leave the quarantine; the
// others stay with the reason of now. An event the mapping now ignores leaves too: there is nothing left to keep.
import type { WebhookContext } from './config.ts';
import { quarantinedEvents, releaseQuarantined, requarantine, type QuarantinedEvent } from '../../store/quarantine.ts';
import { checkRecord } from '../validate.ts';
import { adapterOf, loadEvents, parsePayload } from './receive.ts';

export interface QuarantineReplay {
  replayed: number;
  stored: number;
  duplicate: number;
  /** Events the mapping now ignores (dropped from the quarantine). */
  ignored: number;
  still_quarantined: number;
  reasons: { id: number; reason: string }[];
}

export async function replayQuarantine(s: WebhookContext, opts: { esp?: string; ids?: readonly number[] } = {}): Promise<QuarantineReplay> {
  const rows = await quarantinedEvents(s.db, opts);
  const out: QuarantineReplay = { replayed: rows.length, stored: 0, duplicate: 0, ignored: 0, still_quarantined: 0, reasons: [] };
  const byEsp = new Map<string, QuarantinedEvent[]>();
  for (const r of rows) byEsp.set(r.esp, [...(byEsp.get(r.esp) ?? []), r]);
  for (const [esp, list] of byEsp) {
    const adapter = adapterOf(esp);
    if (!adapter) continue;
    const good: { row: QuarantinedEvent; event: Record<string, string | number | undefined> }[] = [];
    const gone: number[] = [];
    const still: { id: number; reason: string }[] = [];
    for (const row of list) {
      let event;
      try {
        event = parsePayload(s, adapter, JSON.parse(row.payload)).events[row.item];
      } catch (err) {
        still.push({ id: row.id, reason: `the payload cannot be read: ${err instanceof Error ? err.message : String(err)}` });
        continue;
      }
      if (!event) {
        gone.push(row.id);
        continue;
      }
      const checked = checkRecord('events', 'ndjson', Object.fromEntries(Object.entries(event).filter(([, v]) => v !== undefined)));
      if (checked.ok) good.push({ row, event });
      else still.push({ id: row.id, reason: checked.reason });
    }
    if (good.length > 0) {
      const r = await loadEvents(s, adapter.name, good.map((g) => g.event), good.map((g) => ({ payload: null, item: g.row.item })), s.now, { wait: true });
      out.stored += r.stored ?? 0;
      out.duplicate += r.duplicate ?? 0;
    }
    await releaseQuarantined(s.db, [...good.map((g) => g.row.id), ...gone]);
    await requarantine(s.db, still);
    out.ignored += gone.length;
    out.still_quarantined += still.length;
    out.reasons.push(...still);
  }
  return out;
}
