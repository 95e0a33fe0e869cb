// Status as a word and a colour (readable without colour), for series and incidents.
import type { RecoverySeries } from '#shared/schema/recovery.ts';
import { STATUS_STYLE } from './charts/chartConfig.ts';

export function StatusBadge({ status }: { status: RecoverySeries['status'] }) {
  const s = STATUS_STYLE[status];
  return (
    <span className={`badge status-${status}`} style={{ color: s.color, background: s.background, borderColor: s.color }}>
      {s.label}
    </span>
  );
}
