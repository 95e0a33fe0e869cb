// Alert emails end to end (docs/alerts.md): with SMTP_URL pointing at a local SMTP server, a scenario with an incident produces exactly
// the expected emails end to end through the real `rebound evaluate` binary — and a second run sends nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateScenario } from '#shared/scenario.ts';
import { TestSmtp } from '../support/smtp.ts';
import { csv, runCli, SEND_COLUMNS, tempDir, write, type Rec } from './helpers.ts';

const DAY = 86_400_000;

describe('rebound evaluate sends the alert emails', () => {
  const tmp = tempDir('rebound-alerts-cli-');
  const db = tmp.path('store.duckdb');
  const smtp = new TestSmtp();
  const today = Math.floor(Date.now() / DAY) * DAY;
  // Complaints at Yahoo on `promo` rise 10× on the last sends before today and stay up: still firing now.
  const sc = generateScenario({
    seed: 5,
    start: new Date(today - 40 * DAY).toISOString(),
    baselineDays: 28,
    postDays: 11,
    streams: [{ stream: 'promo', size: 250_000, hour: 6, cv: 0.1, rates: { hard: 0.002, soft: 0.008, block: 0.002, complaint: 0.0004, unsubscribe: 0.002, inbox: 0.9 } }],
    incidents: [{ stream: 'promo', providers: ['yahoo'], metrics: ['complaint_rate'], peak: 10, decay: 1, sends: 30 }],
  });
  let env: Record<string, string>;

  beforeAll(async () => {
    await smtp.start();
    env = { SMTP_URL: smtp.url, ALERT_FROM: 'deliverability@example.com', ALERT_TO: 'oncall@example.com,security@example.com', PUBLIC_URL: 'https://rebound.example.com' };
    const sends = write(tmp.path('sends.csv'), csv(SEND_COLUMNS, sc.sends.filter((r) => Date.parse(r.sent_at) < Date.now()) as unknown as Rec[]));
    expect((await runCli(['ingest', sends, '--db', db], { env })).code).toBe(0);
    const incident = write(tmp.path('incident.json'), JSON.stringify({ title: 'Promo to a bought list', kind: 'wrong_segment', severity: 'high', occurred_at: sc.occurred_at, streams: ['promo'] }));
    expect((await runCli(['incident', 'create', '--json', incident, '--db', db], { env })).code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await smtp.stop();
    tmp.cleanup();
  });

  it('one grouped FIRING email to ALERT_TO, then nothing more on the next run', async () => {
    const first = await runCli(['evaluate', '--db', db], { env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/alerts: \d+ change\(s\), 1 email\(s\) queued; delivered 1, retrying 0, failed 0/);
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail?.to.sort()).toEqual(['oncall@example.com', 'security@example.com']);
    expect(mail?.subject).toMatch(/^\[Rebound\] FIRING: complaint rate \d+\.\d\d% at Yahoo for promo/);
    expect(mail?.raw).toMatch(/^Reply-To: deliverability@example\.com/im);

    const second = await runCli(['evaluate', '--db', db], { env });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).not.toContain('email(s) queued');
    expect(smtp.received).toHaveLength(1);

    const list = await runCli(['alerts', 'list', '--db', db], { env });
    expect(list.stdout).toMatch(/firing\s+Severe dip during an incident\s+inc-1\s+complaint_rate\s+promo\s+yahoo\s+sent/);
  }, 120_000);
});
