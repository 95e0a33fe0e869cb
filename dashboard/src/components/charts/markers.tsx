// Point markers by verdict: a shape per verdict (circle ok, triangle dip, diamond severe) so the flagged points
// read without colour; provisional observations are hollow (their counts are still arriving); the apology send's
// points are ringed.
import type { RecoveryPoint } from '#shared/schema/recovery.ts';
import { CHART_STYLE, VERDICT_STYLE, type MarkerShape } from './chartConfig.ts';

export function markerPath(shape: MarkerShape, cx: number, cy: number, size: number): string {
  if (shape === 'triangle') return `M${cx},${cy - size} L${cx + size},${cy + size * 0.8} L${cx - size},${cy + size * 0.8} Z`;
  if (shape === 'diamond') return `M${cx},${cy - size} L${cx + size},${cy} L${cx},${cy + size} L${cx - size},${cy} Z`;
  return `M${cx - size},${cy} a${size},${size} 0 1,0 ${size * 2},0 a${size},${size} 0 1,0 ${-size * 2},0`;
}

interface MarkerProps { point: RecoveryPoint; cx: number; cy: number; lineColor: string }

export function VerdictMarker({ point, cx, cy, lineColor }: MarkerProps) {
  const style = VERDICT_STYLE[point.verdict];
  const color = point.verdict === 'ok' ? lineColor : style.color;
  return (
    <path
      d={markerPath(style.shape, cx, cy, style.size)}
      fill={point.provisional ? '#fff' : color}
      // A white outline separates a flagged marker from the line under it; a hollow one needs a coloured edge.
      stroke={point.verdict === 'ok' || point.provisional ? color : '#fff'}
      strokeWidth={point.provisional ? 1.5 : 1}
      data-verdict={point.verdict}
      data-provisional={point.provisional ? 'true' : undefined}
    />
  );
}

/** The ring around a point of the apology send, on top of its verdict marker. */
export function ApologyRing({ cx, cy }: { cx: number; cy: number }) {
  return <circle cx={cx} cy={cy} r={CHART_STYLE.apology.ring} fill="none" stroke={CHART_STYLE.apology.stroke} strokeWidth={2} data-apology="true" />;
}

/** The legend's sample of the apology ring. */
export function ApologyRingSample() {
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" className="marker-sample">
      <circle cx={7} cy={7} r={5.5} fill="none" stroke={CHART_STYLE.apology.stroke} strokeWidth={1.5} />
      <circle cx={7} cy={7} r={2} fill={CHART_STYLE.apology.stroke} />
    </svg>
  );
}

/** The legend's sample of a marker, as a small inline SVG. */
export function MarkerSample({ shape, color, hollow = false }: { shape: MarkerShape; color: string; hollow?: boolean }) {
  const size = shape === 'circle' ? 4 : 5;
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" className="marker-sample">
      <path d={markerPath(shape, 7, 7, size)} fill={hollow ? '#fff' : color} stroke={color} strokeWidth={1.5} />
    </svg>
  );
}
