// The recovery evaluation of one incident (docs/statistics.md), the entry point the service calls. Pure: data and clock in,
// the series objects of the recovery JSON out (the caller wraps them with `incident`).
import { METRICS, type MetricDef, type MetricId } from '../metrics.ts';
import type { RecoveryPoint, RecoverySeries } from '../schema/recovery.ts';
import { levelBand, rateBand, ratioBand, type Band } from './band.ts';
import {
  estimateOrdinalBaseline,
  estimateRateBaseline,
  estimateRatioBaseline,
  MIN_BASELINE_OBSERVATIONS,
  type Baseline,
} from './baseline.ts';
import { benjaminiHochberg } from './bh.ts';
import { incidentStatus, seriesRecovery, type IncidentStatus } from './recovery.ts';
import { rateDegreesOfFreedom, testLevel, testRate, testRatio, type TestResult } from './tests.ts';
import { crossesLimit, decideOrdinalVerdict, decideVerdict, DEFAULT_ALPHA, MIN_DENOMINATOR_FOR_LIMIT, verdictLevel } from './verdict.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface Observation {
  send_id: string | null;
  /** RFC 3339 timestamp. */
  at: string;
  numerator: number | null;
  denominator: number | null;
  /** For rate metrics numerator/denominator (recomputed here from the counts); NaN-free. */
  value: number;
}

export interface SeriesInput {
  metric: MetricId;
  stream: string;
  provider: string;
  observations: Observation[];
}

export interface EvaluateOptions {
  /** BH q-value threshold for a dip (docs/statistics.md: 0.05). */
  alpha?: number;
  minEffect?: Partial<Record<MetricId, number>>;
  maturityHours?: Partial<Record<MetricId, number>>;
  absoluteLimits?: Partial<Record<MetricId, number>>;
}

export interface EvaluateInput {
  occurred_at: string;
  baseline_days: number;
  monitor_days: number;
  series: SeriesInput[];
  now: Date;
  options?: EvaluateOptions;
}

export type SeriesResult = RecoverySeries;

export interface EvaluationResult {
  status: IncidentStatus;
  evaluated_at: string;
  series: SeriesResult[];
}

interface CleanObservation {
  send_id: string | null;
  atMs: number;
  numerator: number | null;
  denominator: number | null;
  value: number;
}

interface PreparedSeries {
  input: SeriesInput;
  def: MetricDef;
  baselineCount: number;
  baseline: Baseline | null;
  tested: CleanObservation[];
  tests: (TestResult | null)[];
  baselineBand: Band | null;
}

/**
 * Keeps what can be evaluated: a parseable time not after `now`; for rates, whole counts with
 * 0 ≤ numerator ≤ denominator and denominator > 0 (a send of size 0 has no rate: skipped, not a NaN point);
 * otherwise a value in the metric's range (a fraction in [0, 1], a count ≥ 0, a level index). Sorted by time.
 */
function clean(def: MetricDef, observations: readonly Observation[], nowMs: number, clock: Clock): CleanObservation[] {
  const out: CleanObservation[] = [];
  for (const o of observations) {
    const atMs = clock.parse(o.at);
    if (!Number.isFinite(atMs) || atMs > nowMs) continue;
    if (def.kind === 'rate') {
      const { numerator: x, denominator: n } = o;
      if (x === null || n === null || !Number.isInteger(x) || !Number.isInteger(n)) continue;
      if (n <= 0 || x < 0 || x > n) continue;
      out.push({ send_id: o.send_id, atMs, numerator: x, denominator: n, value: x / n });
    } else {
      if (!inRange(def, o.value)) continue;
      out.push({ send_id: o.send_id, atMs, numerator: null, denominator: null, value: o.value });
    }
  }
  // Usually already in time order (the store reads them so): then no sort.
  for (let i = 1; i < out.length; i++) if ((out[i - 1] as CleanObservation).atMs > (out[i] as CleanObservation).atMs) return out.sort((a, b) => a.atMs - b.atMs);
  return out;
}

function inRange(def: MetricDef, v: number): boolean {
  if (!Number.isFinite(v) || v < 0) return false;
  if (def.unit === 'fraction') return v <= 1;
  if (def.unit === 'level') return Number.isInteger(v) && v <= maxLevel(def);
  return true;
}

const maxLevel = (def: MetricDef): number => (def.levels?.length ?? 1) - 1;

function estimate(def: MetricDef, obs: readonly CleanObservation[]): Baseline {
  if (def.kind === 'rate') {
    return estimateRateBaseline(obs.map((o) => ({ numerator: o.numerator ?? 0, denominator: o.denominator ?? 0 })));
  }
  const values = obs.map((o) => o.value);
  return def.kind === 'ratio' ? estimateRatioBaseline(values, def.unit, def.resolution ?? 1) : estimateOrdinalBaseline(values, def.worse);
}

function baselineLevel(b: Baseline): number {
  return b.kind === 'rate' ? b.rate : b.kind === 'ratio' ? b.center : b.typical;
}

function testOne(def: MetricDef, b: Baseline, o: CleanObservation): TestResult | null {
  if (b.kind === 'rate') return testRate(b, o.numerator ?? 0, o.denominator ?? 0, def.worse);
  if (b.kind === 'ratio') return testRatio(b, o.value, def.worse, def.unit);
  return testLevel(b, o.value, def.worse, maxLevel(def));
}

function typicalBand(def: MetricDef, b: Baseline): Band {
  if (b.kind === 'rate') return rateBand(b, b.medianDenominator, rateDegreesOfFreedom(b, b.medianDenominator));
  if (b.kind === 'ratio') return ratioBand(b, def.unit);
  return levelBand(b, maxLevel(def));
}

function prepare(s: SeriesInput, windows: { from: number; occurred: number; until: number }, nowMs: number, clock: Clock): PreparedSeries {
  const def = METRICS[s.metric];
  const obs = clean(def, s.observations, nowMs, clock);
  const inBaseline = obs.filter((o) => o.atMs >= windows.from && o.atMs < windows.occurred);
  const tested = obs.filter((o) => o.atMs >= windows.occurred && o.atMs <= windows.until);
  const sufficient = inBaseline.length >= MIN_BASELINE_OBSERVATIONS;
  const baseline = inBaseline.length > 0 ? estimate(def, inBaseline) : null;
  const usable = sufficient ? baseline : null;
  const tests = tested.map((o) => (usable === null ? null : testOne(def, usable, o)));
  return {
    input: s,
    def,
    baselineCount: inBaseline.length,
    baseline,
    tested,
    tests,
    baselineBand: usable === null ? null : typicalBand(def, usable),
  };
}

/**
 * Timestamps parsed and formatted once per evaluation: the series of one incident share their sends' times (every
 * metric and provider of a send has the same one), so 300,000 observations hold a few thousand distinct times.
 */
class Clock {
  private readonly parsed = new Map<string, number>();
  private readonly formatted = new Map<number, string>();

  parse(at: string): number {
    let ms = this.parsed.get(at);
    if (ms === undefined) {
      ms = Date.parse(at);
      this.parsed.set(at, ms);
    }
    return ms;
  }

  iso(ms: number): string {
    let text = this.formatted.get(ms);
    if (text === undefined) {
      text = new Date(ms).toISOString();
      this.formatted.set(ms, text);
    }
    return text;
  }
}

function checkDays(name: string, days: number): void {
  if (typeof days !== 'number' || !Number.isFinite(days) || days < 0) {
    throw new RangeError(`${name} must be a finite number of days ≥ 0, got ${String(days)}`);
  }
}

export function evaluateIncident(input: EvaluateInput): EvaluationResult {
  const occurred = Date.parse(input.occurred_at);
  if (!Number.isFinite(occurred)) throw new RangeError(`occurred_at "${input.occurred_at}" is not an RFC 3339 timestamp`);
  checkDays('baseline_days', input.baseline_days);
  checkDays('monitor_days', input.monitor_days);
  const nowMs = input.now instanceof Date ? input.now.getTime() : NaN;
  if (!Number.isFinite(nowMs)) throw new RangeError('now must be a valid Date');
  const opts = input.options ?? {};
  const alpha = opts.alpha ?? DEFAULT_ALPHA;
  const windows = {
    from: occurred - input.baseline_days * DAY_MS,
    occurred,
    until: occurred + input.monitor_days * DAY_MS,
  };
  const clock = new Clock();
  const iso = (ms: number): string => clock.iso(ms);
  const prepared = input.series.map((s) => prepare(s, windows, nowMs, clock));

  // Benjamini–Hochberg over every tested observation of the whole evaluation (all series together). Ordinal
  // levels stay out: their rank p-values are valid alone but can never be smaller than 1/(k+1) (verdict.ts).
  const flatP: (number | null)[] = [];
  for (const p of prepared) for (const t of p.tests) flatP.push(t === null || p.def.kind === 'ordinal' ? null : t.pValue);
  const flatQ = benjaminiHochberg(flatP);

  let offset = 0;
  const series: SeriesResult[] = prepared.map((p) => {
    const { def, baseline } = p;
    const id = def.id;
    const minEffect = opts.minEffect?.[id] ?? def.minEffect;
    const maturityMs = (opts.maturityHours?.[id] ?? def.maturityHours) * HOUR_MS;
    const limit = opts.absoluteLimits?.[id] ?? def.absoluteLimit;
    const sufficient = p.baselineCount >= MIN_BASELINE_OBSERVATIONS;
    const level = sufficient && baseline !== null ? baselineLevel(baseline) : null;

    const points: RecoveryPoint[] = p.tested.map((o, i) => {
      const t = p.tests[i] ?? null;
      const q = flatQ[offset + i] ?? null;
      let verdict;
      if (def.kind === 'ordinal') {
        verdict = decideOrdinalVerdict(o.value, level, limit, t?.pValue ?? null, alpha);
      } else {
        const limitApplies = def.kind !== 'rate' || (o.denominator ?? 0) >= MIN_DENOMINATOR_FOR_LIMIT;
        const overLimit = limitApplies && crossesLimit(o.value, limit, def.worse);
        const compared = level === null ? null : verdictLevel(level, def.levelFloor, def.worse, o.denominator);
        verdict = decideVerdict({ q, alpha, value: o.value, baseline: compared, worse: def.worse, minEffect, overLimit });
      }
      return {
        send_id: o.send_id,
        at: iso(o.atMs),
        numerator: o.numerator,
        denominator: o.denominator,
        value: o.value,
        lower: t?.lower ?? (def.kind === 'ordinal' ? (p.baselineBand?.lower ?? null) : null),
        upper: t?.upper ?? (def.kind === 'ordinal' ? (p.baselineBand?.upper ?? null) : null),
        p_value: t?.pValue ?? null,
        q_value: q,
        verdict,
        provisional: nowMs - o.atMs < maturityMs,
      };
    });
    offset += p.tested.length;

    const recovery = seriesRecovery(points, iso(occurred), sufficient);
    return {
      metric: id,
      stream: p.input.stream,
      provider: p.input.provider,
      status: recovery.status,
      baseline: {
        from: iso(windows.from),
        to: iso(occurred),
        observations: p.baselineCount,
        rate: baseline === null ? null : baselineLevel(baseline),
        lower: p.baselineBand?.lower ?? null,
        upper: p.baselineBand?.upper ?? null,
      },
      first_dip_at: recovery.first_dip_at,
      recovered_at: recovery.recovered_at,
      time_to_recover_hours: recovery.time_to_recover_hours,
      points,
    };
  });

  return { status: incidentStatus(series.map((s) => s.status)), evaluated_at: input.now.toISOString(), series };
}
