// The read cache is invalidated in the server process only. That is enough because nothing else can write the
// store while the server runs: DuckDB lets one process hold the file (a second open is refused), the CLI then
// goes through the server's API, and the jobs run inside the server. Shown here with the real server, the real CLI
// in child processes, and a raw DuckDB open from another process.
import { spawn } from 'node:child_process';
import type { JobRunner } from '../../jobs/registry.ts';
import { jobRunner } from '../../jobs/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { start, type Running } from '../../server/main.ts';
import { recoveryOf } from '../../server/services/recovery.ts';
import { ROOT, runCli, SEND_COLUMNS, csv, tempDir, write } from './helpers.ts';

interface Read { etag: string; body: string }

describe('cached reads with the CLI and jobs writing', () => {
  const tmp = tempDir('rebound-cached-processes-');
  const store = tmp.path('store.duckdb');
  let server: Running<JobRunner>;
  let id: string;

  const read = async (path: string): Promise<Read> => {
    const res = await fetch(`${server.url}${path}`);
    expect(res.status, path).toBe(200);
    return { etag: res.headers.get('etag') ?? '', body: await res.text() };
  };
  const cli = async (...args: string[]) => {
    const r = await runCli([...args, '--db', store]);
    expect(r.code, r.stderr).toBe(0);
    return r.stdout;
  };

  beforeAll(async () => {
    server = await start(loadConfig({ PORT: '0', HOST: '127.0.0.1', REBOUND_DEMO: '1', REBOUND_DB: store }), { scheduler: jobRunner, log: () => undefined });
    id = (await server.services.db.one<{ id: string }>('SELECT id FROM incidents'))?.id ?? '';
  }, 120_000);
  afterAll(async () => {
    await server.stop();
    tmp.cleanup();
  });

  it('another process cannot open the store while the server holds it, not even read-only', async () => {
    const script = `import { DuckDBInstance } from '@duckdb/node-api';
      for (const options of [{}, { access_mode: 'READ_ONLY' }]) {
        try { await DuckDBInstance.create(process.argv[1], options); console.log('opened'); } catch (e) { console.log('refused: ' + e.message.split('\\n')[0]); }
      }`;
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script, store], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
      let text = '';
      child.stdout.on('data', (d: Buffer) => (text += d.toString()));
      child.on('error', reject);
      child.on('close', () => resolve(text));
    });
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/^refused: .*lock/i);
  });

  it('sees the CLI\'s incident edit, evaluation and ingest (through the API) and the evaluate job', async () => {
    const recovery = `/api/incidents/${id}/recovery`;
    const r0 = await read(recovery);
    const s0 = await read('/api/data/summary');
    expect(await read(recovery)).toEqual(r0);

    await cli('incident', 'update', id, '--json', write(tmp.path('patch.json'), JSON.stringify({ title: '[Demo] Edited from the CLI' })));
    const r1 = await read(recovery);
    expect(r1.etag).not.toBe(r0.etag);
    expect(r1.body).toContain('[Demo] Edited from the CLI');

    expect(await cli('evaluate')).toContain(`${id}: `);
    const r2 = await read(recovery);
    expect(r2.etag).not.toBe(r1.etag);
    // Served from the evaluation just stored: exactly what the uncached path gives.
    expect(r2.body).toBe(JSON.stringify(await recoveryOf(server.services, id)));

    const sentAt = new Date(Date.now() - 3_600_000).toISOString();
    const sends = write(tmp.path('sends.csv'), csv(SEND_COLUMNS, [{ send_id: 'cli-late-1', stream: 'promotions', provider: 'yahoo', sent_at: sentAt, injected: 40_000, delivered: 39_000, bounced_hard: 500, bounced_soft: 300, bounced_block: 200, complaints: 10, unsubscribes: 20 }]));
    expect(await cli('ingest', sends)).toContain('stored 1');
    const s1 = await read('/api/data/summary');
    expect(s1.etag).not.toBe(s0.etag);
    expect((JSON.parse(s1.body) as { counts: { send_rows: number } }).counts.send_rows).toBe((JSON.parse(s0.body) as { counts: { send_rows: number } }).counts.send_rows + 1);
    const r3 = await read(recovery);
    expect(r3.etag).not.toBe(r2.etag);
    expect(r3.body).toContain('"send_id":"cli-late-1"');

    // The scheduled evaluation is a job of the server process: its stored evaluation is what is served next.
    const run = await server.jobs!.runNow('evaluate');
    expect(run.ok, run.summary).toBe(true);
    const r4 = await read(recovery);
    expect(r4.etag).not.toBe(r3.etag);
    expect(r4.body).toBe(JSON.stringify(await recoveryOf(server.services, id)));
  });
});
