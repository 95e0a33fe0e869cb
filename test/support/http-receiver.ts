// A real HTTP receiver on loopback (node:http) for the alert webhook and Slack tests: it keeps every request it
// answered with its raw body and headers, answers from a script the test sets (status, headers, body; then 200
// "ok" as Slack answers), and verifies X-Rebound-Signature the way docs/alerts.md tells a receiver to — HMAC-SHA256
// of the raw body with the shared secret, compared in constant time. stop() and start(port) play an outage.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export interface Received { path: string; headers: IncomingHttpHeaders; body: string; answered: number }
export interface Reply { status: number; headers?: Record<string, string>; body?: string }

export class TestReceiver {
  readonly requests: Received[] = [];
  /** Answers for the next requests, in order; when empty, 200 "ok". */
  script: Reply[] = [];
  port = 0;
  private server: Server | null = null;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Requests answered 2xx: what the receiver accepted. */
  get accepted(): Received[] {
    return this.requests.filter((r) => r.answered >= 200 && r.answered < 300);
  }

  async start(port = 0): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const reply = this.script.shift() ?? { status: 200, body: 'ok' };
        this.requests.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), answered: reply.status });
        res.writeHead(reply.status, { 'content-type': 'text/plain', ...reply.headers });
        res.end(reply.body ?? '');
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** What a receiver does with the header: recompute the HMAC of the raw body and compare in constant time. */
export function signatureValid(secret: string, body: string, header: string | string[] | undefined): boolean {
  if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(body, 'utf8').digest('hex'), 'utf8');
  const given = Buffer.from(header.slice('sha256='.length), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
