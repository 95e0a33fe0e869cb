// The BigQuery warehouse: the aggregation runs as a parameterized query in the user's own project, BigQuery scans
// the events, and only send × provider aggregates come back, page by page (jobs.query, then
// jobs.getQueryResults with pageToken — "Paging through table data" and "jobs.getQueryResults", BigQuery REST
// reference). Each request is retried on 429/5xx by withRetry (the client's own retry is off, so there is one
// retry policy, and a test can see every attempt).
import { BigQuery, BigQueryTimestamp } from '@google-cloud/bigquery';
import { aggregateSql, bigQueryDialect } from '../aggregate-sql.ts';
import type { ColumnMapping } from '../columns.ts';
import { DEFAULT_RETRY, withRetry, type RetryOptions } from '../../../http/retry.ts';
import { parseAggregate, type AggregatePage, type AggregateWindow, type Warehouse } from '../warehouse.ts';

// 10,000 aggregate rows is about 2 MB of JSON, well under the 10 MB a jobs.getQueryResults page may hold.
export const BIGQUERY_PAGE_ROWS = 10_000;
// A query still running answers jobComplete: false (jobs.query and getQueryResults each wait up to 10 s on the
// server first); we then poll getQueryResults. No client timeout is passed: the client turns one into an error.
// Nor does the client bound an HTTP request at all (its `timeout` option is dropped on the way to node-fetch 3),
// so a request that gets no answer would hang the pull, and with it every later scheduled pull, for ever: each
// request is given this long, then counts as a transient failure (retried, then a failed run).
export const BIGQUERY_REQUEST_TIMEOUT_MS = 60_000;

/** A request that got no answer in time; `code` makes withRetry treat it like a dropped connection. */
export class RequestTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(what: string, ms: number) {
    super(`BigQuery did not answer ${what} within ${ms / 1000} s`);
    this.name = 'RequestTimeoutError';
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RequestTimeoutError(what, ms)), ms);
  });
  // The abandoned request may still settle later; its outcome no longer matters.
  work.catch(() => undefined);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export interface BigQueryOptions {
  projectId: string;
  table: string;
  columns: ColumnMapping;
  location: string | null;
  /** BIGQUERY_API_ENDPOINT: a local endpoint instead of https://bigquery.googleapis.com (tests, emulators). */
  apiEndpoint: string | null;
  pageRows?: number;
  retry?: RetryOptions;
  /** How long one request may go unanswered (default BIGQUERY_REQUEST_TIMEOUT_MS). */
  requestTimeoutMs?: number;
}

interface ResultsResponse {
  jobComplete?: boolean;
  pageToken?: string;
  jobReference?: { jobId?: string; location?: string };
}

function plain(v: unknown): unknown {
  if (v instanceof BigQueryTimestamp) return v.value;
  if (v instanceof Date) return v.toISOString();
  return v;
}

export class BigQueryWarehouse implements Warehouse {
  readonly name = 'bigquery';
  private readonly client: BigQuery;

  constructor(private readonly o: BigQueryOptions) {
    // Credentials are found the usual Google way (GOOGLE_APPLICATION_CREDENTIALS, gcloud, metadata server); a
    // custom apiEndpoint is called without them, which is what a local test endpoint wants.
    this.client = new BigQuery({
      projectId: o.projectId, autoRetry: false,
      ...(o.apiEndpoint ? { apiEndpoint: o.apiEndpoint } : {}), ...(o.location ? { location: o.location } : {}),
    });
  }

  /** The SQL that is sent (its values travel separately as typed query parameters). */
  sql(): string {
    return aggregateSql(bigQueryDialect(this.o.table), this.o.columns);
  }

  private rows(raw: unknown[]): AggregatePage {
    return {
      rows: raw.map((r) => {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(r as Record<string, unknown>)) out[k] = plain(v);
        return parseAggregate(out, 'BigQuery');
      }),
    };
  }

  async *aggregateSends(w: AggregateWindow): AsyncGenerator<AggregatePage> {
    const retry = this.o.retry ?? DEFAULT_RETRY;
    const maxResults = this.o.pageRows ?? BIGQUERY_PAGE_ROWS;
    const timeoutMs = this.o.requestTimeoutMs ?? BIGQUERY_REQUEST_TIMEOUT_MS;
    // With autoPaginate off the client answers [rows, nextQuery, apiResponse] (its typings only know [rows, job]).
    const answer = await withRetry(() => withTimeout(this.client.query({
      query: this.sql(),
      params: { since: BigQuery.timestamp(w.since), until: BigQuery.timestamp(w.until), scan_from: BigQuery.timestamp(w.scanFrom) },
      types: { since: 'TIMESTAMP', until: 'TIMESTAMP', scan_from: 'TIMESTAMP' },
      useLegacySql: false,
      maxResults,
      ...(this.o.location ? { location: this.o.location } : {}),
    }, { autoPaginate: false }) as unknown as Promise<[unknown[], unknown, unknown]>, timeoutMs, 'jobs.query'), retry);
    const firstRows = answer[0];
    const head = (answer[2] ?? {}) as ResultsResponse;
    const jobId = head.jobReference?.jobId;
    let complete = head.jobComplete !== false;
    let pageToken = head.pageToken;
    if (complete) yield this.rows(firstRows);
    if ((!complete || pageToken) && !jobId) throw new Error('BigQuery answered without a job reference, so the remaining pages cannot be read');
    while (jobId && (!complete || pageToken)) {
      const job = this.client.job(jobId, head.jobReference?.location ? { location: head.jobReference.location } : {});
      const token = pageToken;
      const [rows, , res] = await withRetry(
        () => withTimeout(job.getQueryResults({ maxResults, autoPaginate: false, ...(token ? { pageToken: token } : {}) }), timeoutMs, 'jobs.getQueryResults'),
        retry,
      );
      const r = (res ?? {}) as ResultsResponse;
      complete = r.jobComplete !== false;
      if (!complete) continue;
      yield this.rows(rows);
      pageToken = r.pageToken;
    }
  }
}
