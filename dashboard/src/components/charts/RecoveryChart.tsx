// One small multiple: a metric on one stream (or provider) after the incident, one line per provider (or
// stream), the focused line's baseline 95% band shaded, each observation marked by verdict, the incident and
// recovery moments, the team's timeline annotations, the apology send (its points ringed, a line when it went out)
// and the metric's absolute limit as reference lines. Renders only its props.
import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DotItemDotProps } from 'recharts';
import { METRICS, type MetricId } from '#shared/metrics.ts';
import type { Annotation } from '#shared/schema/annotations.ts';
import type { RecoveryPoint } from '#shared/schema/recovery.ts';
import { dateTime, metricValue, shortDate } from '../../format.ts';
import { Y_TICKS, yDomain } from './axis.ts';
import { CHART_STYLE } from './chartConfig.ts';
import { ChartTooltip, type ChartRow } from './ChartTooltip.tsx';
import type { ApologyMark, ChartLine } from './groups.ts';
import { ApologyRing, VerdictMarker } from './markers.tsx';

export interface RecoveryChartProps {
  metric: MetricId;
  title: string;
  lines: readonly ChartLine[];
  focusKey: string | null;
  occurredAt: string;
  recoveredAt: string | null;
  /** The incident's timeline annotations, drawn as labelled vertical lines. */
  annotations?: readonly ChartAnnotation[];
  /** The incident's apology send: its points are ringed and a labelled line marks when it went out. */
  apology?: ApologyMark | null;
  height?: number;
}

export type ChartAnnotation = Pick<Annotation, 'id' | 'at' | 'kind' | 'label'>;

// The recovered label sits one line below the incident label, so the two never overlap when close together.
const SECOND_LABEL_DY = 12;
// Annotation labels take the rows below those two, in turn, so neighbouring annotations do not overwrite each other.
const ANNOTATION_ROWS = 3;
const NO_ANNOTATIONS: readonly ChartAnnotation[] = [];

export function shortLabel(text: string, max: number = CHART_STYLE.annotation.maxChars): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

export function buildRows(lines: readonly ChartLine[], focusKey: string | null): ChartRow[] {
  const rows = new Map<number, ChartRow>();
  for (const line of lines) {
    for (const p of line.points) {
      const t = Date.parse(p.at);
      const row = rows.get(t) ?? { t, values: {}, points: {}, band: null };
      row.values[line.key] = p.value;
      row.points[line.key] = p;
      if (line.key === focusKey && p.lower !== null && p.upper !== null) row.band = [p.lower, p.upper];
      rows.set(t, row);
    }
  }
  return [...rows.values()].sort((a, b) => a.t - b.t);
}

export function RecoveryChart({ metric, title, lines, focusKey, occurredAt, recoveredAt, annotations = NO_ANNOTATIONS, apology = null, height = CHART_STYLE.height }: RecoveryChartProps) {
  const def = METRICS[metric];
  const rows = buildRows(lines, focusKey);
  if (rows.length === 0) {
    return (
      <figure className="chart chart-empty" aria-label={`${def.label}, ${title}: no observations`}>
        <figcaption>{title}</figcaption>
        <p className="muted">No observations after the incident in this range yet.</p>
      </figure>
    );
  }
  const occurred = Date.parse(occurredAt);
  const recovered = recoveredAt ? Date.parse(recoveredAt) : null;
  const last = rows[rows.length - 1]?.t ?? occurred;
  const marks = annotations.map((a) => ({ ...a, t: Date.parse(a.at) })).filter((a) => Number.isFinite(a.t)).sort((a, b) => a.t - b.t);
  const apologyAt = apology?.at ? Date.parse(apology.at) : null;
  const moments = [...marks.map((a) => a.t), ...(apologyAt === null ? [] : [apologyAt])];
  const domain: [number, number] = [
    Math.min(occurred, rows[0]?.t ?? occurred, ...moments),
    Math.max(last, recovered ?? last, ...moments),
  ];
  const middle = (domain[0] + domain[1]) / 2;
  const limit = def.unit === 'level' ? null : def.absoluteLimit;
  const [, yMax] = yDomain(metric, rows, limit);
  const focus = lines.find((l) => l.key === focusKey) ?? null;
  const flagged = rows.reduce((n, r) => n + Object.values(r.points).filter((p) => p.verdict !== 'ok').length, 0);
  const lineNames = lines.map((l) => l.label).join(', ');

  return (
    <figure className="chart" data-metric={metric} data-annotations={marks.length} data-apology-line={apologyAt !== null ? 'true' : undefined} aria-label={`${def.label}, ${title}: ${rows.length} observations of ${lineNames}; ${flagged} flagged`}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={CHART_STYLE.grid} vertical={false} />
          <XAxis dataKey="t" type="number" scale="time" domain={domain} tickFormatter={shortDate} stroke={CHART_STYLE.axis} fontSize={11} minTickGap={24} />
          <YAxis
            domain={[0, yMax]}
            tickFormatter={(v: number) => metricValue(metric, v)}
            stroke={CHART_STYLE.axis}
            fontSize={11}
            width={def.unit === 'level' ? 62 : 54}
            ticks={def.unit === 'level' ? (def.levels ?? []).map((_, i) => i) : Array.from({ length: Y_TICKS }, (_, i) => (yMax * i) / (Y_TICKS - 1))}
          />
          <Area
            dataKey={(r: ChartRow) => r.band}
            stroke="none"
            fill={CHART_STYLE.band.fill}
            fillOpacity={CHART_STYLE.band.opacity}
            isAnimationActive={false}
            activeDot={false}
            connectNulls
            name={CHART_STYLE.band.label}
          />
          {focus?.baselineRate != null && (
            <ReferenceLine y={focus.baselineRate} stroke={CHART_STYLE.baseline.stroke} strokeDasharray={CHART_STYLE.baseline.dash} ifOverflow="extendDomain" />
          )}
          {limit !== null && limit <= yMax && (
            <ReferenceLine y={limit} stroke={CHART_STYLE.limit.stroke} strokeDasharray={CHART_STYLE.limit.dash} label={{ value: `${CHART_STYLE.limit.label} ${metricValue(metric, limit)}`, position: 'insideTopRight', fontSize: 10, fill: CHART_STYLE.limit.stroke }} />
          )}
          <ReferenceLine x={occurred} stroke={CHART_STYLE.incident.stroke} strokeDasharray={CHART_STYLE.incident.dash} label={{ value: CHART_STYLE.incident.label, position: 'insideTopLeft', fontSize: 10, fill: CHART_STYLE.incident.stroke }} />
          {recovered !== null && (
            <ReferenceLine x={recovered} stroke={CHART_STYLE.recovered.stroke} strokeDasharray={CHART_STYLE.recovered.dash} label={{ value: CHART_STYLE.recovered.label, position: 'insideTopLeft', dy: SECOND_LABEL_DY, fontSize: 10, fill: CHART_STYLE.recovered.stroke }} />
          )}
          {marks.map((a, i) => (
            <ReferenceLine
              key={a.id}
              x={a.t}
              className="annotation-line"
              stroke={CHART_STYLE.annotation.stroke}
              strokeDasharray={CHART_STYLE.annotation.dash}
              strokeWidth={1.5}
              // Labels point into the chart: right of the line in its left half, left of it in its right half.
              label={{ value: shortLabel(a.label), position: a.t <= middle ? 'insideTopLeft' : 'insideTopRight', dy: SECOND_LABEL_DY * (2 + (i % ANNOTATION_ROWS)), fontSize: 10, fill: CHART_STYLE.annotation.stroke }}
            />
          ))}
          {apologyAt !== null && (
            <ReferenceLine
              x={apologyAt}
              className="apology-line"
              stroke={CHART_STYLE.apology.stroke}
              strokeDasharray={CHART_STYLE.apology.dash}
              strokeWidth={1.5}
              // The row below the annotations' rows, pointing into the chart like them; the foot of the chart holds
              // the limit's label and the axis.
              label={{ value: CHART_STYLE.apology.label, position: apologyAt <= middle ? 'insideTopLeft' : 'insideTopRight', dy: SECOND_LABEL_DY * (2 + ANNOTATION_ROWS), fontSize: 10, fontWeight: 600, fill: CHART_STYLE.apology.stroke }}
            />
          )}
          {lines.map((line) => (
            <Line
              key={line.key}
              dataKey={(r: ChartRow) => r.values[line.key] ?? null}
              name={line.label}
              stroke={line.color}
              strokeWidth={line.key === focusKey ? 2 : 1.25}
              strokeOpacity={line.key === focusKey || focusKey === null ? 1 : 0.75}
              connectNulls
              isAnimationActive={false}
              dot={(props: DotItemDotProps) => {
                const point: RecoveryPoint | undefined = (props.payload as ChartRow).points[line.key];
                if (!point || props.cx == null || props.cy == null) return <g key={`${line.key}-${props.index}`} />;
                const marker = <VerdictMarker point={point} cx={Number(props.cx)} cy={Number(props.cy)} lineColor={line.color} />;
                if (apology === null || point.send_id !== apology.sendId) return <g key={`${line.key}-${props.index}`}>{marker}</g>;
                return <g key={`${line.key}-${props.index}`}>{marker}<ApologyRing cx={Number(props.cx)} cy={Number(props.cy)} /></g>;
              }}
              activeDot={{ r: 4 }}
            />
          ))}
          <Tooltip
            content={(p) => <ChartTooltip active={p.active} t={typeof p.label === 'number' ? p.label : null} rows={rows} lines={lines} metric={metric} focusKey={focusKey} apologySendId={apology?.sendId ?? null} />}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
      <p className="sr-only">
        Incident at {dateTime(occurredAt)}{recoveredAt ? `; recovered at ${dateTime(recoveredAt)}` : ''}.
        {marks.map((a) => ` ${a.label} at ${dateTime(a.at)}.`).join('')}
        {apology?.at ? ` Apology send ${apology.sendId} at ${dateTime(apology.at)} (its points are ringed).` : ''}
      </p>
    </figure>
  );
}
