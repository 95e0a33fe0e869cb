// A GET answered from the read cache (server/services/read-cache.ts): a strong ETag, 304 Not Modified when the
// client already holds that answer, and the gzip the cache keeps when the client accepts it. With the cache off
// (REBOUND_READ_CACHE=0) the route answers as it would without one: c.json of a fresh computation.
import type { Context, TypedResponse } from 'hono';
import type { Services } from '../context.ts';
import { readCacheOf, type CachedAnswer } from '../services/read-cache.ts';

// "no-store": with "no-cache" Chromium's HTTP cache handed the dashboard an answer older than a write it had just
// made (the audience panel after "Save sends", test/e2e/audience.test.ts), though every revalidation here is right.
// The server-side cache is what makes reads cheap; clients that send If-None-Match themselves still get a 304.
// "private" because answers depend on the caller's token.
const CACHE_CONTROL = 'private, no-store';

/** Whether Accept-Encoding allows gzip (a `q=0` refuses it; `*` allows it). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  for (const part of header.split(',')) {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}

/** If-None-Match against both representations' tags, by the weak comparison RFC 9110 (13.1.2) prescribes. */
export function matchesETag(header: string | undefined, a: CachedAnswer): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === a.etag || tag === a.gzipEtag;
  });
}

export function answer(c: Context, a: CachedAnswer): Response {
  const gz = acceptsGzip(c.req.header('accept-encoding'));
  c.header('ETag', gz ? a.gzipEtag : a.etag);
  c.header('Cache-Control', CACHE_CONTROL);
  c.header('Vary', 'Accept-Encoding');
  if (matchesETag(c.req.header('if-none-match'), a)) return c.body(null, 304);
  c.header('Content-Type', 'application/json');
  if (gz) c.header('Content-Encoding', 'gzip');
  return c.body(gz ? a.gzip : a.body, 200);
}

/**
 * Answers `key` from the cache (inputs: the tables `compute` reads), or computes it afresh with the cache off.
 * Typed as the JSON of T, which its body is, byte for byte (or a 304 that stands for it), so the route keeps
 * its OpenAPI response type.
 */
export async function cachedJson<T>(c: Context, s: Services, key: string, inputs: readonly string[], compute: () => Promise<T>): Promise<TypedResponse<T, 200, 'json'>> {
  const cache = readCacheOf(s);
  if (!cache) return c.json(await compute(), 200) as TypedResponse<T, 200, 'json'>;
  return answer(c, await cache.get(key, inputs, compute)) as unknown as TypedResponse<T, 200, 'json'>;
}
