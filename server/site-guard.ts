// Who may drive the server from a browser (docs/security.md, "Browsers and other sites").
//
// Local mode (no tokens) treats every caller as admin, trusting that only this machine can connect. A web page
// the user visits runs on this machine too: it can send "simple" requests (no-cors POSTs of text/plain or
// multipart) to 127.0.0.1 and, through DNS rebinding (a name of its own resolving to 127.0.0.1), even read the
// answers. So local mode answers only requests addressed to a loopback name, and only from its own origin,
// the dashboard, or from clients that are not web pages (the CLI, curl: no Origin, no Sec-Fetch-Site).
//
// With tokens a page on another site cannot get a token, so it can neither write nor read; still, no other site
// has any business calling the API, so a browser's own "cross-site" label is refused there too. The Host is not
// checked then: behind a reverse proxy it is the public name.
import type { MiddlewareHandler } from 'hono';
import { isWebhookDelivery } from './auth.ts';
import { ApiError } from './errors.ts';

// The loopback names of the contract; any other name that resolves to 127.0.0.1 is how DNS rebinding gets in.
const LOOPBACK_NAMES: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);
const HOST = /^(\[[0-9a-f:.]+\]|[^\s:[\]/@]+)(?::(\d{1,5}))?$/i;

/** The host name of a Host header value (port dropped, lower case), or null when it is not a valid one. */
export function hostName(host: string): string | null {
  const m = HOST.exec(host.trim());
  return m?.[1] ? m[1].toLowerCase() : null;
}

export function isLoopbackHost(host: string): boolean {
  const name = hostName(host);
  return name !== null && LOOPBACK_NAMES.has(name);
}

/** True when an Origin header names exactly the origin the request was sent to (scheme http, same host:port). */
export function isSameOrigin(origin: string, host: string): boolean {
  try {
    const o = new URL(origin);
    return o.protocol === 'http:' && o.host === new URL(`http://${host}`).host;
  } catch {
    // "null" (a sandboxed frame, a file: page) or garbage: not this origin.
    return false;
  }
}

// A person opening a dashboard page from a link (an alert email, a bookmark on another site) is a top-level
// navigation: the answer goes to the user's own tab, never to the linking page, and the dashboard's pages hold
// no data (the data comes from same-origin API calls). Every /api request stays under the rule.
function isPageNavigation(method: string, path: string, mode: string | undefined): boolean {
  return (method === 'GET' || method === 'HEAD') && mode === 'navigate' && !path.startsWith('/api/') && path !== '/api';
}

export function siteGuard(local: boolean): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    const webhook = isWebhookDelivery(c.req.method, c.req.path);
    // ESP webhooks carry their own signature, checked before anything is stored, so a page cannot forge one;
    // they are exempt from the Host rule so that a tunnel (which forwards its own public name) can deliver them.
    if (local && !webhook && !isLoopbackHost(host)) {
      throw new ApiError('forbidden', 'this server runs in local mode and answers only requests addressed to 127.0.0.1, localhost or [::1]; set REBOUND_TOKENS to serve other names', [{ field: 'host', message: 'is not a loopback name' }]);
    }
    if (isPageNavigation(c.req.method, c.req.path, c.req.header('sec-fetch-mode'))) return next();
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const crossSite = local
      ? (site !== undefined && site !== 'same-origin' && site !== 'none') || (origin !== undefined && !isSameOrigin(origin, host))
      : site === 'cross-site';
    if (crossSite) {
      throw new ApiError('forbidden', 'requests from other web sites are refused: open the dashboard itself, or call the API from a script', [{ field: origin !== undefined ? 'origin' : 'sec-fetch-site', message: 'names another site' }]);
    }
    return next();
  };
}
