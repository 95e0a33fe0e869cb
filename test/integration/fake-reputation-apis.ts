// Local stand-ins for the Postmaster Tools API (v1 domains.list and trafficStats.list, v2 domainStats.query and
// getComplianceStatus, the OAuth token endpoint) and the SNDS automated-access exports (data.aspx?key=… and
// ipStatus.aspx?key=…), answering from the documented fixtures in test/fixtures/sources. Every request is recorded so tests can check paths, bodies and auth.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sourceFixture } from './sources-helpers.ts';

export interface Recorded { method: string; path: string; headers: IncomingMessage['headers']; body: string }

export class FakeReputationApis {
  readonly requests: Recorded[] = [];
  /** HTTP statuses to answer, in order, before answering normally (for retry tests). */
  readonly failures: number[] = [];
  v1Available = true;
  sndsBody = sourceFixture('snds-data.csv');
  sndsIpStatusBody = sourceFixture('snds-ipstatus.csv');
  /** The getComplianceStatus answer: a fixture's text, or an HTTP status to answer instead. */
  compliance: string | number = sourceFixture('postmaster-v2-compliance.json');
  private server: Server | null = null;

  constructor(readonly sndsKey: string, readonly accessToken: string) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server?.close(() => resolve()));
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://x');
    this.requests.push({ method: req.method ?? '', path: url.pathname + url.search, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    const failure = this.failures.shift();
    if (failure) return this.json(res, failure, { error: { code: failure, message: 'injected', status: failure === 429 ? 'RESOURCE_EXHAUSTED' : 'INTERNAL' } });
    if (url.pathname === '/snds/data.aspx') {
      if (url.searchParams.get('key') !== this.sndsKey) return void res.writeHead(403).end('Access denied');
      res.writeHead(200, { 'content-type': 'text/csv' });
      return void res.end(this.sndsBody);
    }
    if (url.pathname === '/snds/ipStatus.aspx') {
      if (url.searchParams.get('key') !== this.sndsKey) return void res.writeHead(403).end('Access denied');
      res.writeHead(200, { 'content-type': 'text/csv' });
      return void res.end(this.sndsIpStatusBody);
    }
    if (url.pathname === '/token') return this.json(res, 200, { access_token: this.accessToken, expires_in: 3599, token_type: 'Bearer' });
    if (req.headers.authorization !== `Bearer ${this.accessToken}`) {
      return this.json(res, 401, { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } });
    }
    if (url.pathname === '/v1/domains') return this.json(res, 200, { domains: [{ name: 'domains/news.example.com', permission: 'OWNER' }] });
    if (/^\/v1\/domains\/[^/]+\/trafficStats$/.test(url.pathname)) {
      if (!this.v1Available) return this.json(res, 404, { error: { code: 404, message: 'v1 is no longer available', status: 'NOT_FOUND' } });
      return this.json(res, 200, JSON.parse(sourceFixture('postmaster-trafficstats.json')));
    }
    if (/^\/v2\/domains\/[^/]+\/domainStats:query$/.test(url.pathname) && req.method === 'POST') {
      return this.json(res, 200, JSON.parse(sourceFixture('postmaster-v2-domainstats.json')));
    }
    if (/^\/v2\/domains\/[^/]+\/complianceStatus$/.test(url.pathname) && req.method === 'GET') {
      if (typeof this.compliance === 'number') {
        return this.json(res, this.compliance, { error: { code: this.compliance, message: 'The caller does not have permission', status: 'PERMISSION_DENIED' } });
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(this.compliance);
    }
    this.json(res, 404, { error: { code: 404, message: `no route ${url.pathname}`, status: 'NOT_FOUND' } });
  }
}
