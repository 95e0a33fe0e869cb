// A local BigQuery REST endpoint for the real @google-cloud/bigquery client (BIGQUERY_API_ENDPOINT). It speaks
// the documented shapes the client uses — jobs.query (POST /bigquery/v2/projects/{p}/queries, QueryResponse) and
// jobs.getQueryResults (GET …/queries/{jobId}?pageToken&maxResults, GetQueryResultsResponse), rows as
// { f: [{ v }] } with a schema, errors as { error: { code, message, errors: [{ reason }], status } } — and answers
// by running the SQL it was sent on DuckDB over an events file: backticked names become DuckDB identifiers (the
// events table becomes the file), @parameters become DuckDB parameters with the values sent. Faults (429/500)
// can be queued per method to exercise retries. Nothing here is copied from the client; it follows the REST
// reference (jobs.query, jobs.getQueryResults, "Error messages").
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export interface QueryRequest {
  query: string;
  useLegacySql?: boolean;
  parameterMode?: string;
  maxResults?: number;
  formatOptions?: { useInt64Timestamp?: boolean };
  queryParameters?: { name: string; parameterType: { type: string }; parameterValue: { value: string } }[];
}
export interface Fault { method: 'query' | 'getQueryResults'; status: 429 | 500 | 503; times: number; page?: number }
interface Job { rows: Record<string, unknown>[]; columns: { name: string; type: string }[] }

const ERROR_REASON = { 429: ['rateLimitExceeded', 'RESOURCE_EXHAUSTED'], 500: ['backendError', 'INTERNAL'], 503: ['backendError', 'UNAVAILABLE'] } as const;

export class FakeBigQuery {
  readonly requests: { method: string; path: string; body: QueryRequest | null }[] = [];
  readonly faults: Fault[] = [];
  private readonly jobs = new Map<string, Job>();
  private server: Server | null = null;
  private conn: DuckDBConnection | null = null;
  private nextJob = 1;

  constructor(private readonly table: string, private readonly eventsFile: string) {}

  async start(): Promise<string> {
    const instance = await DuckDBInstance.create(':memory:');
    this.conn = await instance.connect();
    await this.conn.run(`SET TimeZone = 'UTC'`);
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
    this.conn?.closeSync();
  }

  private fault(method: Fault['method'], page: number): Fault | undefined {
    const f = this.faults.find((x) => x.method === method && x.times > 0 && (x.page === undefined || x.page === page));
    if (f) f.times--;
    return f;
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
    res.end(JSON.stringify(body));
  }

  private error(res: ServerResponse, status: Fault['status'], message: string): void {
    const [reason, code] = ERROR_REASON[status];
    this.send(res, status, { error: { code: status, message, errors: [{ message, domain: 'global', reason }], status: code } });
  }

  /** The received BigQuery SQL, mechanically turned into DuckDB SQL over the events file. */
  private translate(q: QueryRequest): { sql: string; params: Record<string, string> } {
    let sql = q.query.replace(/`([^`]+)`/g, (_, name: string) => (name === this.table ? `read_json($__file, format = 'newline_delimited', columns = ${COLUMNS})` : `"${name}"`));
    sql = sql.replace(/AS TIMESTAMP\)/g, 'AS TIMESTAMPTZ)');
    const params: Record<string, string> = { __file: this.eventsFile };
    for (const p of q.queryParameters ?? []) params[p.name] = p.parameterValue.value;
    sql = sql.replace(/@([a-z_]+)/g, (_, name: string) => `CAST($${name} AS TIMESTAMPTZ)`);
    return { sql, params };
  }

  private page(job: Job, jobId: string, offset: number, maxResults: number, int64: boolean, kind: string) {
    const slice = job.rows.slice(offset, offset + maxResults);
    const cell = (v: unknown, type: string) => {
      if (v === null || v === undefined) return { v: null };
      if (type === 'TIMESTAMP') {
        const ms = (v as Date).getTime();
        return { v: int64 ? String(ms * 1000) : String(ms / 1000) };
      }
      return { v: String(v) };
    };
    const next = offset + maxResults < job.rows.length ? Buffer.from(String(offset + maxResults)).toString('base64') : undefined;
    return {
      kind, jobComplete: true, totalRows: String(job.rows.length),
      jobReference: { projectId: 'p', jobId, location: 'US' },
      schema: { fields: job.columns.map((c) => ({ name: c.name, type: c.type, mode: 'NULLABLE' })) },
      rows: slice.map((r) => ({ f: job.columns.map((c) => cell(r[c.name], c.type)) })),
      ...(next ? { pageToken: next } : {}),
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as QueryRequest) : null;
    this.requests.push({ method: req.method ?? '', path: url.pathname + url.search, body });
    const results = /^\/bigquery\/v2\/projects\/[^/]+\/queries\/([^/]+)$/.exec(url.pathname);
    try {
      if (req.method === 'POST' && /^\/bigquery\/v2\/projects\/[^/]+\/queries$/.test(url.pathname) && body) {
        const f = this.fault('query', 1);
        if (f) return this.error(res, f.status, 'injected fault');
        const { sql, params } = this.translate(body);
        const reader = await this.conn!.runAndReadAll(sql, params);
        const columns = reader.columnNames().map((name, i) => ({ name, type: duckToBq(String(reader.columnType(i))) }));
        const jobId = `job_${this.nextJob++}`;
        this.jobs.set(jobId, { rows: reader.getRowObjectsJS(), columns });
        return this.send(res, 200, this.page(this.jobs.get(jobId)!, jobId, 0, body.maxResults ?? 100_000, body.formatOptions?.useInt64Timestamp === true, 'bigquery#queryResponse'));
      }
      if (req.method === 'GET' && results?.[1]) {
        const job = this.jobs.get(results[1]);
        if (!job) return this.send(res, 404, { error: { code: 404, message: 'Not found: Job', status: 'NOT_FOUND' } });
        const token = url.searchParams.get('pageToken');
        const offset = token ? Number(Buffer.from(token, 'base64').toString()) : 0;
        const maxResults = Number(url.searchParams.get('maxResults') ?? 100_000);
        const f = this.fault('getQueryResults', Math.floor(offset / maxResults) + 1);
        if (f) return this.error(res, f.status, 'injected fault');
        return this.send(res, 200, this.page(job, results[1], offset, maxResults, url.searchParams.get('formatOptions.useInt64Timestamp') === 'true', 'bigquery#getQueryResultsResponse'));
      }
      this.send(res, 404, { error: { code: 404, message: `no route ${req.method} ${url.pathname}`, status: 'NOT_FOUND' } });
    } catch (err) {
      this.send(res, 400, { error: { code: 400, message: String(err), errors: [{ reason: 'invalidQuery' }], status: 'INVALID_ARGUMENT' } });
    }
  }
}

// The events table's columns as the fixture file holds them (the names of docs/data-formats.md), all read as text.
const COLUMNS = `{"event_id": 'VARCHAR', "type": 'VARCHAR', "timestamp": 'VARCHAR', "send_id": 'VARCHAR', "stream": 'VARCHAR', "recipient_domain": 'VARCHAR', "bounce_class": 'VARCHAR'}`;

function duckToBq(t: string): string {
  if (/TIMESTAMP/.test(t)) return 'TIMESTAMP';
  if (/INT|DECIMAL/.test(t)) return 'INTEGER';
  return 'STRING';
}
