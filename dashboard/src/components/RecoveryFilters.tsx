// The incident page's filters: time range, metric, stream, provider and what a line stands for. All live in
// the URL, so a filtered view is a link to share.
import { METRICS, type MetricId } from '#shared/metrics.ts';
import type { LineBy } from './charts/groups.ts';
import { providerLabel } from './charts/chartConfig.ts';

export const RANGES = [
  { value: '', label: 'Whole monitoring window', days: null },
  { value: '7d', label: 'Last 7 days', days: 7 },
  { value: '14d', label: 'Last 14 days', days: 14 },
  { value: '30d', label: 'Last 30 days', days: 30 },
] as const;

export interface FilterValues { range: string; metric: string; stream: string; provider: string; lines: LineBy }

interface Props {
  values: FilterValues;
  metrics: readonly MetricId[];
  streams: readonly string[];
  providers: readonly string[];
  onChange: (patch: Record<string, string | null>) => void;
}

export function RecoveryFilters({ values, metrics, streams, providers, onChange }: Props) {
  return (
    <div className="filters" role="group" aria-label="Chart filters">
      <label>Time range <select value={values.range} onChange={(e) => onChange({ range: e.target.value })}>
        {RANGES.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}
      </select></label>
      <label>Metric <select value={values.metric} onChange={(e) => onChange({ metric: e.target.value })}>
        <option value="">All metrics</option>
        {metrics.map((m) => <option key={m} value={m}>{METRICS[m].label}</option>)}
      </select></label>
      <label>Stream <select value={values.stream} onChange={(e) => onChange({ stream: e.target.value })}>
        <option value="">All streams</option>
        {streams.map((s) => <option key={s} value={s}>{s}</option>)}
      </select></label>
      <label>Provider <select value={values.provider} onChange={(e) => onChange({ provider: e.target.value })}>
        <option value="">All providers</option>
        {providers.map((p) => <option key={p} value={p}>{providerLabel(p)}</option>)}
      </select></label>
      <label>One line per <select value={values.lines} onChange={(e) => onChange({ lines: e.target.value === 'provider' ? null : e.target.value })}>
        <option value="provider">mailbox provider</option>
        <option value="stream">stream</option>
      </select></label>
      <button type="button" className="link-button" onClick={() => onChange({ range: null, metric: null, stream: null, provider: null, lines: null })}>Reset</button>
    </div>
  );
}
