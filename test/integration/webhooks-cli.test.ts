// `rebound webhooks replay ESP FILE` (a saved payload through the webhook's reading, fallbacks, quarantine and
// load) and `rebound quarantine list|replay`, as a user checking their mapping runs them: child processes on a
// real store.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, runCli, tempDir } from './helpers.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const env = { REBOUND_DEMO: '0' };

describe('webhooks replay and the quarantine from the CLI', () => {
  it('stores a documented sample, quarantines what has no stream, and a replay after a settings fix stores it once', async () => {
    const db = tmp.path('cli.duckdb');
    const sample = await runCli(['webhooks', 'replay', 'sendgrid', fixture('webhooks/sendgrid/event-webhook-reference.json'), '--db', db], { env });
    expect(sample.code, sample.stderr).toBe(0);
    expect(JSON.parse(sample.stdout)).toMatchObject({ esp: 'sendgrid', received: 10, ignored: 2, stored: 10, quarantined: 0 });

    const file = tmp.path('uncategorised.json');
    writeFileSync(file, JSON.stringify([{ email: 'ana@gmail.com', timestamp: 1772359200, event: 'delivered', sg_event_id: 'q-1' }]));
    const held = await runCli(['webhooks', 'replay', 'sendgrid', file, '--db', db], { env });
    expect(held.code).toBe(1);
    expect(JSON.parse(held.stdout)).toMatchObject({ stored: 0, quarantined: 1, rejections: [{ line: 1, reason: expect.stringMatching(/stream/) }] });

    const list = await runCli(['quarantine', 'list', '--db', db], { env });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/1 quarantined webhook event\(s\):\n\s+1\s+sendgrid\s+send_id: is required; stream: is required \(no fallback gave a value: set SENDGRID_WEBHOOK_STREAM or SENDGRID_WEBHOOK_SEND_ID/);
    const fixed = { ...env, SENDGRID_WEBHOOK_STREAM: 'arg:stream,category,pool,=sendgrid' };
    const replay = await runCli(['quarantine', 'replay', '--db', db], { env: fixed });
    expect(replay.code, replay.stderr).toBe(0);
    expect(replay.stdout).toMatch(/replayed 1: stored 1, duplicate 0, ignored 0, still quarantined 0/);
    expect((await runCli(['quarantine', 'replay', '--db', db], { env: fixed })).stdout).toMatch(/replayed 0: stored 0/);
  }, 240_000);

  it('names the problem: an unknown ESP, a file that is not JSON, a fallback source that does not exist', async () => {
    const db = tmp.path('bad.duckdb');
    const unknown = await runCli(['webhooks', 'replay', 'mandrill', fixture('webhooks/sendgrid/event-webhook-reference.json'), '--db', db], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no such ESP: mandrill/);
    const notJson = tmp.path('x.json');
    writeFileSync(notJson, 'not json');
    expect((await runCli(['webhooks', 'replay', 'sendgrid', notJson, '--db', db], { env })).stderr).toMatch(/not valid JSON/);
    const badSource = await runCli(['quarantine', 'list', '--db', db], { env: { ...env, MAILGUN_WEBHOOK_SEND_ID: 'var:send_id,category' } });
    expect(badSource.code).toBe(1);
    expect(badSource.stderr).toMatch(/MAILGUN_WEBHOOK_SEND_ID: "category" is not a mailgun source/);
  }, 120_000);
});
