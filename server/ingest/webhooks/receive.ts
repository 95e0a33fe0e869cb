// POST /api/webhooks/:esp as a use case: find the ESP, check its signature on the raw bytes, read its payload with
// the ESP's fallbacks, validate the events as for files, and keep the post in the store's webhook journal
// (store/webhook-journal.ts) — on disk before the answer; in the tables moments later, stored once by event
// identity and rolled up into sends. An unconfigured ESP is 404; a bad, stale or replayed signature 401 naming why,
// and nothing kept; a body that is not the ESP's format 400. Events Rebound still cannot use go to the quarantine
// with their reason: a 200 never means lost (the ESP does not retry a 200).
import type { Db } from '../../store/db.ts';
import type { WebhookContext } from './config.ts';
import { ApiError } from '../../errors.ts';
import { isDiskFull } from '../../store/disk-full.ts';
import { markSnsSubscription, recordSnsSubscription } from '../../store/sources.ts';
import { journalOf, type Journaled } from '../../store/webhook-journal.ts';
import type { Rejection } from '../intake.ts';
import { jsonBody, MalformedPayload, type EspAdapter, type EventRecord, type Origin, type Parsed, type WebhookDeps, type WebhookRequest } from './common.ts';
import type { Esp } from './fallbacks.ts';
import { mailgun } from './mailgun.ts';
import { postmark } from './postmark.ts';
import { preparePost } from './prepare-post.ts';
import { ses } from './ses.ts';
import { fetchSnsCert, isSnsCertUrl, snsMessage } from './sns-verify.ts';
import { sendgrid } from './sendgrid.ts';
import { sparkpost } from './sparkpost.ts';
import type { TokenClaim } from '../../store/webhook-tokens.ts';
import { TokenCache } from './token-cache.ts';

export const ADAPTERS: Readonly<Record<Esp, EspAdapter>> = { sendgrid, ses, mailgun, sparkpost, postmark };
export const adapterOf = (esp: string): EspAdapter | undefined => (Object.hasOwn(ADAPTERS, esp) ? ADAPTERS[esp as Esp] : undefined);

/** What became of a post's events: `stored` and `duplicate` only where the caller waited for the load (a replay). */
export interface PostResult {
  /** Events kept on disk to be stored (a redelivery among them is stored once: docs/webhooks.md). */
  accepted: number;
  /** Events kept in the quarantine (GET /api/quarantine), each listed with its reason in `rejections`. */
  quarantined: number;
  rejections: Rejection[];
  stored?: number;
  duplicate?: number;
}

export interface WebhookAnswer extends PostResult {
  esp: string;
  received: number;
  ignored: number;
  /** Values the mapping did not know, mapped to their documented default (docs/webhooks.md). */
  defaulted: string[];
  subscription?: 'confirmed' | 'recorded';
}

export const defaultWebhookDeps = (now: () => Date): WebhookDeps => ({
  now,
  fetchSigningCert: fetchSnsCert,
  confirmSubscription: async (url) => {
    const res = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`SNS answered ${res.status}`);
  },
});

const nothing = (esp: string, ignored: number): WebhookAnswer =>
  ({ esp, received: 0, ignored, accepted: 0, quarantined: 0, rejections: [], defaulted: [] });

/** SNS asks to confirm a subscription: record it, then confirm it (only an SNS host is ever fetched). */
async function subscription(s: WebhookContext, esp: string, body: unknown, deps: WebhookDeps): Promise<WebhookAnswer | null> {
  const m = snsMessage(body);
  if (!m || m.Type !== 'SubscriptionConfirmation') return null;
  const url = m.SubscribeURL ?? '';
  const at = deps.now().toISOString();
  await recordSnsSubscription(s.db, { topicArn: m.TopicArn, messageId: m.MessageId, subscribeUrl: url, at });
  let error: string | null = null;
  try {
    if (!isSnsCertUrl(url.replace(/\?.*$/, '') + '.pem')) throw new Error('SubscribeURL is not an https SNS address');
    await deps.confirmSubscription(url);
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  await markSnsSubscription(s.db, m.TopicArn, m.MessageId, at, error);
  return { ...nothing(esp, 0), subscription: error ? 'recorded' : 'confirmed' };
}

// One cache of Mailgun tokens per store: whichever app instance a post reaches, a token is used once; the store
// keeps them across restarts (token-cache.ts).
const tokenCaches = new WeakMap<Db, TokenCache>();
function tokensOf(s: WebhookContext): TokenCache {
  let t = tokenCaches.get(s.db);
  if (!t) tokenCaches.set(s.db, (t = new TokenCache(s.db)));
  return t;
}

/**
 * Keeps read events (a post, a replayed file or the quarantine's) in the store's webhook journal, with `claims` (a
 * post's signature tokens); resolves once they are on disk. With `wait`, once they are in the store too, with what
 * the load made of them.
 */
export async function loadEvents(
  s: WebhookContext, esp: Esp, events: EventRecord[], origins: readonly Origin[], now: () => Date,
  opts: { claims?: readonly TokenClaim[]; wait?: boolean } = {},
): Promise<PostResult> {
  // Addresses stay only where the team asked for them (WEBHOOK_RECIPIENTS=address); the domain is always kept.
  if (!s.config.sources.webhooks.keepRecipients) for (const e of events) delete e['recipient'];
  const p = preparePost(esp, events, origins, now().toISOString(), opts.claims ?? []);
  let kept: Journaled;
  try {
    kept = await journalOf(s.db).append(`webhook:${esp}`, p);
  } catch (err) {
    // Not on disk, so not answered as kept: the ESP retries. A full disk is the API's 507; anything else a 503.
    if (isDiskFull(err)) throw err;
    // The code only: the server's log has the rest, which names paths.
    const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : 'error';
    throw new ApiError('busy', `the post could not be kept on disk (${code}); nothing was kept, send it again later`);
  }
  const result: PostResult = { accepted: p.rows.length, quarantined: p.rejections.length, rejections: p.rejections };
  return opts.wait ? { ...result, ...(await kept.loaded) } : result;
}

export function parsePayload(s: WebhookContext, adapter: EspAdapter, body: unknown): Parsed {
  return adapter.parse(body, { sources: s.config.sources.webhooks.sources[adapter.name] });
}

async function store(s: WebhookContext, adapter: EspAdapter, body: unknown, now: () => Date, opts: { claims?: readonly TokenClaim[]; wait?: boolean }): Promise<WebhookAnswer> {
  const parsed = parsePayload(s, adapter, body);
  const r = await loadEvents(s, adapter.name, parsed.events, parsed.origins, now, opts);
  // Line N of this post is its N-th usable event, which is what rejections point at.
  return { esp: adapter.name, received: parsed.events.length, ignored: parsed.ignored, defaulted: parsed.defaulted, ...r };
}

const malformed = (esp: string, err: MalformedPayload) => new ApiError('bad_request', `${esp} webhook: ${err.message}; nothing stored`, { field: 'body' });

export async function receiveWebhook(s: WebhookContext, esp: string, req: WebhookRequest, deps: WebhookDeps): Promise<WebhookAnswer> {
  const adapter = adapterOf(esp);
  const cfg = s.config.sources.webhooks;
  // Never accept unsigned data: without its key a webhook does not exist.
  if (!adapter || !adapter.configured(cfg)) throw new ApiError('not_found', `no ${esp} webhook is configured (see docs/webhooks.md)`);
  let release: (() => void) | undefined;
  try {
    const verdict = await adapter.verify(req, cfg, { ...deps, tokens: tokensOf(s) });
    if (!verdict.ok) throw new ApiError('unauthorized', `${esp} webhook refused: ${verdict.reason}; nothing stored`);
    release = verdict.release;
    const body = jsonBody(req.body);
    if (adapter === ses) {
      const confirmed = await subscription(s, esp, body, deps);
      if (confirmed) return confirmed;
      // Unsubscribe confirmations need nothing from us.
      if (snsMessage(body)?.Type === 'UnsubscribeConfirmation') return nothing(esp, 1);
    }
    const answer = await store(s, adapter, body, deps.now, verdict.claims ? { claims: verdict.claims } : {});
    release = undefined;
    return answer;
  } catch (err) {
    // Not stored: the ESP's retry of this very post must not be refused as a replay.
    release?.();
    if (err instanceof MalformedPayload) throw malformed(esp, err);
    throw err;
  }
}

/**
 * A saved payload posted again by someone with a Rebound token (`rebound webhooks replay ESP FILE`): the same
 * reading, fallbacks, quarantine and load as the ESP's own post, without the ESP's signature (the token is the
 * authentication, and the ESP's key need not be set yet: a team checks its mapping before going live).
 */
export async function replayPayload(s: WebhookContext, esp: string, raw: Buffer): Promise<WebhookAnswer> {
  const adapter = adapterOf(esp);
  if (!adapter) throw new ApiError('not_found', `no such ESP: ${esp} (one of ${Object.keys(ADAPTERS).join(', ')})`);
  try {
    return await store(s, adapter, jsonBody(raw), s.now, { wait: true });
  } catch (err) {
    if (err instanceof MalformedPayload) throw malformed(esp, err);
    throw err;
  }
}
