// Mounts its children when they come near the viewport, and keeps them mounted. An incident with 60 series
// draws a dozen charts; rendering only the ones on screen keeps the page's first render well under a second.
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

const inView = (e: IntersectionObserverEntry) => e.boundingClientRect.top < window.innerHeight && e.boundingClientRect.bottom > 0;

export function LazyMount({ height, label, children }: { height: number; label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  // Without IntersectionObserver (very old browsers) everything renders at once.
  const [visible, setVisible] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (visible || !el) return;
    let cancelIdle: (() => void) | null = null;
    const observer = new IntersectionObserver(
      (entries) => {
        const near = entries.filter((e) => e.isIntersecting);
        if (near.length === 0) return;
        observer.disconnect();
        if (near.some(inView)) setVisible(true);
        else cancelIdle = whenIdle(() => setVisible(true));
      },
      { rootMargin: PRELOAD_MARGIN },
    );
    observer.observe(el);
    return () => {
      observer.disconnect();
      cancelIdle?.();
    };
  }, [visible]);
  if (visible) return <>{children}</>;
  // role="img": an aria-label is not allowed on a plain div (axe-core aria-prohibited-attr); the placeholder stands
  // for the chart it becomes.
  return <div ref={ref} className="chart-placeholder" style={{ minHeight: height }} role="img" aria-busy="true" aria-label={`${label} (loading)`} />;
}
