// Source configuration (docs/sources.md): each bad value stops the start naming its variable; identifiers that will be
// quoted into BigQuery SQL are held to strict patterns.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config.ts';
import { columnMapping } from '../../../server/sources/warehouse/columns.ts';

const fails = (env: Record<string, string>, variable: string, message: RegExp) => {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).variable).toBe(variable);
    expect((err as ConfigError).message).toMatch(message);
    return;
  }
  throw new Error(`expected ${variable} to be refused`);
};

describe('source variables', () => {
  it('leaves every source off by default', () => {
    const s = loadConfig({}).sources;
    expect([s.bigquery, s.postmaster, s.snds, s.webhooks.sendgridPublicKey, s.webhooks.sesTopicArns]).toEqual([null, null, null, null, null]);
  });

  it('reads a full BigQuery configuration', () => {
    const bq = loadConfig({ BIGQUERY_EVENTS_TABLE: 'acme-mail.events.email_events', BIGQUERY_COLUMNS: 'timestamp=event_ts,recipient_domain=rcpt' }).sources.bigquery;
    expect(bq).toMatchObject({ projectId: 'acme-mail', table: 'acme-mail.events.email_events', latenessHours: 24 });
    expect(bq?.columns).toMatchObject({ timestamp: 'event_ts', recipient_domain: 'rcpt', type: 'type' });
    expect(bq?.columns.provider).toBeUndefined();
  });

  it.each([
    [{ BIGQUERY_EVENTS_TABLE: 'events`; DROP TABLE x; --' }, 'BIGQUERY_EVENTS_TABLE', /project\.dataset\.table/],
    [{ BIGQUERY_EVENTS_TABLE: 'dataset.table' }, 'BIGQUERY_PROJECT', /required/],
    [{ BIGQUERY_PROJECT: 'acme-mail' }, 'BIGQUERY_EVENTS_TABLE', /required/],
    [{ BIGQUERY_COLUMNS: 'timestamp=ts`x' }, 'BIGQUERY_COLUMNS', /letters, digits and underscores/],
    [{ BIGQUERY_COLUMNS: 'when=ts' }, 'BIGQUERY_COLUMNS', /field=column/],
    [{ BIGQUERY_LATENESS_HOURS: '-1' }, 'BIGQUERY_LATENESS_HOURS', /./],
    [{ BIGQUERY_API_ENDPOINT: 'not a url' }, 'BIGQUERY_API_ENDPOINT', /absolute URL/],
    [{ SNDS_IP_STREAMS: '203.0.113.7:news' }, 'SNDS_IP_STREAMS', /IP=stream/],
    [{ SNDS_KEY: 'bad key!' }, 'SNDS_KEY', /automated-access/],
    [{ SES_SNS_TOPIC_ARNS: 'arn:aws:sqs:us-east-1:123456789012:q' }, 'SES_SNS_TOPIC_ARNS', /SNS topic ARNs/],
    [{ SPARKPOST_WEBHOOK_USER: 'rebound' }, 'SPARKPOST_WEBHOOK_PASSWORD', /go together/],
    [{ SPARKPOST_WEBHOOK_USER: 'rebound', SPARKPOST_WEBHOOK_PASSWORD: 'short' }, 'SPARKPOST_WEBHOOK_PASSWORD', /16 characters/],
    [{ POSTMASTER_CLIENT_ID: 'id' }, 'POSTMASTER_REFRESH_TOKEN', /go together/],
    [{ POSTMASTER_CRON: 'daily' }, 'POSTMASTER_CRON', /cron/],
    [{ EVENTS_FILES_GLOB: './test/fixtures/*.parquet' }, 'EVENTS_FILES_GLOB', /must end in \.ndjson, \.jsonl, \.json or \.csv/],
    [{ EVENTS_FILES_GLOB: './no-such-dir/**/*.ndjson' }, 'EVENTS_FILES_GLOB', /the directory .*no-such-dir does not exist/],
    [{ EVENTS_FILES_GLOB: ' , ' }, 'EVENTS_FILES_GLOB', /must name event files/],
    [{ EVENTS_FILES_GLOB: './test/fixtures/*.csv', EVENTS_FILES_LATENESS_HOURS: '1.5' }, 'EVENTS_FILES_LATENESS_HOURS', /whole number/],
  ])('refuses %j naming %s', (env, variable, message) => fails(env, variable, message));
});

describe('EVENTS_FILES_GLOB', () => {
  it('turns the files pull on with absolute patterns and the BigQuery window defaults', () => {
    const ef = loadConfig({ EVENTS_FILES_GLOB: './test/fixtures/*.ndjson, test/fixtures/**/*.csv.gz' }).sources.eventFiles;
    expect(ef).toMatchObject({ cron: '*/15 * * * *', latenessHours: 24, backfillDays: 60, sendSpanDays: 30 });
    expect(ef?.patterns).toEqual([`${process.cwd()}/test/fixtures/*.ndjson`, `${process.cwd()}/test/fixtures/**/*.csv.gz`]);
    expect(loadConfig({}).sources.eventFiles).toBeNull();
  });
});

describe('columnMapping', () => {
  it('keeps the documented names (docs/data-formats.md) for unnamed fields', () => {
    expect(columnMapping('')).toMatchObject({ timestamp: 'timestamp', provider: 'provider', event_id: 'event_id' });
  });
  it('drops the default provider column when the provider comes from a recipient domain or address instead', () => {
    expect(columnMapping('recipient_domain=rcpt_domain')).not.toHaveProperty('provider');
    expect(columnMapping('recipient=email')).toEqual(expect.objectContaining({ recipient: 'email' }));
    expect(columnMapping('recipient=email')).not.toHaveProperty('provider');
    expect(columnMapping('recipient=email,provider=mbp')).toMatchObject({ provider: 'mbp', recipient: 'email' });
  });
  it('refuses a name that would need quoting', () => {
    expect(columnMapping('stream=sending domain')).toMatch(/letters/);
  });
});
