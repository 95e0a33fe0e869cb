// The quarantine as GET /api/quarantine and `rebound quarantine list` give it (docs/webhooks.md): counts by ESP and
// reason, and the newest events with their payloads as received. One home, so the API and the CLI list alike.
import type { QuarantineList } from '#shared/schema/quarantine.ts';
import type { Db } from '../store/db.ts';
import { quarantineCounts, quarantinedEvents } from '../store/quarantine.ts';

export async function listQuarantine(db: Db, opts: { esp?: string | undefined; limit: number }): Promise<QuarantineList> {
  const counts = await quarantineCounts(db);
  const events = await quarantinedEvents(db, { ...(opts.esp ? { esp: opts.esp } : {}), limit: opts.limit });
  return {
    total: counts.reduce((n, x) => n + x.count, 0),
    counts,
    events: events.map(({ payload, item: _item, ...e }) => ({ ...e, payload: JSON.parse(payload) as unknown })),
  };
}
