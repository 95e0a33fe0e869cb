// The one platform API shared/ may use: WHATWG fetch, global in the browser and in Node 20 alike. Only the type
// check of shared/ on its own (shared/tsconfig.json, which has no DOM or Node types) reads this file; the root
// tsconfig excludes it, since there the DOM library declares the real thing. It declares just the members that
// shared/api/client.ts and openapi-fetch's types use, with the DOM library's shapes, so code that type-checks
// here type-checks against the browser's and Node's declarations too.

interface Headers {
  get(name: string): string | null;
  has(name: string): boolean;
  set(name: string, value: string): void;
}
type HeadersInit = [string, string][] | Record<string, string> | Headers;

interface Blob {
  readonly size: number;
  readonly type: string;
  arrayBuffer(): Promise<ArrayBuffer>;
  text(): Promise<string>;
}

interface ReadableStream<R = unknown> {
  readonly locked: boolean;
  cancel(reason?: unknown): Promise<void>;
  getReader(): { read(): Promise<{ done: boolean; value?: R }>; releaseLock(): void };
}

type BodyInit = string | ArrayBuffer | ArrayBufferView | Blob | ReadableStream<Uint8Array>;

interface AbortSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
}

interface RequestInit {
  method?: string;
  headers?: HeadersInit;
  body?: BodyInit | null;
  signal?: AbortSignal | null;
  redirect?: 'error' | 'follow' | 'manual';
}

interface Request {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly signal: AbortSignal;
}
declare const Request: { prototype: Request; new (input: string | Request, init?: RequestInit): Request };

interface Response {
  readonly ok: boolean;
  readonly status: number;
  readonly headers: Headers;
  readonly body: ReadableStream<Uint8Array> | null;
  arrayBuffer(): Promise<ArrayBuffer>;
  blob(): Promise<Blob>;
  json(): Promise<unknown>;
  text(): Promise<string>;
}
declare const Response: { prototype: Response; new (body?: BodyInit | null, init?: { status?: number; headers?: HeadersInit }): Response };

declare function fetch(input: string | Request, init?: RequestInit): Promise<Response>;
