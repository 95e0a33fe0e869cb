// The Postmark pull: for each message stream (POSTMARK_STREAMS) and each tag (POSTMARK_TAGS), the three daily
// outbound statistics — GET /stats/outbound/sends, /bounces and /spam with fromdate, todate and messagestream or
// tag — with the Server API token in X-Postmark-Server-Token. Plain fetch: the official `postmark` library wraps
// the same GETs, but its errors keep the status without the Retry-After header a rate limit sends.
import type { RetryOptions } from '../../../http/retry.ts';
import { getJson, type EspClient, type Query } from '../http.ts';
import type { DayWindow, EspRead, EspReader, PulledSend } from '../types.ts';
import type { PostmarkConfig } from './config.ts';
import { postmarkSends } from './parse.ts';

export function postmarkReader(c: PostmarkConfig, retry?: RetryOptions): EspReader {
  const client: EspClient = {
    label: 'Postmark', base: c.endpoint, headers: { 'x-postmark-server-token': c.token }, retry,
    // Postmark has no scopes: a Server API token reads its own server's statistics; an Account token does not.
    refusal: () => 'the token is not a valid Server API token (POSTMARK_SERVER_TOKEN; an Account API token cannot read a server\'s statistics)',
  };
  const targets: { stream: string; filter: Query; where: string }[] = [
    ...c.messageStreams.map((m) => ({ stream: m, filter: { messagestream: m }, where: `message stream ${m}` })),
    ...c.tags.map((t) => ({ stream: t, filter: { tag: t }, where: `tag ${t}` })),
  ];
  return {
    name: 'postmark',
    window: c,
    async read(w: DayWindow): Promise<EspRead> {
      const sends: PulledSend[] = [];
      for (const t of targets) {
        const q = { fromdate: w.from, todate: w.to, ...t.filter };
        const answers = {
          sends: await getJson(client, '/stats/outbound/sends', q),
          bounces: await getJson(client, '/stats/outbound/bounces', q),
          spam: await getJson(client, '/stats/outbound/spam', q),
        };
        sends.push(...postmarkSends(answers, t.stream, t.where));
      }
      return { sends, seeds: [], unknownProviders: {} };
    },
  };
}
