// The webhook load path without HTTP (docs/performance.md): groups of 8 posts × 100 events, as 8 concurrent SendGrid
// clients produce them, validated and kept in the webhook journal of a real DuckDB file, each group waited for until
// it is loaded, over four sends that grow to 120,000
// events each. Shows the cost of one load as the store grows: a roll-up that re-reads every event of the touched
// sends grows with them; an incremental one does not. Counts checked afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preparePost } from '../server/ingest/webhooks/prepare-post.ts';
import type { EventRecord } from '../server/ingest/webhooks/common.ts';
import { Db } from '../server/store/db.ts';
import { journalOf } from '../server/store/webhook-journal.ts';

const POSTS = 8;
const BATCH = 100;
const GROUPS = Number(process.env.BENCH_MERGE_GROUPS ?? 600);
const SLICES = 5;

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

export async function benchWebhookMerge(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-bench-merge-'));
  const db = await Db.open(join(dir, 'store.duckdb'));
  try {
    const journal = journalOf(db);
    const ts = new Date().toISOString();
    const times: number[] = [];
    let post = 0;
    const t0 = performance.now();
    for (let g = 0; g < GROUPS; g++) {
      const posts = Array.from({ length: POSTS }, () => {
        const b = post++;
        return Array.from({ length: BATCH }, (_, i): EventRecord => ({
          event_id: `b${b}-e${i}`, type: i % 10 === 0 ? 'injection' : 'delivery', timestamp: ts, send_id: `send-${b % 4}`,
          stream: 'news', recipient_domain: 'gmail.com', message_id: `m${b}-${i}`,
        }));
      });
      const started = performance.now();
      const kept = await Promise.all(posts.map((p) => journal.append('webhook:bench', preparePost('bench', p, [], new Date().toISOString()))));
      await Promise.all(kept.map((k) => k.loaded));
      times.push(performance.now() - started);
    }
    const seconds = (performance.now() - t0) / 1000;
    const events = post * BATCH;
    const stored = await db.one<{ events: number; delivered: number }>('SELECT (SELECT count(*) FROM events) AS events, (SELECT sum(delivered) FROM sends) AS delivered');
    const slice = GROUPS / SLICES;
    const sorted = [...times].sort((a, b) => a - b);
    return [
      `### Webhook loads without HTTP: ${GROUPS} group commits of ${POSTS} posts × ${BATCH} events, 4 sends growing to ${(events / 4).toLocaleString('en-US')} events each`,
      '',
      `| events/s | load p50 ms | load p99 ms | ${Array.from({ length: SLICES }, (_, i) => `mean ms, ${i + 1}/${SLICES}`).join(' | ')} |`,
      `|---|---|---|${'---|'.repeat(SLICES)}`,
      `| ${Math.round(events / seconds).toLocaleString('en-US')} | ${pct(sorted, 0.5).toFixed(1)} | ${pct(sorted, 0.99).toFixed(1)} | ${Array.from({ length: SLICES }, (_, i) => mean(times.slice(i * slice, (i + 1) * slice)).toFixed(1)).join(' | ')} |`,
      '',
      `- ${stored?.events === events && stored.delivered === events * 0.9 ? 'every event stored once and counted once' : `COUNTS DIFFER: ${JSON.stringify(stored)}`}.`,
    ];
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
