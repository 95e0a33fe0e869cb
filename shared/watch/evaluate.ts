// The watch's evaluation (docs/watch.md): every series the store holds — each stream × provider × metric — tested
// over the last few hours against its own trailing baseline, with the recovery evaluation's calibrated tests and
// one Benjamini–Hochberg adjustment over everything watched. Pure: series, declared incidents and clock in.
//
// It is `evaluateIncident` (shared/stats/evaluate.ts) with the watched window in the place of an incident's
// monitoring window, after three cuts an incident's evaluation does not need:
// - a declared incident's window [occurred_at, occurred_at + monitor_days] leaves the baseline of every series it
//   covers (its dips are not the stream's normal) and is not watched (its dips are explained);
// - a rate observation below the metric's minimum volume is not watched (settings.ts);
// - so BH's family is exactly the observations that could raise a suspect.
import { coversAllStreams } from '../kinds.ts';
import { METRICS } from '../metrics.ts';
import type { RecoverySeries } from '../schema/recovery.ts';
import { evaluateIncident, type Observation, type SeriesInput } from '../stats/evaluate.ts';
import type { WatchSettings } from './settings.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** What a declared incident covers, as the watch needs it. `streams` may be ["*"]; `providers` null is all. */
export interface DeclaredWindow {
  streams: readonly string[];
  providers: readonly string[] | null;
  occurred_at: string;
  monitor_days: number;
}

export interface WatchInput {
  series: readonly SeriesInput[];
  incidents: readonly DeclaredWindow[];
  now: Date;
  settings: WatchSettings;
}

export interface WatchResult {
  evaluated_at: string;
  /** The watched window [from, to] and the baseline's start. */
  from: string;
  to: string;
  baseline_from: string;
  /** Series with at least one observation in the store's read span. */
  watched: number;
  /** Observations of the window that got a p-value (a usable baseline). */
  tested: number;
  /** Every watched series' evaluation (points: the window's observations). */
  series: RecoverySeries[];
}

interface Span { from: number; to: number }

function declaredSpans(incidents: readonly DeclaredWindow[], stream: string, provider: string): Span[] {
  const out: Span[] = [];
  for (const i of incidents) {
    if (!coversAllStreams(i.streams) && !i.streams.includes(stream)) continue;
    if (i.providers !== null && !i.providers.includes(provider)) continue;
    const from = Date.parse(i.occurred_at);
    if (!Number.isFinite(from)) continue;
    out.push({ from, to: from + i.monitor_days * DAY_MS });
  }
  return out;
}

const inside = (spans: readonly Span[], at: number) => spans.some((s) => at >= s.from && at <= s.to);

// The store's times are all `YYYY-MM-DDTHH:mm:ss.sssZ`, which order as strings do: compared without parsing (half a
// million observations a run); any other RFC 3339 form is parsed.
const canonical = (at: string): boolean => at.length === 24 && at.charCodeAt(10) === 84 /* T */ && at.charCodeAt(23) === 90 /* Z */;
const atOrAfter = (at: string, iso: string, ms: number): boolean => (canonical(at) ? at >= iso : Date.parse(at) >= ms);

export function watchEvaluate(input: WatchInput): WatchResult {
  const { settings } = input;
  const nowMs = input.now.getTime();
  if (!Number.isFinite(nowMs)) throw new RangeError('now must be a valid Date');
  if (!(settings.windowHours > 0)) throw new RangeError(`windowHours must be > 0, got ${settings.windowHours}`);
  const from = nowMs - settings.windowHours * HOUR_MS;
  const baselineFrom = from - settings.baselineDays * DAY_MS;

  const fromIso = new Date(from).toISOString();
  const kept: SeriesInput[] = [];
  for (const s of input.series) {
    const spans = declaredSpans(input.incidents, s.stream, s.provider);
    const minVolume = METRICS[s.metric].kind === 'rate' ? (settings.minVolume[s.metric] ?? 0) : 0;
    // Most series have no declared incident and all their sends large enough: kept as they are, without a copy.
    // Times outside [baseline_from, now] are evaluateIncident's to drop.
    if (spans.length === 0 && minVolume === 0) {
      kept.push(s);
      continue;
    }
    const observations: Observation[] = [];
    for (const o of s.observations) {
      if (spans.length > 0 && inside(spans, Date.parse(o.at))) continue;
      if (minVolume > 0 && (o.denominator ?? 0) < minVolume && atOrAfter(o.at, fromIso, from)) continue;
      observations.push(o);
    }
    if (observations.length > 0) kept.push({ ...s, observations });
  }

  const evaluation = evaluateIncident({
    occurred_at: new Date(from).toISOString(),
    baseline_days: settings.baselineDays,
    monitor_days: settings.windowHours / 24,
    series: kept,
    now: input.now,
    options: { alpha: settings.alpha },
  });
  let tested = 0;
  for (const s of evaluation.series) for (const p of s.points) if (p.p_value !== null) tested++;
  return {
    evaluated_at: evaluation.evaluated_at,
    from: new Date(from).toISOString(),
    to: input.now.toISOString(),
    baseline_from: new Date(baselineFrom).toISOString(),
    watched: kept.length,
    tested,
    series: evaluation.series,
  };
}

/** A series with a dip (or severe) among its watched points. */
export const hasDip = (s: RecoverySeries): boolean => s.points.some((p) => p.verdict !== 'ok');
