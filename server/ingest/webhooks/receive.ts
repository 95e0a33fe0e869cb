// POST /api/webhooks/:esp as a use case: find the ESP, check its signature on the raw bytes, read its payload,
// and load the events through the same ingest as files (one atomic merge, dedupe by event id, roll-up to sends).
// An unconfigured ESP is 404; a bad or missing signature 401 and nothing stored; a body that is not the ESP's
// format 400. Events Rebound cannot use (no send_id, say) are listed as rejections but do not fail the post:
// the ESP would retry it forever, and the good events of the batch would be lost with it.
import type { Services } from '../../context.ts';
import { ApiError } from '../../errors.ts';
import { markSnsSubscription, recordSnsSubscription, recordSourceSuccess } from '../../store/sources.ts';
import type { Rejection } from '../ingest.ts';
import { GroupCommit } from './group-commit.ts';
import { jsonBody, MalformedPayload, type EspAdapter, type WebhookDeps, type WebhookRequest } from './common.ts';
import { mailgun } from './mailgun.ts';
import { ses } from './ses.ts';
import { fetchSnsCert, isSnsCertUrl, snsMessage } from './sns-verify.ts';
import { sendgrid } from './sendgrid.ts';
import { sparkpost } from './sparkpost.ts';

export const ADAPTERS: Readonly<Record<string, EspAdapter>> = { sendgrid, ses, mailgun, sparkpost };

export interface WebhookAnswer {
  esp: string;
  received: number;
  ignored: number;
  stored: number;
  duplicate: number;
  rejected: number;
  rejections: Rejection[];
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

/** SNS asks to confirm a subscription: record it, then confirm it (only an SNS host is ever fetched). */
async function subscription(s: Services, esp: string, body: unknown, deps: WebhookDeps): Promise<WebhookAnswer | null> {
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
  return { esp, received: 0, ignored: 0, stored: 0, duplicate: 0, rejected: 0, rejections: [], subscription: error ? 'recorded' : 'confirmed' };
}

// One group commit per store and ESP, created on first use.
const committers = new WeakMap<Services['db'], Map<string, GroupCommit>>();
function committer(s: Services, source: string, now: () => Date): GroupCommit {
  let byEsp = committers.get(s.db);
  if (!byEsp) committers.set(s.db, (byEsp = new Map()));
  let c = byEsp.get(source);
  if (!c) byEsp.set(source, (c = new GroupCommit(s.db, source, now)));
  return c;
}

export async function receiveWebhook(s: Services, esp: string, req: WebhookRequest, deps: WebhookDeps): Promise<WebhookAnswer> {
  const adapter = ADAPTERS[esp];
  const cfg = s.config.sources.webhooks;
  // Never accept unsigned data: without its key a webhook does not exist.
  if (!adapter || !adapter.configured(cfg)) throw new ApiError('not_found', `no ${esp} webhook is configured (see README, Sources)`);
  let body: unknown;
  try {
    const verdict = await adapter.verify(req, cfg, deps);
    if (!verdict.ok) throw new ApiError('unauthorized', `${esp} webhook: ${verdict.reason}; nothing stored`);
    body = jsonBody(req.body);
    if (adapter === ses) {
      const confirmed = await subscription(s, esp, body, deps);
      if (confirmed) return confirmed;
      // Unsubscribe confirmations need nothing from us.
      if (snsMessage(body)?.Type === 'UnsubscribeConfirmation') return { esp, received: 0, ignored: 1, stored: 0, duplicate: 0, rejected: 0, rejections: [] };
    }
    const parsed = adapter.parse(body);
    // Addresses stay only where the team asked for them (WEBHOOK_RECIPIENTS=address); the domain is always kept.
    if (!cfg.keepRecipients) for (const e of parsed.events) delete e['recipient'];
    const source = `webhook:${esp}`;
    const at = deps.now().toISOString();
    if (parsed.events.length === 0) {
      await s.db.transaction((tx) => recordSourceSuccess(tx, source, at, 0));
      return { esp, received: 0, ignored: parsed.ignored, stored: 0, duplicate: 0, rejected: 0, rejections: [] };
    }
    // Line N of this batch is its N-th usable event, which is what rejections point at.
    const r = await committer(s, source, deps.now).submit(parsed.events);
    return {
      esp, received: parsed.events.length, ignored: parsed.ignored, stored: r.stored, duplicate: r.duplicate,
      rejected: r.rejected, rejections: r.rejections,
    };
  } catch (err) {
    if (err instanceof MalformedPayload) throw new ApiError('bad_request', `${esp} webhook: ${err.message}; nothing stored`, { field: 'body' });
    throw err;
  }
}
