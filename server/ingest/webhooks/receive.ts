// POST /api/webhooks/:esp as a use case: find the ESP, check its signature on the raw bytes, read its payload with
// the ESP's fallbacks, and load the events through the same ingest as files (one atomic merge, dedupe by event
// identity, roll-up to sends). An unconfigured ESP is 404; a bad, stale or replayed signature 401 naming why, and
// nothing stored; a body that is not the ESP's format 400. Events Rebound still cannot use are kept in the
// quarantine with their reason, in the same transaction: a 200 never means lost (the ESP does not retry a 200).
import type { Db } from '../../store/db.ts';
import type { WebhookContext } from './config.ts';
import { ApiError } from '../../errors.ts';
import { markSnsSubscription, recordSnsSubscription, recordSourceSuccess } from '../../store/sources.ts';
import type { Rejection } from '../intake.ts';
import { GroupCommit, type PostResult } from './group-commit.ts';
import { jsonBody, MalformedPayload, type EspAdapter, type EventRecord, type Origin, type Parsed, type WebhookDeps, type WebhookRequest } from './common.ts';
import type { Esp } from './fallbacks.ts';
import { mailgun } from './mailgun.ts';
import { postmark } from './postmark.ts';
import { ses } from './ses.ts';
import { fetchSnsCert, isSnsCertUrl, snsMessage } from './sns-verify.ts';
import { sendgrid } from './sendgrid.ts';
import { sparkpost } from './sparkpost.ts';
import { saveTokens, type TokenClaim } from '../../store/webhook-tokens.ts';
import { TokenCache } from './token-cache.ts';

export const ADAPTERS: Readonly<Record<Esp, EspAdapter>> = { sendgrid, ses, mailgun, sparkpost, postmark };
export const adapterOf = (esp: string): EspAdapter | undefined => (Object.hasOwn(ADAPTERS, esp) ? ADAPTERS[esp as Esp] : undefined);

export interface WebhookAnswer {
  esp: string;
  received: number;
  ignored: number;
  stored: number;
  duplicate: number;
  /** Events kept in the quarantine (GET /api/quarantine), each listed with its reason in `rejections`. */
  quarantined: number;
  rejections: Rejection[];
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
  ({ esp, received: 0, ignored, stored: 0, duplicate: 0, quarantined: 0, rejections: [], defaulted: [] });

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

// One group commit per store and ESP, created on first use.
const committers = new WeakMap<Db, Map<string, GroupCommit>>();
function committer(s: WebhookContext, source: string, now: () => Date): GroupCommit {
  let byEsp = committers.get(s.db);
  if (!byEsp) committers.set(s.db, (byEsp = new Map()));
  let c = byEsp.get(source);
  if (!c) byEsp.set(source, (c = new GroupCommit(s.db, source, now)));
  return c;
}

/**
 * Loads read events (a post, a replayed file or the quarantine's) through the ESP's group commit; `claims` (a
 * post's signature tokens) are stored in the same transaction.
 */
export async function loadEvents(
  s: WebhookContext, esp: Esp, events: EventRecord[], origins: readonly Origin[], now: () => Date, claims: readonly TokenClaim[] = [],
): Promise<PostResult> {
  // Addresses stay only where the team asked for them (WEBHOOK_RECIPIENTS=address); the domain is always kept.
  if (!s.config.sources.webhooks.keepRecipients) for (const e of events) delete e['recipient'];
  const source = `webhook:${esp}`;
  if (events.length === 0) {
    const at = now().toISOString();
    await s.db.transaction(async (tx) => {
      await recordSourceSuccess(tx, source, at, 0);
      await saveTokens(tx, claims, at);
    });
    return { stored: 0, duplicate: 0, quarantined: 0, rejections: [] };
  }
  return committer(s, source, now).submit(events, origins, claims);
}

export function parsePayload(s: WebhookContext, adapter: EspAdapter, body: unknown): Parsed {
  return adapter.parse(body, { sources: s.config.sources.webhooks.sources[adapter.name] });
}

async function store(s: WebhookContext, adapter: EspAdapter, body: unknown, now: () => Date, claims: readonly TokenClaim[] = []): Promise<WebhookAnswer> {
  const parsed = parsePayload(s, adapter, body);
  const r = await loadEvents(s, adapter.name, parsed.events, parsed.origins, now, claims);
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
    const answer = await store(s, adapter, body, deps.now, verdict.claims);
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
    return await store(s, adapter, jsonBody(raw), s.now);
  } catch (err) {
    if (err instanceof MalformedPayload) throw malformed(esp, err);
    throw err;
  }
}
