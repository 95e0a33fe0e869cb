// The value axis of a recovery chart: from 0 to a round maximum just above the data, its band and (when within
// reach) the metric's absolute limit — and never past 100% for a metric that is a fraction, since no rate can
// exceed it (an inbox placement of 95% with headroom had rounded up to an axis running to 200%).
import { METRICS, type MetricId } from '#shared/metrics.ts';
import type { ChartRow } from './ChartTooltip.tsx';

// Headroom above the highest value or band edge, so markers at the top are not clipped.
const Y_HEADROOM = 1.1;
// Y ticks at quarters of a round maximum (1, 2, 2.5, 5 × 10^k) read as 0.25%, 0.50%… instead of 2.035%.
export const Y_TICKS = 5;
const NICE_STEPS = [1, 2, 2.5, 5, 10] as const;
// A fraction (every rate and ratio Rebound charts, "rates as fractions", docs/data-formats.md) is bounded by 1 = 100%.
const FRACTION_MAX = 1;

export function niceMax(x: number): number {
  if (!(x > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(x));
  const step = NICE_STEPS.find((n) => x <= n * magnitude) ?? 10;
  return step * magnitude;
}

export function yDomain(metric: MetricId, rows: readonly ChartRow[], limit: number | null): [number, number] {
  const def = METRICS[metric];
  if (def.unit === 'level') return [0, Math.max(1, (def.levels?.length ?? 1) - 1)];
  let max = 0;
  for (const r of rows) {
    for (const v of Object.values(r.values)) max = Math.max(max, v);
    if (r.band) max = Math.max(max, r.band[1]);
  }
  // The absolute limit is drawn when it is within reach of the data, not when it would flatten every line.
  if (limit !== null && limit < max * 2) max = Math.max(max, limit);
  const top = niceMax(max * Y_HEADROOM);
  return [0, def.unit === 'fraction' ? Math.min(top, FRACTION_MAX) : top];
}
