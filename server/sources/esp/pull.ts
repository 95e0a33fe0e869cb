// The runner every ESP pull goes through: the day window from the watermark (a first run reaches back
// <ESP>_BACKFILL_DAYS so a baseline exists at once; later runs re-read <ESP>_LATENESS_DAYS before the watermark,
// since ESPs keep counting a day's late bounces and complaints), the ESP's read, and everything stored with the new
// watermark in one transaction. Any failure — a refusal, a malformed answer, a page that still fails after its
// retries — stores nothing and leaves the watermark, so the next run reads the same days again.
import type { PullContext } from '../source.ts';
import { upsertPulledSeeds, upsertPulledSends, type PulledSendRow } from '../../store/esp-pulls.ts';
import { nextRunId, recordRun } from '../../store/ingest-runs.ts';
import { getSourceState, recordSourceFailure, recordSourceSuccess } from '../../store/sources.ts';
import type { DayWindow, EspReader, EspWindowConfig, PulledSend } from './types.ts';

const DAY_MS = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Complete UTC days only: up to yesterday; from the watermark's day minus the lateness, or the backfill. */
export function dayWindow(watermark: string | null, now: Date, c: EspWindowConfig): DayWindow {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const to = today - DAY_MS;
  const from = watermark
    ? Math.min(to, Date.parse(`${watermark.slice(0, 10)}T00:00:00Z`) - c.latenessDays * DAY_MS)
    : today - c.backfillDays * DAY_MS;
  return { from: isoDay(from), to: isoDay(to) };
}

export function daysOf(w: DayWindow): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${w.from}T00:00:00Z`); t <= Date.parse(`${w.to}T00:00:00Z`); t += DAY_MS) out.push(isoDay(t));
  return out;
}

/**
 * Pulled days → send rows. Two ESP names for one provider ("Gmail" and "Google Workspace") add up into one row.
 * A day's counts are the ESP's counts of that day's events, so a message deferred yesterday and delivered today
 * can make outcomes exceed injections; like the event roll-up, injected is at least delivered + bounced.
 */
export function sendRows(sends: PulledSend[]): PulledSendRow[] {
  const byKey = new Map<string, PulledSendRow>();
  const add = (a: number | null, b: number | null) => (a === null && b === null ? null : (a ?? 0) + (b ?? 0));
  for (const p of sends) {
    const send_id = `${p.stream}/${p.day}`;
    const key = `${send_id}\u001f${p.provider}`;
    const prev = byKey.get(key);
    byKey.set(key, prev ? {
      ...prev, injected: prev.injected + p.injected, delivered: prev.delivered + p.delivered,
      bounced_hard: prev.bounced_hard + p.bounced_hard, bounced_soft: prev.bounced_soft + p.bounced_soft,
      bounced_block: prev.bounced_block + p.bounced_block, complaints: prev.complaints + p.complaints,
      unsubscribes: prev.unsubscribes + p.unsubscribes, opens: add(prev.opens, p.opens), clicks: add(prev.clicks, p.clicks),
      all_providers: prev.all_providers || p.all_providers === true,
    } : {
      send_id, provider: p.provider, stream: p.stream, sent_at: `${p.day}T00:00:00Z`, injected: p.injected, delivered: p.delivered,
      bounced_hard: p.bounced_hard, bounced_soft: p.bounced_soft, bounced_block: p.bounced_block, complaints: p.complaints,
      unsubscribes: p.unsubscribes, opens: p.opens, clicks: p.clicks, all_providers: p.all_providers === true,
    });
  }
  return [...byKey.values()].map((r) => ({ ...r, injected: Math.max(r.injected, r.delivered + r.bounced_hard + r.bounced_soft + r.bounced_block) }));
}

export interface EspPullSummary { window: DayWindow; sends: number; seeds: number; stored: number; unknownProviders: Record<string, number> }

export async function runEspPull(s: PullContext, src: EspReader): Promise<EspPullSummary> {
  const startedAt = s.now().toISOString();
  try {
    const state = await getSourceState(s.db, src.name);
    const window = dayWindow(state?.watermark ?? null, s.now(), src.window);
    const read = await src.read(window);
    const sends = sendRows(read.sends);
    const stored = await s.db.transaction(async (tx) => {
      const n = (await upsertPulledSends(tx, sends)) + (await upsertPulledSeeds(tx, read.seeds));
      await recordRun(tx, await nextRunId(tx), {
        source: src.name, kind: read.seeds.length && !sends.length ? 'seeds' : 'sends', format: null, started_at: startedAt, status: 'stored',
        rows_read: sends.length + read.seeds.length, rows_stored: n, rows_duplicate: sends.length + read.seeds.length - n, rows_rejected: 0, error: null,
      });
      await recordSourceSuccess(tx, src.name, startedAt, n, `${window.to}T00:00:00Z`);
      return n;
    });
    return { window, sends: sends.length, seeds: read.seeds.length, stored, unknownProviders: read.unknownProviders };
  } catch (err) {
    await recordSourceFailure(s.db, src.name, startedAt, err instanceof Error ? err.message : String(err));
    throw err;
  }
}

export function summaryLine(name: string, r: EspPullSummary): string {
  const unknown = Object.entries(r.unknownProviders);
  return `${name}: days ${r.window.from}..${r.window.to}, ${r.sends} send summar${r.sends === 1 ? 'y' : 'ies'}`
    + `${r.seeds ? ` and ${r.seeds} seed test(s)` : ''} read, ${r.stored} new or changed`
    + `${unknown.length ? `; provider names stored as other: ${unknown.map(([n, c]) => `${n} (${c})`).join(', ')}` : ''}`;
}
