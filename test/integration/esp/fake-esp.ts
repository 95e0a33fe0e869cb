// A local HTTP endpoint standing in for one ESP's metrics API: a route function answers in the documented
// shapes (see each ESP's test and test/fixtures/sources/esp/README.md), every request is recorded, and faults
// (an HTTP status a number of times, from the n-th request on, with Retry-After if asked) are injected in order.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Answer { status?: number; body: unknown; headers?: Record<string, string> }
export type Route = (url: URL, req: IncomingMessage, body: string) => Answer | null;
export interface Fault { status: number; times: number; fromRequest?: number; retryAfter?: string; path?: RegExp; body?: unknown }
export interface Recorded { method: string; url: URL; headers: IncomingMessage['headers']; body: string }

export class FakeEsp {
  readonly requests: Recorded[] = [];
  readonly faults: Fault[] = [];
  private server: Server | null = null;

  constructor(private readonly route: Route, private readonly refuse: (req: IncomingMessage, url: URL) => Answer | null) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const url = new URL(req.url ?? '/', 'http://local');
        this.requests.push({ method: req.method ?? '', url, headers: req.headers, body });
        const a = this.fault(url) ?? this.refuse(req, url) ?? this.route(url, req, body) ?? { status: 404, body: { errors: [{ message: `no route ${url.pathname}` }] } };
        res.writeHead(a.status ?? 200, { 'content-type': 'application/json', ...a.headers });
        res.end(typeof a.body === 'string' ? a.body : JSON.stringify(a.body));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server?.close(() => resolve()));
  }

  reset(): void {
    this.requests.length = 0;
    this.faults.length = 0;
  }

  private fault(url: URL): Answer | null {
    const f = this.faults[0];
    if (!f || this.requests.length - 1 < (f.fromRequest ?? 0) || (f.path && !f.path.test(url.pathname))) return null;
    if (--f.times <= 0) this.faults.shift();
    return { status: f.status, body: f.body ?? { errors: [{ message: 'injected fault' }] }, headers: f.retryAfter ? { 'retry-after': f.retryAfter } : {} };
  }
}
