// A from-scratch roll-up of a store's events into send × provider rows, worked out here in plain TypeScript from
// every stored event (independently of the store's SQL), and the store's own rows to compare it with. docs/data-formats.md:
// sent_at is the earliest injection, else the earliest event; injected is at least delivered + bounced; the
// stream is that of the earliest event (ties: the smallest name); rows loaded as summaries are left alone.
import type { Db } from '../../server/store/db.ts';
import type { SendRowOut } from './helpers.ts';

interface StoredEvent { send_id: string; provider: string; type: string; ts: string; stream: string; bounce_class: string | null }

const COUNTED: Readonly<Record<string, keyof SendRowOut>> = {
  delivery: 'delivered', complaint: 'complaints', unsubscribe: 'unsubscribes', open: 'opens', click: 'clicks',
};
const BOUNCED: Readonly<Record<string, keyof SendRowOut>> = { hard: 'bounced_hard', soft: 'bounced_soft', block: 'bounced_block' };

const COLUMNS = `send_id, provider, stream, sent_at, injected, delivered, bounced_hard, bounced_soft, bounced_block,
                 complaints, unsubscribes, opens, clicks`;

/** The rows a full re-aggregation gives for every send × provider with events and no summary, ordered. */
export async function rollUpFromScratch(db: Db): Promise<SendRowOut[]> {
  const summaries = new Set((await db.all<{ k: string }>(`SELECT send_id || '|' || provider AS k FROM sends WHERE origin = 'summary'`)).map((r) => r.k));
  const events = await db.all<StoredEvent>('SELECT send_id, provider, type, ts, stream, bounce_class FROM events');
  const rows = new Map<string, SendRowOut & { injections: number; first: [string, string]; firstInjection: string | null }>();
  for (const e of events) {
    const k = `${e.send_id}|${e.provider}`;
    if (summaries.has(k)) continue;
    let r = rows.get(k);
    if (!r) {
      r = {
        send_id: e.send_id, provider: e.provider, stream: e.stream, sent_at: e.ts, injected: 0, delivered: 0,
        bounced_hard: 0, bounced_soft: 0, bounced_block: 0, complaints: 0, unsubscribes: 0, opens: 0, clicks: 0,
        injections: 0, first: [e.ts, e.stream], firstInjection: null,
      };
      rows.set(k, r);
    }
    if (e.ts < r.first[0] || (e.ts === r.first[0] && e.stream < r.first[1])) r.first = [e.ts, e.stream];
    if (e.type === 'injection') {
      r.injections++;
      if (r.firstInjection === null || e.ts < r.firstInjection) r.firstInjection = e.ts;
    }
    const column = e.type === 'bounce' ? BOUNCED[e.bounce_class ?? ''] : COUNTED[e.type];
    if (column) (r[column] as number)++;
  }
  return byKey([...rows.values()].map(({ injections, first, firstInjection, ...r }) => ({
      ...r,
      stream: first[1],
      sent_at: firstInjection ?? first[0],
      injected: Math.max(injections, r.delivered + r.bounced_hard + r.bounced_soft + r.bounced_block),
    })));
}

const byKey = (rows: SendRowOut[]) => rows.sort((a, b) => (`${a.send_id}|${a.provider}` < `${b.send_id}|${b.provider}` ? -1 : 1));

/** The store's rows that are not summaries, in the same order and shape. */
export async function storedRollUp(db: Db): Promise<SendRowOut[]> {
  return byKey(await db.all<SendRowOut>(`SELECT ${COLUMNS} FROM sends WHERE origin <> 'summary'`));
}
