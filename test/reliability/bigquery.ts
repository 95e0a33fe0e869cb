// The BigQuery side of the reliability suite: a large events table for the fake (test/integration/fake-bigquery.ts)
// and a proxy in front of it that a test steers per request — pass, answer an error status, hold the answer,
// or never answer — with callbacks when a request arrives and when its answer has been sent, so a pull can be
// killed or faulted at a known page.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FakeBigQuery } from '../integration/fake-bigquery.ts';

export const TABLE = 'acme-mail.events.email_events';
export const DAY_MS = 86_400_000;

/** The environment that turns the BigQuery pull on against `endpoint` (the fake's table has recipient domains). */
export function bigQueryEnv(endpoint: string): Record<string, string> {
  return { BIGQUERY_EVENTS_TABLE: TABLE, BIGQUERY_COLUMNS: 'recipient_domain=recipient_domain', BIGQUERY_API_ENDPOINT: endpoint };
}

const DOMAINS = ['gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com', 'example.org'];

/**
 * `sends` sends × 5 providers of events within the last ~25 days before `now` (the pull's default window reaches
 * 60 days back): an injection and a delivery or bounce per recipient, complaints now and then, one event in 50
 * delivered twice upstream (same event id). Returns the number of send × provider aggregates it yields.
 */
export async function writePullEvents(path: string, sends: number, now: number): Promise<number> {
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  const t0 = Math.floor((now - 26 * DAY_MS) / 3_600_000) * 3_600_000;
  let id = 0;
  let buf: string[] = [];
  const push = (e: Record<string, string>) => {
    const line = `${JSON.stringify(e)}\n`;
    buf.push(line);
    if (++id % 50 === 0) buf.push(line);
  };
  for (let s = 0; s < sends; s++) {
    const at = t0 + Math.floor((s * 25 * DAY_MS) / sends);
    const base = { send_id: `pull-${s}`, stream: `stream-${s % 5}.example.com` };
    for (const [p, domain] of DOMAINS.entries()) {
      const ts = (ms: number) => new Date(at + ms).toISOString();
      push({ event_id: `pe-${id}`, type: 'injection', timestamp: ts(p * 1000), recipient_domain: domain, ...base });
      const k = (s * 7 + p) % 23;
      if (k === 0) push({ event_id: `pe-${id}`, type: 'bounce', bounce_class: ['hard', 'soft', 'block'][s % 3] ?? 'hard', timestamp: ts(p * 1000 + 5000), recipient_domain: domain, ...base });
      else push({ event_id: `pe-${id}`, type: 'delivery', timestamp: ts(p * 1000 + 5000), recipient_domain: domain, ...base });
      if (k === 5) push({ event_id: `pe-${id}`, type: 'complaint', timestamp: ts(2 * DAY_MS), recipient_domain: domain, ...base });
    }
    if (buf.length >= 5000) {
      if (!out.write(buf.join(''))) await once(out, 'drain');
      buf = [];
    }
  }
  out.write(buf.join(''));
  out.end();
  await once(out, 'finish');
  return sends * DOMAINS.length;
}

export interface BqRequest { n: number; kind: 'query' | 'page'; page: number; path: string }
/** pass: forward to the fake; status: answer that HTTP error; hang: never answer (until the proxy stops). */
export type BqAnswer = 'pass' | 'hang' | { status: 429 | 500 | 503 };

export interface ProxyHooks {
  onRequest?: (r: BqRequest) => BqAnswer | Promise<BqAnswer>;
  onAnswered?: (r: BqRequest, status: number) => void;
}

const REASON: Record<number, [string, string]> = { 429: ['rateLimitExceeded', 'RESOURCE_EXHAUSTED'], 500: ['backendError', 'INTERNAL'], 503: ['backendError', 'UNAVAILABLE'] };

/** The fake BigQuery behind a steerable proxy. */
export class BigQueryUnderTest {
  readonly fake: FakeBigQuery;
  readonly log: (BqRequest & { status: number | 'hang' })[] = [];
  hooks: ProxyHooks = {};
  private upstream = '';
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private n = 0;

  constructor(eventsFile: string) {
    this.fake = new FakeBigQuery(TABLE, eventsFile);
  }

  async start(): Promise<string> {
    this.upstream = await this.fake.start();
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Drops every connection, answered or not (a hung request ends for its client). */
  dropConnections(): void {
    for (const s of this.sockets) s.destroy();
  }

  async stop(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
    await this.fake.stop();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://x');
    const token = url.searchParams.get('pageToken');
    const max = Number(url.searchParams.get('maxResults') ?? 10_000);
    const kind: BqRequest['kind'] = req.method === 'POST' ? 'query' : 'page';
    const r: BqRequest = { n: ++this.n, kind, page: token ? Math.floor(Number(Buffer.from(token, 'base64').toString()) / max) + 1 : 1, path: url.pathname };
    const answer = this.hooks.onRequest ? await this.hooks.onRequest(r) : 'pass';
    if (answer === 'hang') {
      this.log.push({ ...r, status: 'hang' });
      return;
    }
    if (answer !== 'pass') {
      const [reason, status] = REASON[answer.status] ?? ['backendError', 'INTERNAL'];
      const message = `injected ${answer.status}`;
      res.writeHead(answer.status, { 'content-type': 'application/json; charset=UTF-8' });
      res.end(JSON.stringify({ error: { code: answer.status, message, errors: [{ message, domain: 'global', reason }], status } }), () => this.hooks.onAnswered?.(r, answer.status));
      this.log.push({ ...r, status: answer.status });
      return;
    }
    const up = new URL(req.url ?? '/', this.upstream);
    const fwd = httpRequest(up, { method: req.method, headers: { ...req.headers, host: up.host } }, (upRes) => {
      const status = upRes.statusCode ?? 502;
      res.writeHead(status, upRes.headers);
      upRes.pipe(res);
      res.on('finish', () => this.hooks.onAnswered?.(r, status));
      this.log.push({ ...r, status });
    });
    fwd.on('error', () => res.destroy());
    fwd.end(body);
  }
}
