// Every series of the recovery in a table that sorts by any column (header buttons, keyboard-usable;
// aria-sort tells screen readers the order). The sort lives in the URL with the other filters.
import { METRICS } from '#shared/metrics.ts';
import type { RecoverySeries } from '#shared/schema/recovery.ts';
import { dateTime, duration, metricValue } from '../format.ts';
import { providerLabel, STATUS_STYLE } from './charts/chartConfig.ts';
import { StatusBadge } from './StatusBadge.tsx';

type Column = { id: string; label: string; numeric: boolean; key: (s: RecoverySeries) => string | number };

const latest = (s: RecoverySeries) => s.points.at(-1)?.value ?? -1;
const flagged = (s: RecoverySeries) => s.points.filter((p) => p.verdict !== 'ok').length;

export const SERIES_COLUMNS: readonly Column[] = [
  { id: 'metric', label: 'Metric', numeric: false, key: (s) => METRICS[s.metric].label },
  { id: 'stream', label: 'Stream', numeric: false, key: (s) => s.stream },
  { id: 'provider', label: 'Provider', numeric: false, key: (s) => s.provider },
  { id: 'status', label: 'Status', numeric: true, key: (s) => STATUS_STYLE[s.status].rank },
  { id: 'baseline', label: 'Baseline', numeric: true, key: (s) => s.baseline.rate ?? -1 },
  { id: 'latest', label: 'Latest', numeric: true, key: latest },
  { id: 'flagged', label: 'Flagged', numeric: true, key: flagged },
  { id: 'first_dip', label: 'First dip', numeric: false, key: (s) => s.first_dip_at ?? '' },
  { id: 'recovered', label: 'Recovered', numeric: false, key: (s) => s.recovered_at ?? '' },
  { id: 'ttr', label: 'Time to recover', numeric: true, key: (s) => s.time_to_recover_hours ?? -1 },
];

export type SortDir = 'asc' | 'desc';

export function sortSeries(series: readonly RecoverySeries[], columnId: string, dir: SortDir): RecoverySeries[] {
  const col = SERIES_COLUMNS.find((c) => c.id === columnId) ?? SERIES_COLUMNS[3];
  if (!col) return [...series];
  const sign = dir === 'asc' ? 1 : -1;
  return [...series].sort((a, b) => {
    const x = col.key(a);
    const y = col.key(b);
    return sign * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y)));
  });
}

interface Props {
  series: readonly RecoverySeries[];
  sort: string;
  dir: SortDir;
  onSort: (column: string, dir: SortDir) => void;
}

export function SeriesTable({ series, sort, dir, onSort }: Props) {
  if (series.length === 0) return <p className="empty" role="status">No series match these filters.</p>;
  const rows = sortSeries(series, sort, dir);
  return (
    <div className="table-wrap">
      <table className="series-table">
        <caption className="sr-only">Series, sorted by {SERIES_COLUMNS.find((c) => c.id === sort)?.label ?? 'status'} ({dir === 'asc' ? 'ascending' : 'descending'})</caption>
        <thead>
          <tr>
            {SERIES_COLUMNS.map((c) => {
              const active = c.id === sort;
              const next: SortDir = active ? (dir === 'asc' ? 'desc' : 'asc') : c.numeric ? 'desc' : 'asc';
              return (
                <th key={c.id} scope="col" aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'} className={c.numeric ? 'num' : undefined}>
                  <button type="button" className="sort-button" onClick={() => onSort(c.id, next)}>
                    {c.label}<span aria-hidden="true">{active ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={`${s.metric}|${s.stream}|${s.provider}`}>
              <td>{METRICS[s.metric].label}</td>
              <td>{s.stream}</td>
              <td>{providerLabel(s.provider)}</td>
              <td className="num"><StatusBadge status={s.status} /></td>
              <td className="num">{metricValue(s.metric, s.baseline.rate)}<div className="muted small">{s.baseline.observations} obs.</div></td>
              <td className="num">{metricValue(s.metric, s.points.at(-1)?.value)}</td>
              <td className="num">{flagged(s)} / {s.points.length}</td>
              <td>{dateTime(s.first_dip_at)}</td>
              <td>{dateTime(s.recovered_at)}</td>
              <td className="num">{duration(s.time_to_recover_hours)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
