// The one client of Rebound's HTTP API, shared by the dashboard (dashboard/src/api/) and the CLI's remote backend
// (server/cli/): openapi-fetch, typed by the operations generated from the app's own OpenAPI description
// (openapi-types.ts, `npm run api:types`), so a call names its path, parameters and body as the route defines them
// and gets the route's answer type back. Here, once: the bearer token on every call, and every failure — the API's
// error shape { error: { code, message, details } }, any other failed answer, or no answer at all — thrown as an
// ApiFailure. How to add an operation: docs/architecture.md, "The API client".
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { ApiErrorBody, FieldIssue } from '../schema/api-error.ts';
import type { paths } from './openapi-types.ts';

export type { paths };
export type ApiClient = Client<paths>;

/** A failed call: the HTTP status (0 when the server did not answer), and the API's error code, message and details. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }

  /** The input fields the server named (a 400's details are [{ field, message }], some errors' { field, … }). */
  get issues(): FieldIssue[] {
    const items: unknown[] = Array.isArray(this.details) ? this.details : [this.details];
    return items.flatMap((d): FieldIssue[] => {
      if (typeof d !== 'object' || d === null || !('field' in d) || typeof d.field !== 'string') return [];
      return [{ field: d.field, message: 'message' in d && typeof d.message === 'string' ? d.message : this.message }];
    });
  }

  /** The first field the server named, or null. */
  get field(): string | null {
    return this.issues[0]?.field ?? null;
  }
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const e = value.error;
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' && 'message' in e && typeof e.message === 'string';
}

/** JSON text as a value; anything else (an HTML error page, an empty body) as null. */
export function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** Any non-2xx answer as an ApiFailure, read from the API's error shape when it has one. */
export function failureFrom(status: number, body: unknown, fallbackText: string): ApiFailure {
  if (isErrorBody(body)) return new ApiFailure(status, body.error.code, body.error.message, body.error.details ?? null);
  return new ApiFailure(status, 'http_error', fallbackText || `the server answered ${status}`, null);
}

const isAbort = (err: unknown): boolean => typeof err === 'object' && err !== null && 'name' in err && err.name === 'AbortError';

export interface ApiClientOptions {
  /** Where the API is: '' in the browser (the page's own server), the server's URL in the CLI. */
  baseUrl: string;
  /** The bearer token, read at each call; null sends none (a local server needs none). A call's own header wins. */
  token: () => string | null;
  /** What to say when the server does not answer at all. */
  unreachable: string;
  /** Called on a 401 before its ApiFailure is thrown (the dashboard then shows its sign-in page). */
  onUnauthorized?: () => void;
}

export function createApiClient(o: ApiClientOptions): ApiClient {
  const client = createClient<paths>({ baseUrl: o.baseUrl });
  const middleware: Middleware = {
    onRequest({ request }) {
      const token = o.token();
      if (token && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${token}`);
      return undefined;
    },
    async onResponse({ response }) {
      if (response.ok) return undefined;
      if (response.status === 401) o.onUnauthorized?.();
      const text = await response.text();
      throw failureFrom(response.status, parseJson(text), text.slice(0, 200));
    },
    onError({ error }) {
      // A cancelled call stays an AbortError, which callers tell apart from a failure; anything else here means
      // the request never got an answer.
      if (isAbort(error) && error instanceof Error) return error;
      return new ApiFailure(0, 'network', o.unreachable, null);
    },
  };
  client.use(middleware);
  return client;
}

/**
 * What a call answers when it succeeds: openapi-fetch's `data`, never undefined on success (an answer without a
 * body is typed `never`), since the client's middleware throws every failure as an ApiFailure.
 */
export type Answer<R> = R extends { data?: infer D; error?: never } ? Exclude<D, undefined> : never;

/** The answer of a call: `await ok(api.GET('/api/incidents/{id}', { params: { path: { id } } }))`. */
export async function ok<R extends { response: Response }>(call: Promise<R>): Promise<Answer<R>> {
  return ((await call) as { data?: unknown }).data as Answer<R>;
}

/** The name the server gives a file it answers (Content-Disposition), or null. */
export const filenameOf = (response: Response): string | null =>
  /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? null;

/** A file's answer (read as the call's parseAs asks: blob, arrayBuffer, stream) with the name the server gives it. */
export async function okFile<R extends { response: Response }>(call: Promise<R>): Promise<{ data: Answer<R>; filename: string | null }> {
  const answered = await call;
  return { data: (answered as { data?: unknown }).data as Answer<R>, filename: filenameOf(answered.response) };
}

/**
 * Options that send `data` as is, with its media type, instead of as JSON: an .eml, a recipient list, a file to
 * ingest (a Blob in the browser, a stream or bytes in Node). The description types these bodies as text, which
 * is what the server reads; fetch sends any BodyInit, hence the one cast. `duplex: 'half'` lets Node send a stream.
 */
export function rawBody(type: string, data: BodyInit): { body: string; bodySerializer: (body: unknown) => unknown; headers: Record<string, string>; duplex: 'half' } {
  return { body: data as unknown as string, bodySerializer: (body) => body, headers: { 'content-type': type }, duplex: 'half' };
}

/**
 * JSON the caller has not checked (a user's file that the CLI passes on), as the body of any operation: the server
 * validates it with the route's own schema and answers a 400 naming the field, as for any other caller. Typed
 * `never`, which fits every body, because its type is exactly what is not known until the server has checked it.
 */
export const unchecked = (input: unknown): never => input as never;
