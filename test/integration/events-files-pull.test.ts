// The `files` pull (docs/sources.md): local event files (docs/data-formats.md) (NDJSON, CSV, gzipped) aggregated by the DuckDB warehouse
// behind the same pull as BigQuery — same aggregates as the store's own roll-up, the same watermark and lateness
// window — and every kind of bad record failing the pull with its file and line, storing nothing.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../server/context.ts';
import { ingestFile } from '../../server/ingest/ingest.ts';
import { pullNow } from '../../server/services/sources.ts';
import { Db } from '../../server/store/db.ts';
import { getSourceState } from '../../server/store/sources.ts';
import { csv, EVENT_COLUMNS, ndjson, sendRows, tempDir, type Rec } from './helpers.ts';
import { servicesWith, tableCount } from './sources-helpers.ts';

const tmp = tempDir();
let dir: string;
let s: Services;
let n = 0;

const ev = (i: number, over: Rec): Rec => ({ event_id: `e${i}`, type: 'delivery', timestamp: '2026-03-01T10:00:00Z', send_id: 's1', stream: 'news.example.com', provider: 'gmail', ...over });

/** Two sends over three files and both formats; providers given or derived from the recipient domain. */
function writeGood(): void {
  writeFileSync(`${dir}/a.ndjson`, ndjson([
    ev(1, { type: 'injection', timestamp: '2026-03-01T09:00:00Z' }),
    // A recipient address alone gives its provider too, as in the file ingest.
    ev(2, { provider: undefined, recipient: ' Ana@GMail.com' }),
    ev(3, { type: 'bounce', bounce_class: 'hard', smtp_code: 550 }),
    ev(4, { type: 'complaint', timestamp: '2026-03-02T18:00:00Z' }),
    ev(5, { provider: undefined, recipient_domain: 'hotmail.com' }),
  ]));
  writeFileSync(`${dir}/b.csv`, csv(EVENT_COLUMNS, [
    ev(6, { send_id: 's2', stream: 'promo.example.com', provider: undefined, recipient_domain: 'yahoo.co.uk', timestamp: '2026-03-02T08:00:00+01:00' }),
    ev(7, { send_id: 's2', stream: 'promo.example.com', type: 'bounce', bounce_class: 'block', provider: 'yahoo' }),
  ]));
  writeFileSync(`${dir}/c.ndjson.gz`, gzipSync(ndjson([ev(8, { send_id: 's2', stream: 'promo.example.com', type: 'open', provider: 'yahoo' })])));
}

beforeEach(async () => {
  dir = tmp.path(`events-${++n}`);
  mkdirSync(dir);
  s = await servicesWith({ EVENTS_FILES_GLOB: `${dir}/*.ndjson,${dir}/*.csv,${dir}/*.ndjson.gz` }, `files-${n}`, tmp);
});
afterEach(() => s.db.close());
afterAll(() => tmp.cleanup());

describe('the files pull', () => {
  it('stores the same send summaries as loading the files, and the newest event time as its watermark', async () => {
    writeGood();
    const [summary] = await pullNow(s, 'files');
    expect(summary).toMatch(/^files: 3 send aggregate\(s\) for events since 2026-01-02T12:00:00\.000Z, 3 changed; watermark 2026-03-02T18:00:00\.000Z$/);
    const pulled = await sendRows(s.db);
    const reference = await Db.open(tmp.path(`reference-${n}.duckdb`));
    try {
      for (const f of ['a.ndjson', 'b.csv']) await ingestFile(reference, `${dir}/${f}`);
      // The file ingest reads no gzip: the gzipped file's one event, plain, beside the directory the glob reads.
      writeFileSync(`${dir}-c-plain.ndjson`, ndjson([ev(8, { send_id: 's2', stream: 'promo.example.com', type: 'open', provider: 'yahoo' })]));
      await ingestFile(reference, `${dir}-c-plain.ndjson`);
      expect(pulled).toEqual(await sendRows(reference));
    } finally {
      reference.close();
    }
    expect(pulled.find((r) => r.send_id === 's1' && r.provider === 'gmail')).toMatchObject({ injected: 2, delivered: 1, bounced_hard: 1, complaints: 1 });
    expect(await getSourceState(s.db, 'files')).toMatchObject({ watermark: '2026-03-02T18:00:00.000Z', runs: 1, failures: 0 });
  });

  it('re-reads a lateness window before the watermark: a late event updates its send, a re-run changes nothing', async () => {
    writeGood();
    await pullNow(s, 'files');
    expect(await pullNow(s, 'files')).toEqual([expect.stringMatching(/since 2026-03-01T18:00:00\.000Z, 0 changed/)]);
    appendFileSync(`${dir}/a.ndjson`, ndjson([ev(9, { type: 'complaint', timestamp: '2026-03-02T07:00:00Z' })]));
    // Older than the window: not seen by this pull (as in BigQuery: the lateness window bounds what a pull re-reads).
    appendFileSync(`${dir}/a.ndjson`, ndjson([ev(10, { send_id: 's3', timestamp: '2026-02-20T07:00:00Z' })]));
    expect(await pullNow(s, 'files')).toEqual([expect.stringMatching(/1 changed/)]);
    const rows = await sendRows(s.db);
    expect(rows.find((r) => r.send_id === 's1' && r.provider === 'gmail')?.complaints).toBe(2);
    expect(rows.some((r) => r.send_id === 's3')).toBe(false);
  });

  it.each([
    ['malformed JSON', 'bad.ndjson', `${JSON.stringify(ev(1, {}))}\n{"type": "delivery", oops\n`, /bad\.ndjson: line 2: not valid JSON/],
    ['a truncated last line', 'bad.ndjson', `${JSON.stringify(ev(1, {}))}\n{"type": "deliv`, /bad\.ndjson: line 2: not valid JSON \(the file looks truncated\)/],
    ['a timestamp without offset', 'bad.ndjson', ndjson([ev(1, {}), ev(2, {}), ev(3, { timestamp: '2026-03-01 10:00:00' })]), /bad\.ndjson: line 3: timestamp: must be an RFC 3339 timestamp.*\(1 bad record in this file\)/],
    ['an impossible date', 'bad.ndjson', ndjson([ev(1, { timestamp: '2026-02-30T10:00:00Z' })]), /line 1: timestamp: must be an RFC 3339/],
    ['an unknown type', 'bad.ndjson', ndjson([ev(1, {}), ev(2, { type: 'delivered' }), ev(3, { type: 'delivered' })]), /line 2: type: must be one of injection.*; line 3: type.*\(2 bad records in this file\)/],
    ['a bounce without its class', 'bad.ndjson', ndjson([ev(1, { type: 'bounce' })]), /line 1: bounce_class: is required for a bounce/],
    ['a class on a delivery', 'bad.ndjson', ndjson([ev(1, { bounce_class: 'soft' })]), /line 1: bounce_class: is only allowed on bounce events/],
    ['no send id', 'bad.ndjson', ndjson([ev(1, { send_id: undefined })]), /line 1: send_id: is required/],
    ['a blank stream', 'bad.ndjson', ndjson([ev(1, { stream: '  ' })]), /line 1: stream: must not be blank/],
    ['an unknown provider', 'bad.ndjson', ndjson([ev(1, { provider: 'hotmail' })]), /line 1: provider: must be one of gmail/],
    ['neither provider nor domain', 'bad.ndjson', ndjson([ev(1, { provider: undefined })]), /line 1: provider: provider, recipient_domain or a recipient address is required/],
    ['a recipient that is no address', 'bad.ndjson', ndjson([ev(1, { provider: undefined, recipient: 'subscriber-42' })]), /line 1: provider: provider, recipient_domain or a recipient address is required/],
    ['a short CSV row', 'bad.csv', 'type,timestamp,send_id,stream,provider\ndelivery,2026-03-01T10:00:00Z,s1,news,gmail\ndelivery,2026-03-01T10:00:00Z,s1,news\n', /bad\.csv: line 3: not valid CSV/],
    ['a CSV header without send_id', 'bad.csv', 'type,timestamp,stream,provider\ndelivery,2026-03-01T10:00:00Z,news,gmail\n', /bad\.csv: line 2: send_id: is required/],
  ])('fails on %s, naming file and line, and stores nothing', async (_, name, content, message) => {
    writeGood();
    await pullNow(s, 'files');
    const before = await sendRows(s.db);
    writeFileSync(`${dir}/${name}`, content);
    const err = await pullNow(s, 'files').then(() => null, (e: unknown) => e as Error);
    expect(err?.message).toMatch(message);
    expect(err?.message).toMatch(/nothing stored$/);
    expect(await sendRows(s.db)).toEqual(before);
    expect(await getSourceState(s.db, 'files')).toMatchObject({ watermark: '2026-03-02T18:00:00.000Z', failures: 1, last_error: err?.message });
  });

  it('reads a stray quote inside an unquoted CSV field as a quote (DuckDB is lenient there; `rebound ingest` refuses it)', async () => {
    writeFileSync(`${dir}/q.csv`, 'type,timestamp,send_id,stream,provider\ndelivery,2026-03-01T10:00:00Z,s"1,news,gmail\n');
    await pullNow(s, 'files');
    expect((await sendRows(s.db)).map((r) => r.send_id)).toEqual(['s"1']);
  });

  it('says so when no file matches, and stores nothing', async () => {
    await expect(pullNow(s, 'files')).rejects.toThrow(/no event file matches .*\*\.ndjson/);
    expect(await tableCount(s.db, 'sends')).toBe(0);
  });
});
