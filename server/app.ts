// The Hono app: middleware, the one error handler, the routes, and the built dashboard as static files.
import { serveStatic } from '@hono/node-server/serve-static';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { authenticate, requireMethodRole } from './auth.ts';
import { siteGuard } from './site-guard.ts';
import { DISK_FULL_MESSAGE, isDiskFull } from './store/disk-full.ts';
import { existingJournal } from './store/webhook-journal.ts';
import { alertRoutes } from './routes/alerts/index.ts';
import { audienceRoutes } from './routes/audience/index.ts';
import { apologyRoutes } from './routes/apology/index.ts';
import type { Services } from './context.ts';
import { DASHBOARD_DIR, DASHBOARD_MISSING_PAGE, dashboardBuilt } from './dashboard-files.ts';
import { ApiError } from './errors.ts';
import { dataRoutes } from './routes/data/index.ts';
import { eventRoutes } from './routes/events/index.ts';
import { healthRoutes } from './routes/health/index.ts';
import { incidentRoutes } from './routes/incidents/index.ts';
import { ingestRoutes } from './routes/ingest/index.ts';
import { router, serveDescription } from './routes/openapi.ts';
import { sourceRoutes } from './routes/sources/index.ts';
import { storeRoutes } from './routes/store/index.ts';
import { quarantineRoutes } from './routes/quarantine/index.ts';
import { webhookRoutes } from './routes/webhooks/index.ts';
import { recoveryRoutes } from './routes/recovery/index.ts';
import { reportRoutes } from './routes/reports/index.ts';
import { suspectRoutes } from './routes/suspects/index.ts';

// Every other API body is a small JSON document (the longest field, incident notes, is 16 K characters): 1 MiB is
// far beyond any, and without a cap a request of any size was buffered and parsed (the security tests, docs/security.md).
// Uploads, event batches, webhooks and apology drafts set their own, larger limits on their routes.
export const MAX_API_BODY_BYTES = 1024 ** 2;
const OWN_BODY_LIMIT = /^\/api\/(ingest|events|webhooks\/[^/]+(\/replay)?|incidents\/[^/]+\/(apology\/check|lists\/[^/]+))$/;
const ESP_POST = /^\/api\/webhooks\/[^/]+$/;
const apiBodyLimit = bodyLimit({
  maxSize: MAX_API_BODY_BYTES,
  onError: () => { throw new ApiError('payload_too_large', `request bodies are limited to ${MAX_API_BODY_BYTES} bytes`); },
});

export function createApp(s: Services, dashboardDir: string = DASHBOARD_DIR) {
  const app = router();
  app.use('*', secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"], frameAncestors: ["'none'"], objectSrc: ["'none'"], baseUri: ["'self'"],
    },
  }));
  // Before anything else reads the request: a page on another site, or a rebound DNS name, gets nothing.
  app.use('*', siteGuard(!s.config.tokens));
  app.use('/api/*', authenticate(s.config.tokens, s.localToken));
  app.use('/api/*', requireMethodRole);
  app.use('/api/*', async (c, next) => (OWN_BODY_LIMIT.test(c.req.path) ? next() : apiBodyLimit(c, next)));
  // A webhook post is answered once it is on disk, and loaded into the store moments later (store/webhook-journal.ts):
  // every other request waits for the posts answered before it, so what a 200 said is what the next read sees.
  app.use('/api/*', async (c, next) => {
    if (!ESP_POST.test(c.req.path) && c.req.path !== '/api/health') await existingJournal(s.db)?.settled();
    await next();
  });

  app.route('/', healthRoutes(s));
  app.route('/', incidentRoutes(s));
  app.route('/', ingestRoutes(s));
  app.route('/', recoveryRoutes(s));
  app.route('/', reportRoutes(s));
  app.route('/', alertRoutes(s));
  app.route('/', dataRoutes(s));
  app.route('/', apologyRoutes(s));
  app.route('/', audienceRoutes(s));
  app.route('/', webhookRoutes(s));
  app.route('/', quarantineRoutes(s));
  app.route('/', sourceRoutes(s));
  app.route('/', storeRoutes(s));
  app.route('/', eventRoutes(s));
  app.route('/', suspectRoutes(s));

  serveDescription(app, s.config);

  app.all('/api/*', () => {
    throw new ApiError('not_found', 'no such API route');
  });

  if (dashboardBuilt(dashboardDir)) {
    app.use('/*', serveStatic({ root: dashboardDir }));
    // Deep links (/incidents/inc-3) are the dashboard's own routes: answer them with its page.
    app.get('/*', serveStatic({ root: dashboardDir, path: 'index.html' }));
  } else {
    app.get('/*', (c) => c.html(DASHBOARD_MISSING_PAGE, 503));
  }

  app.onError((err, c) => {
    if (err instanceof ApiError) return c.json({ error: { code: err.code, message: err.message, details: err.details } }, err.status);
    if (err instanceof HTTPException) {
      const code = err.status === 413 ? 'payload_too_large' : 'bad_request';
      const message = /JSON/i.test(err.message) ? 'body: not valid JSON' : err.message || 'bad request';
      return c.json({ error: { code, message, details: { field: 'body' } } }, err.status);
    }
    if (isDiskFull(err)) {
      // One line for the operator; the client is told what it means for it (nothing stored) and what to do.
      console.error(`rebound: ${c.req.method} ${c.req.path}: ${DISK_FULL_MESSAGE}`);
      return c.json({ error: { code: 'disk_full', message: DISK_FULL_MESSAGE, details: null } }, 507);
    }
    // Unexpected: log the stack for the operator, answer without internals.
    console.error(err);
    return c.json({ error: { code: 'internal', message: 'internal error; see the server log', details: null } }, 500);
  });
  return app;
}
export type App = ReturnType<typeof createApp>;
