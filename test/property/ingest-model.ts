// The model behind the ingest properties: per input kind, a generator of good records (hostile but legal text,
// extreme but legal numbers and times), the mutations that make a record definitely bad, how a record is written
// as CSV or NDJSON, and what the store must hold after a good record is loaded.
import fc from 'fast-check';
import { METRICS } from '#shared/metrics.ts';
import { PROVIDERS, providerForDomain } from '#shared/providers.ts';
import { BOUNCE_CLASSES, EVENT_TYPES, type InputKind } from '#shared/schema/inputs.ts';
import { REPUTATION_METRICS, type ReputationMetric } from '#shared/schema/reputation.ts';
import type { Sql } from '../../server/store/db.ts';
import { anyText, BAD_NUMBERS, deepArrayJson, deepObjectJson, LONE_SURROGATES, viaUtf8 } from './support.ts';

export type Format = 'csv' | 'ndjson';
export type Rec = Record<string, unknown>;
export type Row = Record<string, unknown>;

/** A record made definitely bad; `field` is what the rejection must name (null: only its line). */
export type Mutation =
  | { op: 'value'; field: string; value: unknown }
  | { op: 'missing'; field: string }
  | { op: 'extra'; field: string }
  | { op: 'line'; text: string };

export interface KindModel {
  kind: InputKind;
  columns: readonly string[];
  /** A good record for the format (NDJSON may carry lone surrogates and NULs escaped; CSV carries raw text). */
  good: (format: Format) => fc.Arbitrary<Rec>;
  /** Makes the record's key unique in the store (the suffix goes after any hostile prefix). */
  unique: (rec: Rec, suffix: string) => void;
  mutations: (rec: Rec, format: Format) => Mutation[];
  /** The stored row of a loaded record, read back through parameters. */
  read: (db: Sql, rec: Rec) => Promise<Row | undefined>;
  expected: (rec: Rec, format: Format) => Row;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
// Good text: every script, CSV/formula/SQL lookalikes; NUL and unpaired surrogates are refused (see BROKEN_TEXT).
const text = (_format: Format, max = 24) => anyText(max).map((s) => s.replace(/\u0000/g, '\u2400').replace(/^\uFEFF/, '\u2060'));
/** Text the store must refuse: NUL bytes in either format, unpaired surrogates where the format can carry them. */
const brokenText = (format: Format): string[] => ['a\u0000b', '\u0000', '\uFEFFid', ...(format === 'ndjson' ? LONE_SURROGATES : [])];
/** Legal identifiers: hostile text, sometimes near the 512-character limit (a unique suffix of ≤ 12 follows). */
const idText = (format: Format) =>
  fc.oneof({ weight: 8, arbitrary: text(format, 40) }, { weight: 1, arbitrary: fc.constantFrom('ü'.repeat(499), '😀'.repeat(249), 'x'.repeat(500)) })
    .filter((s) => s.trim() !== '');

/** RFC 3339 times from year 0002 to 9998, with offsets and up to nanoseconds; `iso` is what the store must hold. */
export const goodTime: fc.Arbitrary<{ text: string; iso: string }> = fc
  .tuple(
    fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }) },
      { weight: 1, arbitrary: fc.integer({ min: Date.UTC(2, 0, 2), max: Date.UTC(9998, 11, 30) }) },
      { weight: 1, arbitrary: fc.constantFrom(0, Date.UTC(2024, 1, 29, 23, 59, 59), Date.UTC(2026, 11, 31, 23, 59, 59)) },
    ),
    fc.constantFrom(0, 0, 330, -480, 840, -720, 345),
    fc.oneof(fc.constant(''), fc.integer({ min: 0, max: 999 }).map((n) => `.${String(n).padStart(3, '0')}`), fc.constantFrom('.5', '.123456', '.999999999')),
    fc.boolean(),
  )
  .map(([msRaw, offsetMin, frac, lowerZ]) => {
    const utc = Math.floor(msRaw / 1000) * 1000;
    const local = new Date(utc + offsetMin * 60_000).toISOString().slice(0, 19);
    const sign = offsetMin < 0 ? '-' : '+';
    const abs = Math.abs(offsetMin);
    const offset = offsetMin === 0 ? (lowerZ ? 'Z' : '+00:00') : `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
    // Date.parse keeps milliseconds and drops finer digits.
    const ms = frac === '' ? 0 : Number(frac.slice(1, 4).padEnd(3, '0'));
    return { text: `${local}${frac}${offset}`, iso: new Date(utc + ms).toISOString() };
  });

/** Non-negative whole numbers up to 2^53 − 1, mostly small. */
const smallCount = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 1000 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 2 ** 51 - 1 }) });

const BAD_TIMES_TEXT = ['2026-02-30T00:00:00Z', '2026-01-01', '2026-01-01T00:00:00', 'yesterday', '2026-01-01T24:00:00Z', '+275760-09-13T00:00:00Z', '2026-01-01T00:00:00ZZ', ' 2026-01-01T00:00:00Z', '2026-13-01T00:00:00Z', '0000-00-00T00:00:00Z'];
const BAD_COUNTS_TEXT = ['-1', '1.5', 'abc', '1e308', 'NaN', 'Infinity', '9007199254740993', '0x10', '+5', '1 000', '=1+1'];
const BAD_IDS = ['   ', '\t', 'x'.repeat(513)];

function badTimes(format: Format): unknown[] {
  return format === 'csv' ? BAD_TIMES_TEXT : [...BAD_TIMES_TEXT, 1767225600, true, {}, []];
}
function badCounts(format: Format): unknown[] {
  return format === 'csv' ? BAD_COUNTS_TEXT : [...BAD_NUMBERS, '5', 'NaN', true, [], {}, { $gt: 0 }];
}
function badIds(format: Format): unknown[] {
  return format === 'csv' ? [...BAD_IDS, ...brokenText(format)] : [...BAD_IDS, ...brokenText(format), 42, true, [], { toString: 'x' }, ''];
}
const values = (field: string, list: unknown[]): Mutation[] => list.map((value) => ({ op: 'value' as const, field, value }));
const missing = (...fields: string[]): Mutation[] => fields.map((field) => ({ op: 'missing' as const, field }));

/** Junk in place of a record, in either format, and the extra (unknown) fields no record may carry. */
function structural(format: Format): Mutation[] {
  const lines = format === 'ndjson'
    ? ['[]', 'null', '42', '"text"', '{"send_id":', '{}', deepArrayJson(10_000), deepObjectJson(10_000), '{"a":1}}', '\u0000']
    : ['a,b', 'only-one-cell', ',,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,', '"a"b,c', 'x"y,z'];
  const extras = ['__proto__', 'constructor', 'toString', 'extra', '=cmd|calc'].map((field) => ({ op: 'extra' as const, field }));
  return [...lines.map((t) => ({ op: 'line' as const, text: t })), ...extras];
}

const providerOrDomain = (format: Format) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...PROVIDERS).map((p) => ({ provider: p })) },
    {
      weight: 1,
      arbitrary: fc.oneof(fc.constantFrom('gmail.com', 'Yahoo.co.uk', 'outlook.de', 'ME.COM', 'xn--80ak6aa92e.com'), text(format, 30))
        .filter((d) => d.length > 0 && d.length <= 255)
        .map((d) => ({ recipient_domain: d })),
    },
  );

const resolved = (rec: Rec, format: Format): string => {
  if (typeof rec.provider === 'string') return rec.provider;
  const d = String(rec.recipient_domain);
  return providerForDomain(format === 'csv' ? viaUtf8(d) : d);
};
const str = (rec: Rec, k: string, format: Format): string | null => {
  const v = rec[k];
  if (v === undefined || v === null) return null;
  // An empty CSV cell means "not given" (README, Data formats).
  if (format === 'csv' && v === '') return null;
  return format === 'csv' ? viaUtf8(String(v)) : String(v);
};
const num = (v: unknown): number | null => (v === undefined || v === null ? null : Number(v) === 0 ? 0 : Number(v));

// ---- events ----------------------------------------------------------------------------------------------------------

const EVENT_COLUMNS = ['event_id', 'type', 'timestamp', 'send_id', 'stream', 'provider', 'recipient_domain', 'bounce_class', 'smtp_code', 'diagnostic', 'message_id'];

export const events: KindModel = {
  kind: 'events',
  columns: EVENT_COLUMNS,
  good: (format) =>
    fc.record({
      event_id: fc.option(idText(format), { nil: undefined }),
      type: fc.constantFrom(...EVENT_TYPES),
      time: goodTime,
      send_id: idText(format),
      stream: idText(format),
      where: providerOrDomain(format),
      bounce_class: fc.constantFrom(...BOUNCE_CLASSES),
      smtp_code: fc.option(fc.integer({ min: 200, max: 599 }), { nil: undefined }),
      diagnostic: fc.option(fc.oneof(text(format, 60), fc.constant('5.1.1 '.repeat(682) + 'abcd')), { nil: undefined }),
      message_id: fc.option(idText(format), { nil: undefined }),
    }).map((r) => ({
      event_id: r.event_id, type: r.type, timestamp: r.time.text, send_id: r.send_id, stream: r.stream, ...r.where,
      bounce_class: r.type === 'bounce' ? r.bounce_class : undefined, smtp_code: r.smtp_code, diagnostic: r.diagnostic,
      message_id: r.message_id, _iso: r.time.iso,
    })),
  unique: (rec, suffix) => {
    if (typeof rec.event_id === 'string') rec.event_id += suffix;
    rec.send_id = `${String(rec.send_id)}${suffix}`;
  },
  mutations: (rec, format) => [
    ...values('type', ['Bounce', 'bounced', 'delivery ', '=1+1', ...(format === 'ndjson' ? [1, null, ['delivery']] : [])]),
    ...values('timestamp', badTimes(format)),
    ...values('send_id', badIds(format)),
    ...values('stream', badIds(format)),
    ...values('provider', ['Gmail', 'gmail ', 'hotmail.com', '__proto__', ...(format === 'ndjson' ? [1, [], {}] : [])]),
    ...values('smtp_code', format === 'csv' ? ['199', '600', '250.5', 'abc', '-250'] : [199, 600, 250.5, '250', 1e308]),
    ...values('diagnostic', ['d'.repeat(4097), ...brokenText(format)]),
    ...values('message_id', brokenText(format)),
    ...values('bounce_class', rec.type === 'bounce' ? ['permanent', 'HARD'] : ['hard']),
    ...missing('type', 'timestamp', 'send_id', 'stream', ...(rec.type === 'bounce' ? ['bounce_class'] : [])),
    ...structural(format),
  ],
  read: (db, rec) =>
    db.one(
      `SELECT event_id, type, ts, send_id, stream, provider, bounce_class, smtp_code, diagnostic, message_id
         FROM events WHERE send_id = $1`,
      [String(rec.send_id)],
    ),
  expected: (rec, format) => ({
    event_id: str(rec, 'event_id', format), type: rec.type, ts: rec._iso, send_id: str(rec, 'send_id', format),
    stream: str(rec, 'stream', format), provider: resolved(rec, format), bounce_class: rec.bounce_class ?? null,
    smtp_code: num(rec.smtp_code), diagnostic: str(rec, 'diagnostic', format), message_id: str(rec, 'message_id', format),
  }),
};

// ---- send summaries --------------------------------------------------------------------------------------------------

const SEND_COUNTS = ['injected', 'delivered', 'bounced_hard', 'bounced_soft', 'bounced_block', 'complaints', 'unsubscribes'];

export const sends: KindModel = {
  kind: 'sends',
  columns: ['send_id', 'stream', 'provider', 'recipient_domain', 'sent_at', ...SEND_COUNTS, 'opens', 'clicks'],
  good: (format) =>
    fc.record({
      send_id: idText(format), stream: idText(format), where: providerOrDomain(format), time: goodTime,
      delivered: smallCount, bounced_hard: smallCount, bounced_soft: smallCount, bounced_block: smallCount,
      spare: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 10 }), fc.constant(-1)),
      complaintsShare: fc.double({ min: 0, max: 1, noNaN: true }), unsubShare: fc.double({ min: 0, max: 1, noNaN: true }),
      opens: fc.option(fc.oneof(smallCount, fc.constant(MAX_SAFE)), { nil: undefined }),
      clicks: fc.option(smallCount, { nil: undefined }),
      negativeZero: fc.boolean(),
    }).map((r) => {
      const outcomes = r.delivered + r.bounced_hard + r.bounced_soft + r.bounced_block;
      // spare −1 stands for "as many injections as the store can count".
      const injected = r.spare < 0 ? MAX_SAFE : outcomes + r.spare;
      return {
        send_id: r.send_id, stream: r.stream, ...r.where, sent_at: r.time.text, injected, delivered: r.delivered,
        bounced_hard: r.negativeZero && r.bounced_hard === 0 ? -0 : r.bounced_hard, bounced_soft: r.bounced_soft, bounced_block: r.bounced_block,
        complaints: Math.floor(r.delivered * r.complaintsShare), unsubscribes: Math.floor(r.delivered * r.unsubShare),
        opens: r.opens, clicks: r.clicks, _iso: r.time.iso,
      };
    }),
  unique: (rec, suffix) => {
    rec.send_id = `${String(rec.send_id)}${suffix}`;
  },
  mutations: (rec, format) => {
    const delivered = Number(rec.delivered);
    const outcomes = delivered + Number(rec.bounced_hard) + Number(rec.bounced_soft) + Number(rec.bounced_block);
    return [
      ...values('send_id', badIds(format)),
      ...values('stream', badIds(format)),
      ...values('sent_at', badTimes(format)),
      ...values('provider', ['Yahoo', 'aol.com', ...(format === 'ndjson' ? [0, false] : [])]),
      ...SEND_COUNTS.flatMap((f) => values(f, badCounts(format))),
      ...values('opens', badCounts(format).filter((v) => v !== null && v !== '')),
      ...(outcomes > 0 && outcomes <= MAX_SAFE ? values('injected', [outcomes - 1]) : []),
      ...(delivered < MAX_SAFE ? values('complaints', [delivered + 1]).concat(values('unsubscribes', [delivered + 1])) : []),
      ...missing(...SEND_COUNTS, 'send_id', 'stream', 'sent_at'),
      ...structural(format),
    ];
  },
  read: (db, rec) =>
    db.one(
      `SELECT send_id, stream, provider, sent_at, injected, delivered, bounced_hard, bounced_soft, bounced_block, complaints,
              unsubscribes, opens, clicks FROM sends WHERE send_id = $1`,
      [String(rec.send_id)],
    ),
  expected: (rec, format) => ({
    send_id: str(rec, 'send_id', format), stream: str(rec, 'stream', format), provider: resolved(rec, format), sent_at: rec._iso,
    ...Object.fromEntries(SEND_COUNTS.map((f) => [f, num(rec[f])])), opens: num(rec.opens), clicks: num(rec.clicks),
  }),
};

// ---- seed tests ------------------------------------------------------------------------------------------------------

export const seeds: KindModel = {
  kind: 'seeds',
  columns: ['send_id', 'stream', 'provider', 'recipient_domain', 'tested_at', 'seeds', 'inbox', 'spam', 'missing'],
  good: (format) =>
    fc.record({ send_id: idText(format), stream: idText(format), where: providerOrDomain(format), time: goodTime, inbox: smallCount, spam: smallCount, missing: smallCount })
      .map((r) => ({
        send_id: r.send_id, stream: r.stream, ...r.where, tested_at: r.time.text, seeds: r.inbox + r.spam + r.missing,
        inbox: r.inbox, spam: r.spam, missing: r.missing, _iso: r.time.iso,
      })),
  unique: (rec, suffix) => {
    rec.send_id = `${String(rec.send_id)}${suffix}`;
  },
  mutations: (rec, format) => [
    ...values('send_id', badIds(format)),
    ...values('tested_at', badTimes(format)),
    ...['seeds', 'inbox', 'spam', 'missing'].flatMap((f) => values(f, badCounts(format))),
    ...values('seeds', [Number(rec.seeds) + 1]),
    ...missing('send_id', 'stream', 'tested_at', 'seeds', 'inbox', 'spam', 'missing'),
    ...structural(format),
  ],
  read: (db, rec) =>
    db.one('SELECT send_id, stream, provider, tested_at, seeds, inbox, spam, missing FROM seed_tests WHERE send_id = $1', [String(rec.send_id)]),
  expected: (rec, format) => ({
    send_id: str(rec, 'send_id', format), stream: str(rec, 'stream', format), provider: resolved(rec, format), tested_at: rec._iso,
    seeds: num(rec.seeds), inbox: num(rec.inbox), spam: num(rec.spam), missing: num(rec.missing),
  }),
};

// ---- reputation (generic records) ------------------------------------------------------------------------------------

type RepValue = { value: number | string; stored: number; level: string | null };

function repValue(metric: ReputationMetric, format: Format): fc.Arbitrary<RepValue> {
  const def = METRICS[metric];
  if (def.unit === 'level') {
    const levels = def.levels ?? [];
    return fc.integer({ min: 0, max: levels.length - 1 }).chain((i) =>
      fc.constantFrom<RepValue>(
        { value: levels[i] ?? '', stored: i, level: levels[i] ?? null },
        { value: (levels[i] ?? '').toLowerCase(), stored: i, level: levels[i] ?? null },
        { value: format === 'csv' ? String(i) : i, stored: i, level: levels[i] ?? null },
      ));
  }
  if (def.unit === 'count') return fc.integer({ min: 0, max: 2 ** 40 }).map((n) => ({ value: format === 'csv' ? String(n) : n, stored: n, level: null }));
  return fc.oneof(
    fc.double({ min: 0, max: 1, noNaN: true }).map((v) => ({ value: format === 'csv' ? String(v) : v, stored: v === 0 ? 0 : v, level: null })),
    fc.integer({ min: 0, max: 1000 }).map((n) => ({ value: `${n / 10}%`, stored: n / 10 / 100, level: null })),
    fc.constantFrom<RepValue>({ value: '5e-324', stored: 5e-324, level: null }, { value: '1E-3', stored: 0.001, level: null }),
  );
}

const repDate = fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2099, 11, 31) }).map((ms) => new Date(ms).toISOString().slice(0, 10));

export const reputation: KindModel = {
  kind: 'reputation',
  columns: ['date', 'subject', 'source', 'metric', 'value'],
  good: (format) =>
    fc.constantFrom(...REPUTATION_METRICS).chain((metric) =>
      fc.record({ date: repDate, subject: idText(format), source: fc.constantFrom('postmaster', 'snds', 'validity-1', 'x.y_z'), metric: fc.constant(metric), v: repValue(metric, format) })
        .map((r) => ({ date: r.date, subject: r.subject, source: r.source, metric: r.metric, value: r.v.value, _stored: r.v.stored, _level: r.v.level }))),
  unique: (rec, suffix) => {
    rec.subject = `${String(rec.subject)}${suffix}`;
  },
  mutations: (rec, format) => {
    const unit = METRICS[rec.metric as ReputationMetric].unit;
    const badValue = unit === 'level' ? ['PURPLE', '7', '-1', '1.5', ''] : unit === 'count' ? ['-1', '1.5', 'abc', '1e999'] : ['-0.1', '1.5', 'abc', '50%%', 'NaN', '1e308', '101%'];
    return [
      ...values('date', ['2026-02-30', '2026-1-1', '20260101', '2026-01-01T00:00:00Z', ...(format === 'ndjson' ? [20260101, null] : [])]),
      ...values('subject', badIds(format)),
      ...values('source', ['Postmaster', 'a b', 'x'.repeat(65), '-snds', "snds'; DROP TABLE reputation; --"]),
      ...values('metric', ['spam_rate', 'hard_bounce_rate', '__proto__']),
      ...values('value', format === 'ndjson' ? [...badValue.filter((v) => v !== ''), true, [], {}] : badValue.filter((v) => v !== '')),
      ...missing('date', 'subject', 'source', 'metric', 'value'),
      ...structural(format),
    ];
  },
  read: (db, rec) =>
    db.one('SELECT CAST(date AS VARCHAR) AS date, subject, source, metric, value, level FROM reputation WHERE subject = $1', [String(rec.subject)]),
  expected: (rec, format) => ({
    date: rec.date, subject: str(rec, 'subject', format), source: rec.source, metric: rec.metric, value: rec._stored, level: rec._level,
  }),
};

export const MODELS: readonly KindModel[] = [events, sends, seeds, reputation];

// ---- writing an input ------------------------------------------------------------------------------------------------

/** The record's own fields (the model's bookkeeping, prefixed with _, left out). */
export function fieldsOf(rec: Rec): Rec {
  return Object.fromEntries(Object.entries(rec).filter(([k, v]) => !k.startsWith('_') && v !== undefined));
}

function csvCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export interface Written {
  bytes: Buffer;
  /** Line span [first, last] of each record (1-based, as rejections count them). */
  spans: [number, number][];
}

/** Writes records (each possibly mutated) as one input; CSV gets a header naming every column used. */
export function writeInput(model: KindModel, format: Format, records: { rec: Rec; mutation: Mutation | null }[]): Written {
  const spans: [number, number][] = [];
  if (format === 'ndjson') {
    const lines = records.map(({ rec, mutation }, i) => {
      spans.push([i + 1, i + 1]);
      if (mutation?.op === 'line') return mutation.text;
      const f = fieldsOf(rec);
      if (mutation?.op === 'value') f[mutation.field] = mutation.value;
      if (mutation?.op === 'missing') delete f[mutation.field];
      let json = JSON.stringify(f);
      // Added as text: `{ __proto__: 1 }` in an object literal would set the prototype, not a field.
      if (mutation?.op === 'extra') json = `{${JSON.stringify(mutation.field)}:"1",${json.slice(1)}`;
      return json;
    });
    return { bytes: Buffer.from(lines.join('\n') + '\n', 'utf8'), spans };
  }
  const extras = [...new Set(records.flatMap(({ mutation }) => (mutation?.op === 'extra' ? [mutation.field] : [])))];
  const columns = [...model.columns, ...extras];
  const out = [columns.map(csvCell).join(',')];
  let line = 2;
  for (const { rec, mutation } of records) {
    let row: string;
    if (mutation?.op === 'line') row = mutation.text;
    else {
      const f = fieldsOf(rec);
      if (mutation?.op === 'value') f[mutation.field] = mutation.value;
      if (mutation?.op === 'missing') delete f[mutation.field];
      // defineProperty: `f.__proto__ = …` would set the prototype instead of adding a field.
      if (mutation?.op === 'extra') Object.defineProperty(f, mutation.field, { value: '1', enumerable: true, writable: true, configurable: true });
      row = columns.map((c) => csvCell(Object.prototype.hasOwnProperty.call(f, c) ? f[c] : undefined)).join(',');
    }
    const newlines = (row.match(/\r\n|\r|\n/g) ?? []).length;
    spans.push([line, line + newlines]);
    line += newlines + 1;
    out.push(row);
  }
  return { bytes: Buffer.from(out.join('\n') + '\n', 'utf8'), spans };
}
