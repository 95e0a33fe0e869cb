// The chart's tooltip: every line's value at the hovered send as a percentage, with its counts, verdict and
// q-value, the focused line's band, and whether the send is the incident's apology.
import type { MetricId } from '#shared/metrics.ts';
import type { RecoveryPoint } from '#shared/schema/recovery.ts';
import { count, dateTime, metricValue } from '../../format.ts';
import { VERDICT_STYLE } from './chartConfig.ts';
import type { ChartLine } from './groups.ts';

export interface ChartRow {
  t: number;
  values: Record<string, number>;
  points: Record<string, RecoveryPoint>;
  band: [number, number] | null;
}

interface Props {
  active: boolean | undefined;
  t: number | null;
  rows: readonly ChartRow[];
  lines: readonly ChartLine[];
  metric: MetricId;
  focusKey: string | null;
  /** The incident's apology send: its observations say so. */
  apologySendId: string | null;
}

// q-values are probabilities; three significant digits separate 0.049 from 0.051 around the 0.05 cut-off.
const Q_DIGITS = 3;

export function ChartTooltip({ active, t, rows, lines, metric, focusKey, apologySendId }: Props) {
  if (!active || t === null) return null;
  const row = rows.find((r) => r.t === t);
  if (!row) return null;
  const apology = apologySendId !== null && Object.values(row.points).some((p) => p.send_id === apologySendId);
  return (
    <div className="chart-tooltip" role="status">
      <div className="chart-tooltip-time">{dateTime(new Date(row.t).toISOString())}</div>
      {apology && <div className="chart-tooltip-apology"><strong>Apology send</strong> ({apologySendId}): the incident’s apology email</div>}
      <table>
        <tbody>
          {lines.map((line) => {
            const p = row.points[line.key];
            if (!p) return null;
            const v = VERDICT_STYLE[p.verdict];
            return (
              <tr key={line.key}>
                <th scope="row"><span className="swatch" style={{ background: line.color }} />{line.label}</th>
                <td className="num">{metricValue(metric, p.value)}</td>
                <td className="num muted">{p.numerator !== null && p.denominator !== null ? `${count(p.numerator)} / ${count(p.denominator)}` : ''}</td>
                <td><strong style={{ color: p.verdict === 'ok' ? undefined : v.color }}>{v.label}</strong>{p.provisional ? ' (provisional)' : ''}</td>
                <td className="num muted">{p.q_value !== null ? `q ${p.q_value.toPrecision(Q_DIGITS)}` : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {row.band && focusKey && (
        <div className="muted">Expected ({lines.find((l) => l.key === focusKey)?.label}): {metricValue(metric, row.band[0])} – {metricValue(metric, row.band[1])}</div>
      )}
    </div>
  );
}
