// Webhook events into a store as a post would bring them, without HTTP: validated (preparePost), kept in the store's
// webhook journal, and waited for until the journal's loader has them in the store; with the post's own counts.
import type { EventRecord, Origin } from '../../server/ingest/webhooks/common.ts';
import { preparePost } from '../../server/ingest/webhooks/prepare-post.ts';
import type { Db } from '../../server/store/db.ts';
import { existingJournal, journalOf } from '../../server/store/webhook-journal.ts';

export interface PostCounts { stored: number; duplicate: number; quarantined: number; rejections: { line: number; reason: string }[] }

export async function postEvents(db: Db, source: string, events: EventRecord[], at = new Date().toISOString(), origins: readonly Origin[] = []): Promise<PostCounts> {
  const p = preparePost(source.replace(/^webhook:/, ''), events, origins, at);
  const kept = await journalOf(db).append(source, p);
  const loaded = await kept.loaded;
  return { ...loaded, quarantined: p.rejections.length, rejections: p.rejections };
}

/**
 * Waits until the webhook posts answered so far are in the store: what the server's readers wait for (server/app.ts)
 * and a test reading the store directly after posting through `app.request` must wait for too.
 */
export async function journalSettled(db: Db): Promise<void> {
  await existingJournal(db)?.settled();
}
