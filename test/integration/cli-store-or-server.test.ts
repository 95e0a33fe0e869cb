// Every CLI command that works on a store gives the same answer on the store itself and — while `rebound serve`
// holds it — through the server's API (docs/cli.md): the real binary in child processes, the real server, one
// DuckDB file. The commands go through one "store or server" path (server/cli/store-or-server.ts); this holds
// each of them to it: alerts, quarantine, report, pull, incidents, recovery and a refused ingest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_ENV, buildAlertStore } from '../../harness/alert-store.ts';
import { formatIsoWeek, previousIsoWeek } from '#shared/iso-week.ts';
import { loadConfig } from '../../server/config.ts';
import { start, type Running } from '../../server/main.ts';
import { runCli, tempDir, write, type CliResult } from './helpers.ts';

describe('the CLI on the store and through the server holding it', () => {
  const tmp = tempDir('rebound-store-or-server-');
  const store = tmp.path('store.duckdb');
  const week = formatIsoWeek(previousIsoWeek(new Date(), 'UTC'));
  let incident = '';
  const commands = (): string[][] => [
    ['alerts', 'list', '--json'],
    ['alerts', 'rules', '--json'],
    ['quarantine', 'list', '--json'],
    ['incident', 'list', '--json'],
    ['incident', 'show', incident],
    ['annotations', incident, '--json'],
    ['report', '--week', week, '--format', 'csv', '--out', '-'],
    ['pull'],
    ['pull', 'snds'],
    ['ingest', write(tmp.path('bad.csv'), 'send_id,stream,provider,sent_at,injected,delivered,bounced_hard,bounced_soft,bounced_block,complaints,unsubscribes\ns1,news,gmail,not-a-time,1,1,0,0,0,0,0\n'), '--json'],
  ];
  const run = (args: string[]): Promise<CliResult> => runCli([...args, '--db', store], { env: ALERT_ENV });
  const local: CliResult[] = [];
  let server: Running | undefined;

  beforeAll(async () => {
    incident = (await buildAlertStore(store)).incidents[0] ?? '';
    // Queues the alert emails, so the alert listing has notifications to show.
    expect((await run(['evaluate'])).code).toBe(0);
    for (const args of commands()) local.push(await run(args));
    server = await start(loadConfig({ PORT: '0', HOST: '127.0.0.1', REBOUND_DEMO: '0', REBOUND_DB: store, ...ALERT_ENV }), { scheduler: null, log: () => undefined });
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    tmp.cleanup();
  });

  it('gives the same output, errors and exit code either way', async () => {
    // A run's id and source name are the run's own (the server records the file's base name), not the answer.
    const ownRun = (stdout: string) => stdout.replace(/"run_id": \d+/g, '"run_id": N').replace(/"source": "[^"]*"/g, '"source": S');
    const notStore = (r: CliResult) => ({ code: r.code, stdout: ownRun(r.stdout), stderr: r.stderr.replaceAll(store, 'STORE') });
    const cmds = commands();
    expect(local.map((r) => r.code)).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
    expect(JSON.parse(local[0]?.stdout ?? '{}')).toMatchObject({ notifications: expect.arrayContaining([expect.objectContaining({ delivery: expect.any(String) })]) });
    for (const [i, args] of cmds.entries()) {
      const remote = await run(args);
      expect(notStore(remote), args.join(' ')).toEqual(notStore(local[i] as CliResult));
    }
  }, 300_000);
});
