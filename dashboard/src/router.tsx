// A tiny history-API router: the URL names the page, the incident and the filters, so every view is a deep
// link (the server answers unknown paths with index.html). Query parameters hold filters.
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

const NAVIGATE_EVENT = 'rebound:navigate';

export interface Location { path: string; search: string }

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(NAVIGATE_EVENT, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(NAVIGATE_EVENT, listener);
  };
}

// Snapshots must be referentially stable between renders, so the string form is what the store returns.
const snapshot = () => `${window.location.pathname}${window.location.search}`;

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot);
  const q = href.indexOf('?');
  return { path: q < 0 ? href : href.slice(0, q), search: q < 0 ? '' : href.slice(q) };
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (opts.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** Filters live in the query string; empty values are removed so default views keep clean URLs. */
export function useSearchParams(): [URLSearchParams, (patch: Record<string, string | null>) => void] {
  const { path, search } = useLocation();
  const params = new URLSearchParams(search);
  const update = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    const qs = next.toString();
    // Replace, not push: changing a filter should not fill the back button with every intermediate state.
    navigate(`${path}${qs ? `?${qs}` : ''}`, { replace: true });
  };
  return [params, update];
}

export type Route =
  | { page: 'incidents' }
  | { page: 'incident'; id: string }
  | { page: 'declare' }
  | { page: 'data' }
  | { page: 'alerts' }
  | { page: 'reports' }
  | { page: 'suspects'; id: string | null }
  | { page: 'not_found' };

export function matchRoute(path: string): Route {
  const clean = path.replace(/\/+$/, '') || '/';
  if (clean === '/' || clean === '/incidents') return { page: 'incidents' };
  if (clean === '/incidents/new') return { page: 'declare' };
  if (clean === '/data') return { page: 'data' };
  if (clean === '/alerts') return { page: 'alerts' };
  if (clean === '/reports') return { page: 'reports' };
  if (clean === '/suspects') return { page: 'suspects', id: null };
  const sus = /^\/suspects\/([^/]+)$/.exec(clean);
  if (sus?.[1]) return { page: 'suspects', id: decodeURIComponent(sus[1]) };
  const m = /^\/incidents\/([^/]+)$/.exec(clean);
  if (m?.[1]) return { page: 'incident', id: decodeURIComponent(m[1]) };
  return { page: 'not_found' };
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string; children: ReactNode };

/** An ordinary link (middle-click and ctrl-click open a tab) that navigates in place on a plain click. */
export function Link({ to, children, onClick, ...rest }: LinkProps) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
    window.scrollTo(0, 0);
  };
  return <a href={to} onClick={handle} {...rest}>{children}</a>;
}
