// The live event stream (docs/alerts.md, "The dashboard watches with you"): GET /api/events/stream is server-sent
// events — a `snapshot` of the store's watermarks on connect, then a `change` whenever an evaluation, ingest, pull,
// incident edit or alert moves one — and POST /api/events/ticket gives the short-lived ticket a browser's
// EventSource opens it with. The stream only reads: it never writes to the store.
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { liveTicket } from '#shared/schema/live.ts';
import type { Services } from '../../context.ts';
import { hubFor } from '../../live/hub.ts';
import { issueTicket } from '../../live/ticket.ts';
import { apiRoute, BEARER, errorResponses, router } from '../openapi.ts';

// A comment line every 25 s: proxies and load balancers close a connection idle for 30–60 s.
const HEARTBEAT_MS = 25_000;
// After a dropped connection the browser tries again in 3 s (EventSource's `retry`).
const RECONNECT_MS = 3_000;

const ticket = apiRoute({
  method: 'post', path: '/api/events/ticket', operationId: 'createEventTicket', tags: ['events'],
  summary: 'A one-minute ticket that opens the event stream (any role; EventSource cannot send a bearer token)',
  responses: { 200: { description: 'The ticket', content: { 'application/json': { schema: liveTicket } } }, ...errorResponses },
});

const stream = apiRoute({
  method: 'get', path: '/api/events/stream', operationId: 'streamEvents', tags: ['events'], security: [...BEARER, { ticket: [] }],
  summary: 'Server-sent events: `snapshot` on connect, then `change` { kinds, snapshot } when an evaluation, ingest, pull, incident or alert changes',
  request: { query: z.object({ ticket: z.string().max(512).optional() }) },
  responses: { 200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: z.string() } } }, ...errorResponses },
});

export function eventRoutes(s: Services) {
  return router()
    .openapi(ticket, (c) => {
      c.header('cache-control', 'no-store');
      return c.json(issueTicket(c.get('role'), new Date()), 200);
    })
    .openapi(stream, (c) => {
      // Tells nginx-style proxies not to buffer the stream.
      c.header('x-accel-buffering', 'no');
      const res = streamSSE(c, async (out) => {
        const hub = hubFor(s.db);
        let open = true;
        let wake: () => void = () => undefined;
        let seq = 0;
        const finish = () => {
          open = false;
          wake();
        };
        const first = await hub.current();
        const off = hub.subscribe({
          change: (change) => void out.writeSSE({ event: 'change', id: String(++seq), data: JSON.stringify(change) }).catch(finish),
          end: finish,
        });
        out.onAbort(finish);
        try {
          await out.writeSSE({ event: 'snapshot', id: String(++seq), retry: RECONNECT_MS, data: JSON.stringify(first) });
          while (open) {
            await new Promise<void>((resolve) => {
              const t = setTimeout(resolve, HEARTBEAT_MS);
              wake = () => {
                clearTimeout(t);
                resolve();
              };
            });
            if (open) await out.write(': keep-alive\n\n');
          }
        } finally {
          off();
        }
      });
      // Set after streamSSE, which sets its own: the connection ends with the stream (a browser opens a fresh one to
      // reconnect); kept alive after it, it would hold the server's shutdown until the keep-alive timeout.
      res.headers.set('connection', 'close');
      res.headers.set('cache-control', 'no-store');
      return res;
    });
}
