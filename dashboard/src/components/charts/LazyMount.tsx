// Mounts its children when they come near the viewport, and keeps them mounted. An incident with 60 series
// draws a dozen charts; rendering only the ones on screen keeps the page's first render well under a second.
import { useEffect, useRef, useState, type ReactNode } from 'react';

// Start rendering a little before a chart scrolls into view, so scrolling does not reveal empty boxes.
const PRELOAD_MARGIN = '200px 0px';

export function LazyMount({ height, label, children }: { height: number; label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  // Without IntersectionObserver (very old browsers) everything renders at once.
  const [visible, setVisible] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (visible || !el) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setVisible(true);
          observer.disconnect();
        }
      },
      { rootMargin: PRELOAD_MARGIN },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [visible]);
  if (visible) return <>{children}</>;
  // role="img": an aria-label is not allowed on a plain div (axe-core aria-prohibited-attr); the placeholder stands
  // for the chart it becomes.
  return <div ref={ref} className="chart-placeholder" style={{ minHeight: height }} role="img" aria-busy="true" aria-label={`${label} (loading)`} />;
}
