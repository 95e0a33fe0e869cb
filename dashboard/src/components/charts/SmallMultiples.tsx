// The incident page's charts: a section per metric, a small multiple per stream (or provider), with one legend
// for the markers and lines (and the apology send, when the incident names one). Renders only the groups it is
// given, with an explicit empty state.
import { METRICS } from '#shared/metrics.ts';
import { CHART_STYLE, VERDICT_STYLE } from './chartConfig.ts';
import type { ApologyMark, MetricGroup } from './groups.ts';
import { ApologyRingSample, MarkerSample } from './markers.tsx';
import { LazyMount } from './LazyMount.tsx';
import { RecoveryChart, type ChartAnnotation } from './RecoveryChart.tsx';

// The figcaption above each chart; the placeholder reserves it too, so the page does not jump.
const CAPTION_HEIGHT = 22;

interface Props {
  groups: readonly MetricGroup[];
  occurredAt: string;
  /** The incident's timeline annotations, drawn on every chart. */
  annotations: readonly ChartAnnotation[];
  /** The incident's apology send, marked on every chart; null when none is named. */
  apology?: ApologyMark | null;
  compact: boolean;
}

export function ChartLegend({ annotations = false, apology = null }: { annotations?: boolean; apology?: ApologyMark | null }) {
  return (
    <ul className="chart-legend" aria-label="Chart legend">
      {(['ok', 'dip', 'severe'] as const).map((v) => (
        <li key={v}><MarkerSample shape={VERDICT_STYLE[v].shape} color={VERDICT_STYLE[v].color} /> {VERDICT_STYLE[v].label}</li>
      ))}
      <li><MarkerSample shape="circle" color={VERDICT_STYLE.ok.color} hollow /> Provisional (counts still arriving)</li>
      <li><span className="legend-band" style={{ background: CHART_STYLE.band.fill }} /> {CHART_STYLE.band.label} (thick line)</li>
      <li><span className="legend-rule dashed" style={{ borderColor: CHART_STYLE.baseline.stroke }} /> {CHART_STYLE.baseline.label}</li>
      <li><span className="legend-rule vertical" style={{ borderColor: CHART_STYLE.incident.stroke }} /> {CHART_STYLE.incident.label} / <span style={{ color: CHART_STYLE.recovered.stroke }}>{CHART_STYLE.recovered.label}</span></li>
      {annotations && <li><span className="legend-rule vertical dotted" style={{ borderColor: CHART_STYLE.annotation.stroke }} /> Timeline annotation (labelled)</li>}
      {apology && (
        <li data-legend="apology">
          <ApologyRingSample /> Apology send <code>{apology.sendId}</code> (ringed)
          {apology.at && <> / <span className="legend-rule vertical apology" style={{ borderColor: CHART_STYLE.apology.stroke }} /> {CHART_STYLE.apology.label}</>}
        </li>
      )}
    </ul>
  );
}

function LineKey({ lines }: { lines: MetricGroup['panels'][number]['lines'] }) {
  return (
    <ul className="line-key">
      {lines.map((l) => (
        <li key={l.key}><span className="swatch" style={{ background: l.color }} />{l.label}</li>
      ))}
    </ul>
  );
}

export function SmallMultiples({ groups, occurredAt, annotations, apology = null, compact }: Props) {
  if (groups.length === 0) {
    return <p className="empty" role="status">No series match these filters. Clear a filter or widen the time range.</p>;
  }
  return (
    <div className="small-multiples">
      <ChartLegend annotations={annotations.length > 0} apology={apology} />
      {groups.map((g) => {
        const allLines = [...new Map(g.panels.flatMap((p) => p.lines).map((l) => [l.key, l])).values()];
        return (
          <section key={g.metric} className="metric-group" aria-labelledby={`metric-${g.metric}`}>
            <header className="metric-group-header">
              <h3 id={`metric-${g.metric}`}>{METRICS[g.metric].label}</h3>
              <LineKey lines={allLines} />
            </header>
            <div className="chart-grid">
              {g.panels.map((p) => {
                const height = compact ? CHART_STYLE.narrowHeight : CHART_STYLE.height;
                return (
                  <LazyMount key={p.id} height={height + CAPTION_HEIGHT} label={`${METRICS[g.metric].label}, ${p.title}`}>
                    <RecoveryChart
                      metric={p.metric}
                      title={p.title}
                      lines={p.lines}
                      focusKey={p.focusKey}
                      occurredAt={occurredAt}
                      recoveredAt={p.recoveredAt}
                      annotations={annotations}
                      apology={apology}
                      height={height}
                    />
                  </LazyMount>
                );
              })}
            </div>
          </section>
        );
      })}
    </div>
  );
}
