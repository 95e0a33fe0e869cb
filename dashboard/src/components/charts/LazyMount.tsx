// Mounts its children when they come near the viewport, and keeps them mounted. An incident with 60 series
// draws a dozen charts; rendering only the ones on screen keeps the page's first screen fast (docs/performance.md).
import { useEffect, useRef, useState, type ReactNode } from 'react';

// Start rendering a little before a chart scrolls into view, so scrolling does not reveal empty boxes. Charts in view
// mount at once; those only within the margin wait for an idle moment, so they do not delay the first screen.
const PRELOAD_MARGIN = '200px 0px';
const IDLE_TIMEOUT_MS = 1_000;

function whenIdle(run: () => void): () => void {
  if (typeof requestIdleCallback === 'undefined') {
    const t = setTimeout(run, 0);
    return () => clearTimeout(t);
  }
  const handle = requestIdleCallback(run, { timeout: IDLE_TIMEOUT_MS });
  return () => cancelIdleCallback(handle);
}

export function LazyMount({ height, label, children }: { height: number; label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  // Without IntersectionObserver (very old browsers) everything renders at once.
  const [visible, setVisible] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (visible || !el) return;
    let cancelIdle: (() => void) | null = null;
    // In view: at once. Near (the margin): when idle, unless it scrolls into view first.
    const seen = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setVisible(true);
    });
    const near = new IntersectionObserver(
      (entries) => {
        if (cancelIdle === null && entries.some((e) => e.isIntersecting)) cancelIdle = whenIdle(() => setVisible(true));
      },
      { rootMargin: PRELOAD_MARGIN },
    );
    seen.observe(el);
    near.observe(el);
    return () => {
      seen.disconnect();
      near.disconnect();
      cancelIdle?.();
    };
  }, [visible]);
  if (visible) return <>{children}</>;
  // role="img": an aria-label is not allowed on a plain div (axe-core aria-prohibited-attr); the placeholder stands
  // for the chart it becomes.
  return <div ref={ref} className="chart-placeholder" style={{ minHeight: height }} role="img" aria-busy="true" aria-label={`${label} (loading)`} />;
}
