// Run by webhook-journal.test.ts: keeps posts in the webhook journal of the store named in argv, then kills its own
// process with SIGKILL the moment the last one is on disk — before the journal's loader has had a turn, so the
// posts are answered (as an ESP's would be) and in no table. Prints "kept N" first.
import { Db } from '../../server/store/db.ts';
import { journalOf } from '../../server/store/webhook-journal.ts';
import { preparePost } from '../../server/ingest/webhooks/prepare-post.ts';
import type { EventRecord } from '../../server/ingest/webhooks/common.ts';

const [store, postsArg] = process.argv.slice(2);
const posts = Number(postsArg ?? 3);
const db = await Db.open(store as string);
const journal = journalOf(db);
const at = '2026-03-01T12:00:00.000Z';
const kept = [];
for (let p = 0; p < posts; p++) {
  const events: EventRecord[] = Array.from({ length: 10 }, (_, i) => ({
    event_id: `crash-${p}-${i}`, type: i === 9 ? 'complaint' : 'delivery', timestamp: '2026-03-01T10:00:00.000Z',
    send_id: 's1', stream: 'news', provider: 'gmail',
  }));
  // The last event of the first post has no stream: it belongs in the quarantine.
  if (p === 0) delete events[9]?.['stream'];
  const prepared = preparePost('test', events, events.map((e) => ({ payload: e, item: 0 })), at);
  kept.push(journal.append('webhook:test', prepared));
}
await Promise.all(kept);
process.stdout.write(`kept ${posts}\n`, () => process.kill(process.pid, 'SIGKILL'));
