// Migration 014 on a store whose webhook events were keyed by the ESP's event id alone (the identity before it):
// they get the new identity (ESP + id + the ESP's event type), so a redelivery after the upgrade is still a
// duplicate; events from files keep their own ids. A post is answered once on disk and loaded moments later: the
// store is read and changed here only once the posts answered so far are loaded (journalSettled).
import { afterAll, describe, expect, it } from 'vitest';
import { Db } from '../../server/store/db.ts';
import { ingestFile } from '../../server/ingest/ingest.ts';
import { listRuns } from '../../server/store/ingest-runs.ts';
import { fixture, tempDir } from './helpers.ts';
import { journalSettled } from './journal-post.ts';
import { appFor, NOW, servicesWith, tableCount } from './sources-helpers.ts';
import { signedPost, webhookEnv } from './webhook-signing.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const ENV = webhookEnv(tmp.path('sns.pem'));

const BATCH = JSON.stringify([
  { email: 'a@gmail.com', timestamp: 1772359200, event: 'processed', sg_event_id: 'old-1', category: 'news' },
  { email: 'a@gmail.com', timestamp: 1772359260, event: 'delivered', sg_event_id: 'old-2', category: 'news' },
  { email: 'b@yahoo.com', timestamp: 1772359270, event: 'bounce', type: 'bounce', sg_event_id: 'old-3', category: 'news' },
]);

describe('migration 014: webhook event identity', () => {
  it('re-keys events stored by webhooks before it, so their redelivery is a duplicate', async () => {
    const path = tmp.path('upgrade.duckdb');
    let s = await servicesWith(ENV, 'upgrade', tmp);
    const post = async () => {
      const p = signedPost('sendgrid', BATCH, NOW);
      return (await appFor(s).request(p.path, { method: 'POST', body: p.body, headers: p.headers })).json();
    };
    expect(await post()).toMatchObject({ received: 3, accepted: 3 });
    await journalSettled(s.db);
    expect(await s.db.all<{ event_id: string }>(`SELECT event_id FROM events WHERE event_id LIKE 'sendgrid:%' ORDER BY 1`))
      .toEqual([{ event_id: 'sendgrid:old-1:processed' }, { event_id: 'sendgrid:old-2:delivered' }, { event_id: 'sendgrid:old-3:bounce' }]);
    await ingestFile(s.db, fixture('events.ndjson'), {});
    const fileIds = await s.db.all<{ event_id: string }>(`SELECT event_id FROM events WHERE event_id NOT LIKE 'sendgrid:%' ORDER BY event_id`);
    // The store as it was before: webhook events keyed by the ESP's id alone, migration 014 not applied.
    await s.db.run(`UPDATE events SET event_id = split_part(event_id, ':', 2), event_key = md5_number('id:' || split_part(event_id, ':', 2)) WHERE event_id LIKE 'sendgrid:%'`);
    await s.db.run('DROP TABLE webhook_quarantine');
    await s.db.run('DROP SEQUENCE webhook_quarantine_seq');
    await s.db.run('DELETE FROM schema_migrations WHERE version = 14');
    expect((await s.db.all<{ event_id: string }>(`SELECT event_id FROM events WHERE event_id LIKE 'old-%' ORDER BY 1`)).map((r) => r.event_id)).toEqual(['old-1', 'old-2', 'old-3']);
    s.db.close();

    const reopened = await Db.open(path);
    s = { ...s, db: reopened };
    expect((await reopened.all<{ event_id: string }>(`SELECT event_id FROM events WHERE event_id LIKE 'sendgrid:%' ORDER BY 1`)).map((r) => r.event_id))
      .toEqual(['sendgrid:old-1:processed', 'sendgrid:old-2:delivered', 'sendgrid:old-3:bounce']);
    expect(await reopened.all<{ event_id: string }>(`SELECT event_id FROM events WHERE event_id NOT LIKE 'sendgrid:%' ORDER BY event_id`)).toEqual(fileIds);
    const before = await tableCount(reopened, 'events');
    expect(await post()).toMatchObject({ received: 3, accepted: 3 });
    await journalSettled(reopened);
    expect((await listRuns(reopened, 1))[0]).toMatchObject({ source: 'webhook:sendgrid', rows_read: 3, rows_stored: 0, rows_duplicate: 3 });
    expect(await tableCount(reopened, 'events')).toBe(before);
    reopened.close();
  });
});
