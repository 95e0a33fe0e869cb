// A stored evaluation, column-wise (migration 021, docs/performance.md): the points of every series as one typed
// array per field instead of 165,000 JSON objects repeating their keys. An incident over 5,000 series is 42 MB as
// JSON and 11 MB here, and is encoded and decoded in a fraction of the time JSON.stringify, gzip, gunzip and
// JSON.parse took. What decodeEvaluation returns is what JSON.parse(JSON.stringify(e)) would give, key order
// included, so the recovery JSON built from it is byte for byte the same (test/unit/store/evaluations.test.ts).
//
// Layout, little-endian: "RBEC", version, header length, point count (u32 each); the header, UTF-8 JSON (the
// evaluation with each series' points replaced by their count, and the table of strings the points name); zero
// padding to 8 bytes; then the columns, P values each: seven f64 (NaN for null), send_id and at (u32 indexes into
// the strings, NONE for a null send_id), verdict (u8 index into VERDICTS) and provisional (u8).
import { endianness } from 'node:os';
import { VERDICTS, type Evaluation, type RecoveryPoint, type RecoverySeries } from '#shared/schema/recovery.ts';

const MAGIC = 0x43454252; // "RBEC" read as a little-endian u32
const VERSION = 1;
const NONE = 0xffffffff;
const FIXED = 16;

/** The points' keys in the order evaluateIncident writes them (and JSON carries them). */
const POINT_KEYS = ['send_id', 'at', 'numerator', 'denominator', 'value', 'lower', 'upper', 'p_value', 'q_value', 'verdict', 'provisional'] as const;
const NUMBER_KEYS = ['numerator', 'denominator', 'value', 'lower', 'upper', 'p_value', 'q_value'] as const;
const POINT_KEY_LIST = POINT_KEYS.join(',');
const VERDICT_INDEX = new Map<string, number>(VERDICTS.map((v, i) => [v, i]));

type SeriesHeader = Omit<RecoverySeries, 'points'> & { points: number };
interface Header { evaluation: Omit<Evaluation, 'series'> & { series: SeriesHeader[] }; strings: string[] }

/**
 * The column-wise bytes of an evaluation, or null when a point is not of the shape above (a key more or fewer, or
 * in another order, a field of another type): the caller then stores it as JSON, which carries anything.
 */
export function encodeEvaluation(e: Evaluation): Uint8Array | null {
  if (endianness() !== 'LE') return null;
  let count = 0;
  for (const s of e.series) {
    if (!Array.isArray(s.points)) return null;
    count += s.points.length;
  }
  const numbers = NUMBER_KEYS.map(() => new Float64Array(count));
  const sendIds = new Uint32Array(count);
  const ats = new Uint32Array(count);
  const verdicts = new Uint8Array(count);
  const provisional = new Uint8Array(count);
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const intern = (s: string): number => {
    let i = stringIndex.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      stringIndex.set(s, i);
    }
    return i;
  };
  let i = 0;
  for (const s of e.series) {
    for (const p of s.points) {
      // evaluateIncident makes every point with one object literal: checking the keys of each costs little and
      // keeps anything else out of a format that would drop it.
      if (Object.keys(p).join(',') !== POINT_KEY_LIST) return null;
      if (p.send_id !== null && typeof p.send_id !== 'string') return null;
      if (typeof p.at !== 'string' || typeof p.provisional !== 'boolean') return null;
      const verdict = VERDICT_INDEX.get(p.verdict);
      if (verdict === undefined) return null;
      for (let c = 0; c < NUMBER_KEYS.length; c++) {
        const v = p[NUMBER_KEYS[c] as (typeof NUMBER_KEYS)[number]] as unknown;
        if (v !== null && typeof v !== 'number') return null;
        (numbers[c] as Float64Array)[i] = v === null ? NaN : v;
      }
      sendIds[i] = p.send_id === null ? NONE : intern(p.send_id);
      ats[i] = intern(p.at);
      verdicts[i] = verdict;
      provisional[i] = p.provisional ? 1 : 0;
      i++;
    }
  }
  const header: Header = {
    evaluation: { ...e, series: e.series.map((s) => ({ ...s, points: s.points.length })) },
    strings,
  };
  const head = Buffer.from(JSON.stringify(header), 'utf8');
  const columnsAt = align8(FIXED + head.length);
  const bytes = new Uint8Array(columnsAt + count * (8 * NUMBER_KEYS.length + 4 + 4 + 1 + 1));
  const fixed = new Uint32Array(bytes.buffer, 0, 4);
  fixed.set([MAGIC, VERSION, head.length, count]);
  bytes.set(head, FIXED);
  let at = columnsAt;
  for (const column of [...numbers, sendIds, ats, verdicts, provisional]) {
    bytes.set(new Uint8Array(column.buffer, column.byteOffset, column.byteLength), at);
    at += column.byteLength;
  }
  return bytes;
}

/** The evaluation encodeEvaluation wrote, as JSON.parse(JSON.stringify(e)) would give it. */
export function decodeEvaluation(bytes: Uint8Array): Evaluation {
  if (endianness() !== 'LE') throw new Error('a column-wise stored evaluation is little-endian; this machine is not');
  // The typed-array views below need 8-byte alignment: copy when the bytes come unaligned.
  const own = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  if (own.byteLength < FIXED) throw new Error('stored evaluation: too short to be column-wise');
  const [magic, version, headLength, count] = new Uint32Array(own.buffer, own.byteOffset, 4) as unknown as [number, number, number, number];
  if (magic !== MAGIC || version !== VERSION) throw new Error(`stored evaluation: not column-wise version ${VERSION}`);
  const columnsAt = align8(FIXED + headLength);
  if (own.byteLength !== columnsAt + count * (8 * NUMBER_KEYS.length + 10)) throw new Error('stored evaluation: truncated');
  const header = JSON.parse(Buffer.from(own.buffer, own.byteOffset + FIXED, headLength).toString('utf8')) as Header;
  let at = own.byteOffset + columnsAt;
  const take = <T>(make: (buffer: ArrayBuffer, offset: number, length: number) => T, width: number): T => {
    const view = make(own.buffer as ArrayBuffer, at, count);
    at += count * width;
    return view;
  };
  const f64 = (b: ArrayBuffer, o: number, n: number) => new Float64Array(b, o, n);
  const [numerator, denominator, value, lower, upper, pValue, qValue] = NUMBER_KEYS.map(() => take(f64, 8)) as Float64Array[] as [
    Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array,
  ];
  const sendIds = take((b, o, n) => new Uint32Array(b, o, n), 4);
  const ats = take((b, o, n) => new Uint32Array(b, o, n), 4);
  const verdicts = take((b, o, n) => new Uint8Array(b, o, n), 1);
  const provisional = take((b, o, n) => new Uint8Array(b, o, n), 1);
  const { strings } = header;
  let i = 0;
  const series = header.evaluation.series.map((h): RecoverySeries => {
    const points: RecoveryPoint[] = new Array<RecoveryPoint>(h.points);
    for (let j = 0; j < h.points; j++, i++) {
      const sendId = sendIds[i] as number;
      points[j] = {
        send_id: sendId === NONE ? null : (strings[sendId] as string),
        at: strings[ats[i] as number] as string,
        numerator: json(numerator[i] as number),
        denominator: json(denominator[i] as number),
        // Not null in a point evaluateIncident makes; JSON would turn a NaN into null, and so does this.
        value: json(value[i] as number) as number,
        lower: json(lower[i] as number),
        upper: json(upper[i] as number),
        p_value: json(pValue[i] as number),
        q_value: json(qValue[i] as number),
        verdict: VERDICTS[verdicts[i] as number] as RecoveryPoint['verdict'],
        provisional: provisional[i] === 1,
      };
    }
    return { ...h, points };
  });
  if (i !== count) throw new Error('stored evaluation: the series do not add up to the points stored');
  return { ...header.evaluation, series };
}

/** A number as a JSON round trip gives it back: NaN and ±Infinity as null, −0 as 0. */
function json(x: number): number | null {
  return Number.isFinite(x) ? x + 0 : null;
}

const align8 = (n: number): number => (n + 7) & ~7;
