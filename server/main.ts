// The server: config → store → demo data → app + scheduled work → HTTP on 127.0.0.1:8787. What runs on a schedule
// is handed in (the jobs in jobs/, composed by bin/main.ts; docs/architecture.md), so server/ imports nothing from
// jobs/: the jobs call the services, and the services never call back.
import { serve as serveHttp, type ServerType } from '@hono/node-server';
import { createApp } from './app.ts';
import { newLocalToken, removeServerFile, writeServerFile } from './server-file.ts';
import type { Config } from './config.ts';
import type { Services } from './context.ts';
import { DASHBOARD_MISSING, dashboardBuilt } from './dashboard-files.ts';
import { seedDemoIfEmpty } from './demo/seed.ts';
import { endStreams } from './live/hub.ts';
import { Db } from './store/db.ts';
import { existingJournal, journalOf } from './store/webhook-journal.ts';

/** Work that runs beside the server on a schedule: started once the server listens, stopped first on shutdown. */
export interface Scheduler {
  start(): void;
  stop(): Promise<void>;
}

/** Builds the scheduled work over the server's services; `log` is the server's log. */
export type SchedulerFactory<S extends Scheduler = Scheduler> = (services: Services, log: (line: string) => void) => S;

export interface StartOptions<S extends Scheduler> {
  /** The scheduled work; null runs the server alone (tests and benchmarks that drive it through the API only). */
  scheduler: SchedulerFactory<S> | null;
  log?: (line: string) => void;
}

export interface Running<S extends Scheduler = Scheduler> {
  services: Services;
  url: string;
  /** The scheduled work, or null without it. */
  jobs: S | null;
  stop: () => Promise<void>;
}

/** Starts everything and returns once it listens; `stop` undoes it in reverse order. */
export async function start<S extends Scheduler>(config: Config, options: StartOptions<S>): Promise<Running<S>> {
  const log = options.log ?? ((l: string) => console.log(l));
  const db = await Db.open(config.dbPath, config.dbMemory);
  if (config.dbThreads !== null) await db.limitThreads(config.dbThreads);
  // Webhook posts the open could not load yet are taken up by the journal's loader at once (docs/webhooks.md).
  journalOf(db);
  const localToken = config.tokens ? newLocalToken() : null;
  const services: Services = { db, config, now: () => new Date(), localToken };
  if (config.demo) {
    const seeded = await seedDemoIfEmpty(services);
    if (seeded) log(`demo: the store was empty, so it now holds the labelled demo data set (${seeded}); REBOUND_DEMO=0 turns this off`);
  }
  const app = createApp(services);
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serveHttp({ fetch: app.fetch, hostname: config.host, port: config.port }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  if (db.path !== ':memory:') writeServerFile(db.path, { url, token: localToken ?? '', pid: process.pid });
  const jobs = options.scheduler ? options.scheduler(services, log) : null;
  jobs?.start();
  log(`Rebound listening on ${url} (store ${db.path}${config.tokens ? ', tokens required' : ', local use only'})`);
  if (!dashboardBuilt()) log(`warning: ${DASHBOARD_MISSING}`);
  return {
    services, url, jobs,
    stop: async () => {
      await jobs?.stop();
      // Open event streams would hold close() forever.
      endStreams(db);
      await closeServer(server);
      if (db.path !== ':memory:') removeServerFile(db.path);
      // Webhook posts answered and not loaded yet go into the store now (else at the next open: nothing is lost).
      await existingJournal(db)?.close();
      db.close();
    },
  };
}

// Requests under way get this long to finish once a shutdown begins; then their connections are cut, so that the
// store is always closed and the server file removed.
const SHUTDOWN_GRACE_MS = 5000;

/**
 * Stops listening and waits for the connections to end. A connection whose request was refused before its body was
 * read (a 413) may never report its end, and close() alone then never calls back: with nothing else left to run,
 * Node would exit (status 13) without closing the store. Idle connections go at once, the rest after the grace.
 */
function closeServer(server: ServerType): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      if ('closeAllConnections' in server) server.closeAllConnections();
      resolve();
    }, SHUTDOWN_GRACE_MS);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  });
}

/** `rebound serve`: runs until SIGINT or SIGTERM, then shuts down cleanly. */
export async function serve(config: Config, scheduler: SchedulerFactory): Promise<void> {
  const running = await start(config, { scheduler });
  await new Promise<void>((resolve) => {
    const shutdown = () => {
      process.off('SIGINT', shutdown);
      process.off('SIGTERM', shutdown);
      console.log('Rebound shutting down');
      void running.stop().then(resolve, resolve);
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
  });
}
