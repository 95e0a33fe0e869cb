// Turns the recovery's series into what the charts draw: small multiples grouped by metric, one panel per
// stream (lines per provider) or per provider (lines per stream). Pure, so the charts only render props.
import { METRIC_IDS, type MetricId } from '#shared/metrics.ts';
import type { RecoveryPoint, RecoverySeries } from '#shared/schema/recovery.ts';
import { lineColor, providerLabel, STATUS_STYLE } from './chartConfig.ts';

export type LineBy = 'provider' | 'stream';

export interface ChartLine {
  key: string;
  label: string;
  color: string;
  status: RecoverySeries['status'];
  baselineRate: number | null;
  recoveredAt: string | null;
  points: RecoveryPoint[];
}

export interface ChartPanel {
  id: string;
  metric: MetricId;
  title: string;
  lines: ChartLine[];
  /** The line whose band is shaded first: the worst one, where a reader should look. */
  focusKey: string | null;
  /** When every line that dipped has recovered: the last of their recovery moments. */
  recoveredAt: string | null;
}

export interface MetricGroup { metric: MetricId; panels: ChartPanel[] }

export interface SeriesFilter { metric: string | null; stream: string | null; provider: string | null; from: number | null }

export function filterSeries(series: readonly RecoverySeries[], f: SeriesFilter): RecoverySeries[] {
  return series
    .filter((s) => (!f.metric || s.metric === f.metric) && (!f.stream || s.stream === f.stream) && (!f.provider || s.provider === f.provider))
    .map((s) => (f.from === null ? s : { ...s, points: s.points.filter((p) => Date.parse(p.at) >= (f.from ?? 0)) }));
}

const worse = (a: ChartLine, b: ChartLine) => STATUS_STYLE[b.status].rank - STATUS_STYLE[a.status].rank;

function panelRecoveredAt(lines: readonly ChartLine[]): string | null {
  const dipped = lines.filter((l) => l.status === 'recovered' || l.status === 'recovering' || l.status === 'degraded');
  if (dipped.length === 0 || dipped.some((l) => l.status !== 'recovered')) return null;
  return dipped.map((l) => l.recoveredAt ?? '').sort().at(-1) ?? null;
}

export function groupSeries(series: readonly RecoverySeries[], lineBy: LineBy): MetricGroup[] {
  const panelBy: LineBy = lineBy === 'provider' ? 'stream' : 'provider';
  const byMetric = new Map<MetricId, Map<string, RecoverySeries[]>>();
  for (const s of series) {
    const panels = byMetric.get(s.metric) ?? new Map<string, RecoverySeries[]>();
    const key = s[panelBy];
    panels.set(key, [...(panels.get(key) ?? []), s]);
    byMetric.set(s.metric, panels);
  }
  // Colours follow a stable order (every stream in the recovery), so a stream keeps its colour across panels.
  const lineKeys = [...new Set(series.map((s) => s[lineBy]))].sort();
  const groups: MetricGroup[] = [];
  for (const metric of METRIC_IDS) {
    const panels = byMetric.get(metric);
    if (!panels) continue;
    const built = [...panels.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, members]): ChartPanel => {
        const lines = members
          .map((s): ChartLine => ({
            key: s[lineBy],
            label: lineBy === 'provider' ? providerLabel(s.provider) : s.stream,
            color: lineColor(lineBy, s[lineBy], lineKeys.indexOf(s[lineBy])),
            status: s.status,
            baselineRate: s.baseline.rate,
            recoveredAt: s.recovered_at,
            points: s.points,
          }))
          .sort((a, b) => a.key.localeCompare(b.key));
        const focus = [...lines].sort(worse)[0];
        return {
          id: `${metric}|${key}`,
          metric,
          title: panelBy === 'provider' ? providerLabel(key) : key,
          lines,
          focusKey: focus?.key ?? null,
          recoveredAt: panelRecoveredAt(lines),
        };
      });
    groups.push({ metric, panels: built });
  }
  return groups;
}

/** The apology send as the charts mark it: its id (its points are ringed) and its first point's time (the line). */
export interface ApologyMark { sendId: string; at: string | null }

/**
 * Where the apology send shows in the recovery: its first observation over every series, so each chart draws the
 * line at the same moment, also charts of streams the apology did not go to. `at` is null until it is loaded.
 */
export function apologyMark(series: readonly RecoverySeries[], sendId: string | null): ApologyMark | null {
  if (sendId === null) return null;
  let first: number | null = null;
  for (const s of series) {
    for (const p of s.points) {
      if (p.send_id !== sendId) continue;
      const t = Date.parse(p.at);
      if (first === null || t < first) first = t;
    }
  }
  return { sendId, at: first === null ? null : new Date(first).toISOString() };
}
