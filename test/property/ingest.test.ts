// Bad input at scale (docs/security.md): random and adversarial records of every input kind (events, send summaries, seed
// tests, reputation) in CSV and NDJSON, fed through the real ingest pipeline (ingestStream → staging → merge) on a
// real DuckDB file, in random chunks. Each input either loads — and every record reads back exactly as written,
// and loading it again changes nothing — or is refused cleanly: every bad record listed by line with its field
// named, no good record blamed, and no table but the run log changed. Never a crash.
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestError, ingestStream, type IngestResult } from '../../server/ingest/ingest.ts';
import { Db } from '../../server/store/db.ts';
import { tempDir } from '../integration/helpers.ts';
import { events, MODELS, writeInput, type Format, type KindModel, type Mutation, type Rec } from './ingest-model.ts';
import { check, chunked, chunkPlan, runs, tableCounts, withoutLogs } from './support.ts';

const tmp = tempDir('rebound-prop-ingest-');
afterAll(() => tmp.cleanup());

const FORMATS: readonly Format[] = ['csv', 'ndjson'];
// Cases per kind × format: 8 properties, each case one or two ingests on a real store.
const CASES = runs(45);

interface Case {
  records: { rec: Rec; mutate: number | null }[];
  plan: number[];
  named: boolean;
}

const caseArb = (model: KindModel, format: Format): fc.Arbitrary<Case> =>
  fc.record({
    records: fc.array(
      fc.record({ rec: model.good(format), mutate: fc.oneof({ weight: 7, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat() }) }),
      { minLength: 1, maxLength: 6 },
    ),
    plan: chunkPlan,
    named: fc.boolean(),
  });

const fieldOf = (m: Mutation): string | null => (m.op === 'line' ? null : m.field);

/** Text the SQL check can vouch for (printable ASCII without quotes or backslashes), so that half the records take it. */
const plainText = (v: unknown) => (typeof v === 'string' ? v.replace(/[^ -~]|["\\]/g, 'x') : v);
const PLAIN_FIELDS = ['event_id', 'send_id', 'stream', 'recipient_domain', 'diagnostic', 'message_id'];
const sqlFriendlyEvents: KindModel = {
  ...events,
  good: (format) => fc.oneof(events.good(format), events.good(format).map((rec) => {
    const out = { ...rec };
    for (const f of PLAIN_FIELDS) if (out[f] !== undefined) out[f] = plainText(out[f]);
    return out;
  })),
};

// Events in NDJSON run twice: record by record, and with blocks of one chunk each, so that every record after the
// first goes through the SQL check (server/store/ndjson-events.ts) and whatever it leaves to zod.
const VARIANTS = [
  ...MODELS.flatMap((model) => FORMATS.map((format) => ({ model, format, name: `${model.kind}/${format}`, extra: {} }))),
  { model: sqlFriendlyEvents, format: 'ndjson' as const, name: 'events/ndjson (SQL check)', extra: { ndjsonBlockBytes: 1 }, cyclic: true },
];

/** The plan's chunk sizes over and over to the end of the input (each chunk then makes a block of its own). */
function chunkedThrough(buf: Buffer, plan: readonly number[]): Buffer[] {
  const sizes = plan.length > 0 ? plan : [64];
  const out: Buffer[] = [];
  for (let at = 0, i = 0; at < buf.length; i++) {
    const size = sizes[i % sizes.length] as number;
    out.push(buf.subarray(at, at + size));
    at += size;
  }
  return out;
}

describe.each(VARIANTS)('ingest of $name', ({ model, format, name, extra, ...v }) => {
  const split = (bytes: Buffer, plan: readonly number[]) => ('cyclic' in v ? chunkedThrough(bytes, plan) : chunked(bytes, plan));
  let db: Db;
  beforeAll(async () => {
    db = await Db.open(tmp.path(`${name.replace(/\W+/g, '-')}.duckdb`));
  });
  afterAll(() => db.close());

  it('loads good records exactly, refuses bad ones cleanly, never crashes or half-writes', async () => {
    let caseNo = 0;
    let loaded = 0;
    let refused = 0;
    const ran = await check(`ingest ${name}`, caseArb(model, format), CASES, async (c) => {
      caseNo++;
      const records = c.records.map(({ rec, mutate }, i) => {
        const copy = structuredClone(rec);
        model.unique(copy, `#${caseNo}.${i}`);
        const options = model.mutations(copy, format);
        const mutation = mutate === null ? null : (options[mutate % options.length] ?? null);
        return { rec: copy, mutation };
      });
      const { bytes, spans } = writeInput(model, format, records);
      const mutated = records.map((r, i) => ({ ...r, span: spans[i] as [number, number] })).filter((r) => r.mutation !== null);
      const before = await tableCounts(db);
      const source = c.named ? `prop.${format}` : 'upload';
      const input = Readable.from(split(bytes, c.plan));
      const opts = { ...extra, ...(c.named ? {} : { format }) };

      let result: IngestResult | null = null;
      try {
        result = await ingestStream(db, source, input, opts);
      } catch (err) {
        // A whole-input refusal: allowed for a binary head (NUL bytes) or a first record that hides the kind.
        if (!(err instanceof IngestError)) throw err;
        const firstMutated = records[0]?.mutation !== null;
        const nulInHead = (split(bytes, c.plan)[0] ?? Buffer.alloc(0)).includes(0);
        expect(firstMutated || nulInHead, `refused whole: ${err.message}`).toBe(true);
        expect(err.reason.length).toBeGreaterThan(0);
        const after = await tableCounts(db);
        expect(withoutLogs(after)).toEqual(withoutLogs(before));
        expect(after.ingest_runs).toBe((before.ingest_runs ?? 0) + 1);
        refused++;
        return;
      }

      if (mutated.length === 0) {
        expect(result.rejections, 'good records rejected').toEqual([]);
        expect(result.status).toBe('stored');
        expect(result.stored).toBe(records.length);
        for (const { rec } of records) expect(await model.read(db, rec)).toEqual(model.expected(rec, format));
        // Idempotent: the same bytes again store nothing and change no table but the run log.
        const mid = await tableCounts(db);
        const again = await ingestStream(db, source, Readable.from('cyclic' in v ? split(bytes, [97]) : [bytes]), opts);
        expect(again).toMatchObject({ status: 'stored', stored: 0, duplicate: records.length, rejected: 0 });
        expect(withoutLogs(await tableCounts(db))).toEqual(withoutLogs(mid));
        loaded++;
        return;
      }

      expect(result.status).toBe('rejected');
      expect(result.stored).toBe(0);
      const after = await tableCounts(db);
      expect(withoutLogs(after), 'a refused input wrote data').toEqual(withoutLogs(before));
      expect(after.ingest_runs).toBe((before.ingest_runs ?? 0) + 1);
      const inSpan = (line: number, [a, b]: [number, number]) => line >= a && line <= b;
      for (const r of result.rejections) {
        expect(r.reason.length).toBeGreaterThan(0);
        expect(mutated.some((m) => inSpan(r.line, m.span)), `line ${r.line} (${r.reason}) blamed, but it is good`).toBe(true);
      }
      for (const m of mutated) {
        const hits = result.rejections.filter((r) => inSpan(r.line, m.span));
        expect(hits.length, `bad record at ${m.span.join('–')} (${JSON.stringify(m.mutation).slice(0, 200)}) not listed`).toBeGreaterThan(0);
        const field = m.mutation ? fieldOf(m.mutation) : null;
        if (field) expect(hits.map((h) => h.reason).join(' | '), `reason names ${field}`).toContain(field);
      }
      refused++;
    });
    console.log(`ingest ${name}: ${loaded} inputs loaded and read back, ${refused} refused cleanly`);
    expect(ran).toBeGreaterThanOrEqual(CASES);
  }, 120_000);
});
