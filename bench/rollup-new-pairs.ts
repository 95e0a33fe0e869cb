// The roll-up's insert of send × provider pairs seen for the first time (server/store/send-rollup.ts, INSERT_NEW),
// on a store of a million sends rows: what the refusal of sends covered by a provider-less summary
// (send-coverage.ts) costs. Four forms, read as counts (nothing written), in rotating order: the anti-join of the
// new pairs against sends without the refusal (before); with the refusal as a correlated EXISTS; as an
// uncorrelated NOT IN over the covered sends (now); and a semi-join on the new pairs' sends first, then matching. Two stores: covered rows appended by a pull (60
// days of one stream-day row for 100 streams), and none. Medians of wall and CPU time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Db } from '../server/store/db.ts';
import { notCovered } from '../server/store/send-coverage.ts';

const ROWS = Number(process.env.BENCH_ROLLUP_ROWS ?? 1_000_000);
const NEW_PAIRS = 50;
const ROUNDS = 21;

const ANTI = `NOT EXISTS (SELECT 1 FROM sends s WHERE s.send_id = d.send_id AND s.provider = d.provider)`;
const FORMS = {
  before: `SELECT count(*) AS n FROM delta d WHERE ${ANTI}`,
  'correlated EXISTS': `SELECT count(*) AS n FROM delta d WHERE ${ANTI}
    AND NOT EXISTS (SELECT 1 FROM sends cov WHERE cov.send_id = d.send_id AND cov.all_providers)`,
  now: `SELECT count(*) AS n FROM delta d WHERE ${ANTI} AND ${notCovered('d')}`,
  'semi-join first': `WITH touched AS (SELECT send_id, provider, all_providers FROM sends WHERE send_id IN (SELECT send_id FROM delta))
    SELECT count(*) AS n FROM delta d
     WHERE NOT EXISTS (SELECT 1 FROM touched t WHERE t.send_id = d.send_id AND (t.provider = d.provider OR t.all_providers))`,
} as const;
type Form = keyof typeof FORMS;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function measure(covered: boolean): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-bench-rollup-'));
  const db = await Db.open(join(dir, 'store.duckdb'));
  try {
    // A thousand streams' daily sends over five providers, rolled up from events.
    await db.run(`INSERT INTO sends (send_id, provider, stream, sent_at, injected, delivered, bounced_hard, bounced_soft, bounced_block,
                                     complaints, unsubscribes, origin, updated_at)
      SELECT 'stream' || ((i // 5) % 1000) || '/' || (i // 5000), ['gmail', 'yahoo', 'microsoft', 'apple', 'other'][(i % 5) + 1],
             'stream' || ((i // 5) % 1000), now()::TIMESTAMP, 1, 1, 0, 0, 0, 0, 0, 'events', now()::TIMESTAMP
        FROM range(${ROWS}) t(i)`);
    if (covered) {
      await db.run(`INSERT INTO sends (send_id, provider, stream, sent_at, injected, delivered, bounced_hard, bounced_soft, bounced_block,
                                       complaints, unsubscribes, origin, updated_at, all_providers)
        SELECT 'pulled' || (i % 100) || '/' || (i // 100), 'other', 'pulled' || (i % 100), now()::TIMESTAMP, 1, 1, 0, 0, 0, 0, 0,
               'summary', now()::TIMESTAMP, true FROM range(6000) t(i)`);
    }
    await db.run('CREATE TABLE delta (send_id VARCHAR, provider VARCHAR)');
    const wall: Record<Form, number[]> = { before: [], 'correlated EXISTS': [], now: [], 'semi-join first': [] };
    const cpu: Record<Form, number[]> = { before: [], 'correlated EXISTS': [], now: [], 'semi-join first': [] };
    const forms = Object.keys(FORMS) as Form[];
    for (let r = 0; r < ROUNDS; r++) {
      await db.run('DELETE FROM delta');
      // New sends, new providers of stored sends and (where there are any) covered sends: what webhook groups bring.
      await db.run(`INSERT INTO delta SELECT CASE i % 3 WHEN 0 THEN 'new-${r}-' || i WHEN 1 THEN 'stream' || i || '/1' ELSE 'pulled' || i || '/1' END, 'gmail'
                      FROM range(${NEW_PAIRS}) t(i)`);
      for (let k = 0; k < forms.length; k++) {
        const form = forms[(k + r) % forms.length] as Form;
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        await db.one(FORMS[form]);
        wall[form].push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpu[form].push((c.user + c.system) / 1000);
      }
    }
    const ms = (x: number) => `${x.toFixed(1)} ms`;
    return forms.map((f) => `| ${covered ? 'with' : 'without'} covered sends | ${f} | ${ms(median(wall[f]))} | ${ms(median(cpu[f]))} |`);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchRollupNewPairs(): Promise<string[]> {
  return [
    `### Roll-up: new send × provider pairs (${ROWS.toLocaleString('en-US')} sends rows, ${NEW_PAIRS} new pairs, ${ROUNDS} rounds)`,
    '',
    '| store | form | median wall | median CPU |',
    '|---|---|---|---|',
    ...(await measure(true)),
    ...(await measure(false)),
  ];
}
