// The SQL check of NDJSON events (server/store/ndjson-events.ts) against zod, line by line: random and adversarial
// event lines — hostile text, odd JSON layouts (blanks, repeated keys, nulls, escapes, unknown keys), values just
// inside and just outside every rule — go through both. Wherever the SQL check passes a line, zod must pass it too
// and produce the same canonical row; a line the SQL check does not pass goes to zod in the ingest, so there it
// may be conservative. And it must not be conservative about plain records, or the fast path would be idle.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineRecord } from '../../server/ingest/ndjson-blocks.ts';
import { checkRecord } from '../../server/ingest/validate.ts';
import { Db } from '../../server/store/db.ts';
import { fallbackLines, FAST_PATH_FIELDS, fastPathCurrent, SqlLineCheck } from '../../server/store/ndjson-events.ts';
import { Staging } from '../../server/store/staging.ts';
import { PROVIDERS } from '#shared/providers.ts';
import { BOUNCE_CLASSES, EVENT_TYPES, eventInput, type EventRow } from '#shared/schema/inputs.ts';
import { tempDir } from '../integration/helpers.ts';
import { events, goodTime } from './ingest-model.ts';
import { check, hostileText, NASTY_TEXT, runs } from './support.ts';

const tmp = tempDir('rebound-prop-ndjson-sql-');
let db: Db;
beforeAll(async () => {
  db = await Db.open(tmp.path('sql-check.duckdb'));
});
afterAll(() => {
  db.close();
  tmp.cleanup();
});

type Fields = Record<string, unknown>;
/** A line as written: its pairs in order (a key may repeat), and the blanks around its tokens. */
interface Layout { pairs: [string, unknown][]; blank: () => string; beforeColon: () => string; cr: boolean; bom: boolean }

const BLANKS = ['', '', '', ' ', '  ', '\t', '\r', ' \t '];

function render(l: Layout): string {
  const pair = ([k, v]: [string, unknown]) => `${JSON.stringify(k)}${l.beforeColon()}:${l.blank()}${v === undefined ? 'null' : JSON.stringify(v)}`;
  const body = l.pairs.map(pair).join(`${l.blank()},${l.blank()}`);
  return `${l.bom ? '\uFEFF' : ''}${l.blank()}{${l.blank()}${body}${l.blank()}}${l.blank()}${l.cr ? '\r' : ''}`;
}

/** Values at and around each rule's edges, and wrong types. */
const edgy = {
  id: fc.oneof(
    hostileText(20),
    fc.constantFrom('x'.repeat(512), 'x'.repeat(513), 'é'.repeat(256), 'é'.repeat(257), '😀'.repeat(128), '😀'.repeat(129), ' ', '\u00A0', '\u3000x', '\uFEFFid', 'id\uFEFF', '', 'a\\b', 'a"b', 'tab\tx', '\u0085'),
  ),
  time: fc.oneof(
    goodTime.map((t) => t.text),
    fc.constantFrom('2024-02-29T00:00:00Z', '2023-02-29T00:00:00Z', '2026-01-01T23:59:60Z', '2026-01-01t00:00:00Z', '2026-01-01T00:00:00z',
      '0999-12-31T23:59:59Z', '1000-01-01T00:00:00+00:01', '9998-12-31T23:59:59-23:59', '9999-01-01T00:00:00Z', '2026-01-01T00:00:00.123456789123Z',
      '2026-01-01T00:00:00.Z', '2026-01-01T00:00:00+24:00', '2026-01-01T00:00:00-00:00', '2026-01-01 00:00:00Z', '２０２６-01-01T00:00:00Z'),
  ),
  domain: fc.oneof(
    fc.constantFrom('gmail.com', 'GMAIL.COM', 'gmail.com.', 'gmail.com..', 'googlemail.com', 'yahoo', 'yahoo.', 'Yahoo.co.uk', 'aol.com', 'outlook.de',
      'hotmail.co.uk', 'live.com', 'msn.com', 'icloud.com', 'ME.COM', 'mac.com', ' gmail.com', 'gmail.com ', 'ｇmail.com', 'İcloud.com', '.', '', 'x'.repeat(256), 'constructor', '__proto__.com', 'toString'),
    hostileText(20),
  ),
  recipient: fc.oneof(
    fc.constantFrom('Ann@Gmail.com', 'a@b', '@gmail.com', 'ann@', 'ann', 'Sub-AbC123', 'x@yahoo.fr', ' ann@icloud.com ', 'a b@c.com', 'ANN@ME.COM.', 'İ@gmail.com', 'a@@hotmail.com', 'a'.repeat(321), `${'a'.repeat(310)}@gmail.com`),
    fc.emailAddress(),
    hostileText(20),
  ),
  smtp: fc.oneof(fc.integer({ min: 150, max: 650 }), fc.constantFrom(250.0, 2.5e2, 250.5, -250, '250', 0, 1e21)),
  diagnostic: fc.oneof(hostileText(30), fc.constantFrom('d'.repeat(4096), 'd'.repeat(4097), 'é'.repeat(2048), 'é'.repeat(2049), '\uFEFFd', '')),
  wrong: fc.constantFrom<unknown>(null, 1, true, [], {}, '', 'null'),
};

/** Mostly a good value, sometimes one at or past an edge. */
const mostly = <T, U>(good: fc.Arbitrary<T>, odd: fc.Arbitrary<U>) => fc.oneof({ weight: 5, arbitrary: good }, { weight: 1, arbitrary: odd });
const goodId = fc.stringMatching(/^[!-~][ -~]{0,15}$/).filter((s) => !/["\\]/.test(s));

const fieldsArb: fc.Arbitrary<Fields> = fc
  .record({
    event_id: fc.option(mostly(goodId, edgy.id), { nil: undefined }),
    type: mostly(fc.constantFrom(...EVENT_TYPES), fc.constantFrom('Bounce', 'delivery ', '', 'bounced')),
    timestamp: mostly(goodTime.map((t) => t.text), edgy.time),
    send_id: mostly(goodId, edgy.id),
    stream: mostly(goodId, edgy.id),
    provider: fc.option(mostly(fc.constantFrom(...PROVIDERS), fc.constantFrom('Gmail', 'hotmail', '')), { nil: undefined, freq: 2 }),
    recipient_domain: fc.option(edgy.domain, { nil: undefined, freq: 2 }),
    recipient: fc.option(edgy.recipient, { nil: undefined, freq: 2 }),
    bounce_class: fc.option(mostly(fc.constantFrom(...BOUNCE_CLASSES), fc.constantFrom('HARD', 'permanent')), { nil: undefined }),
    smtp_code: fc.option(mostly(fc.integer({ min: 200, max: 599 }), edgy.smtp), { nil: undefined }),
    diagnostic: fc.option(mostly(goodId, edgy.diagnostic), { nil: undefined }),
    message_id: fc.option(mostly(goodId, edgy.id), { nil: undefined }),
  })
  .map((r) => {
    const f: Fields = Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined));
    // Bounce classes on bounces, mostly, so that such records can pass.
    if (f.type === 'bounce' && f.bounce_class === undefined && f.send_id !== 'no-class') f.bounce_class = 'hard';
    if (f.type !== 'bounce' && typeof f.bounce_class === 'string' && BOUNCE_CLASSES.includes(f.bounce_class as never) && (f.stream as string).length % 4 !== 0) delete f.bounce_class;
    return f;
  });

/** null mostly; a value now and then (fc.option's freq is the other way round: 1/freq is the chance of nil). */
const sometimes = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });

/** A record, possibly with a field of a wrong type, an unknown key, a repeated key or a null value, laid out oddly. */
const lineArb: fc.Arbitrary<string> = fc
  .record({
    fields: fieldsArb,
    wrong: sometimes(fc.tuple(fc.constantFrom(...FAST_PATH_FIELDS), edgy.wrong)),
    extra: sometimes(fc.tuple(fc.constantFrom('extra', '__proto__', 'Type', 'type ', 'smtp_code', 'type', 'provider', 'send_id'), fc.oneof(edgy.wrong, fc.constantFrom('gmail', 'delivery', 'x')))),
    order: fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })),
    blanks: fc.infiniteStream(fc.constantFrom(...BLANKS)),
    spaced: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    cr: fc.boolean(),
    bom: fc.oneof({ weight: 19, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  })
  .map(({ fields, wrong, extra, order, blanks, spaced, cr, bom }) => {
    const pairs: [string, unknown][] = Object.entries(fields);
    if (wrong) pairs.push([wrong[0], wrong[1]]);
    if (extra) pairs.splice(Math.floor(order.next().value * (pairs.length + 1)), 0, [extra[0], extra[1]]);
    const keys = pairs.map((p) => [order.next().value, p] as const).sort((a, b) => a[0] - b[0]).map(([, p]) => p);
    const blank = () => (spaced ? blanks.next().value : '');
    // Rarely a blank before a colon (legal JSON; the SQL check leaves such lines to zod).
    return render({ pairs: keys, blank, beforeColon: () => (order.next().value < 0.03 ? blank() : ''), cr, bom });
  });

/** Records zod accepts, at the edges of its rules (most of them pass the SQL check, where rows are compared). */
const acceptedArb: fc.Arbitrary<string> = fc
  .record({ fields: fieldsArb, cr: fc.boolean(), spaced: fc.boolean(), blanks: fc.infiniteStream(fc.constantFrom(...BLANKS)) })
  .map(({ fields, cr, spaced, blanks }) => render({
    pairs: Object.entries(fields), blank: () => (spaced ? blanks.next().value : ''), beforeColon: () => '', cr, bom: false,
  }))
  .filter((text) => {
    const record = lineRecord(text, 1, false);
    return record !== null && 'fields' in record && checkRecord('events', 'ndjson', record.fields).ok;
  });

/** Plain records as exporters write them (compact, ASCII, valid): the SQL check must pass every one. */
const plainArb: fc.Arbitrary<string> = events.good('ndjson')
  .map((rec) => Object.fromEntries(Object.entries(rec).filter(([k, v]) => !k.startsWith('_') && v !== undefined)))
  .filter((f) => Object.values(f).every((v) => typeof v !== 'string' || /^[ -~]*$/.test(v)) && checkRecord('events', 'ndjson', f).ok)
  .filter((f) => Object.values(f).every((v) => typeof v !== 'string' || (!/["\\]/.test(v) && (v.length === 0 || /[!-~]/.test(v)))))
  .filter((f) => Number((f.timestamp as string).slice(0, 4)) >= 1000)
  .map((f) => JSON.stringify(f));

interface Outcome { passed: Map<number, Record<string, unknown>>; leftToZod: Set<number> }

/** Runs lines (numbered from 1) through the SQL check alone, on a session of its own. */
async function sqlCheck(lines: string[]): Promise<Outcome> {
  const s = await db.session();
  try {
    const staging = await Staging.create(s.conn, 'events', { withRaw: true });
    staging.finish();
    // Two blocks in groups of one block, so that lines are numbered across blocks and checked across groups.
    const check = await SqlLineCheck.start(s, 1);
    const half = Math.ceil(lines.length / 2);
    await check.add(1, Buffer.from(lines.slice(0, half).join('\n')));
    if (lines.length > half) await check.add(half + 1, Buffer.from(lines.slice(half).join('\n')));
    await check.finish();
    const rows = await s.all('SELECT * EXCLUDE (raw) FROM stage ORDER BY line');
    const passed = new Map(rows.map((r) => [Number(r.line), r]));
    const leftToZod = new Set((await fallbackLines(s, 0, 1_000_000)).map((r) => r.line));
    return { passed, leftToZod };
  } finally {
    s.close();
  }
}

/** What the staging table holds for zod's canonical row. */
function stagedOf(row: EventRow, line: number): Record<string, unknown> {
  const { timestamp, ...rest } = row;
  return { ...rest, ts: new Date(Date.parse(timestamp)).toISOString(), line };
}

const CASES = runs(40);

describe('the SQL check of NDJSON events', () => {
  it('knows every field of eventInput', () => {
    expect(fastPathCurrent).toBe(true);
    expect([...FAST_PATH_FIELDS].sort()).toEqual(Object.keys(eventInput.in.shape).sort());
  });

  it('passes only lines that zod passes, with the same row; leaves the rest to zod', async () => {
    let passed = 0;
    let left = 0;
    const ran = await check('ndjson sql check vs zod', fc.array(fc.oneof(lineArb, acceptedArb), { minLength: 1, maxLength: 40 }), CASES, async (lines) => {
      const out = await sqlCheck(lines);
      for (const [i, text] of lines.entries()) {
        const line = i + 1;
        const record = lineRecord(text, line, false);
        const zod = record && 'fields' in record ? checkRecord('events', 'ndjson', record.fields) : null;
        const staged = out.passed.get(line);
        if (staged) {
          expect(zod?.ok, `SQL passed line ${line} that zod refuses: ${text.slice(0, 300)} (${zod && !zod.ok ? zod.reason : 'not a record'})`).toBe(true);
          if (zod?.ok) expect(staged, text.slice(0, 300)).toEqual(stagedOf(zod.row, line));
          passed++;
        } else if (record) {
          expect(out.leftToZod.has(line), `line ${line} neither passed nor left to zod: ${text.slice(0, 300)}`).toBe(true);
          left++;
        }
      }
    });
    console.log(`ndjson sql check: ${passed} lines passed in SQL (each equal to zod's row), ${left} left to zod`);
    expect(ran).toBeGreaterThanOrEqual(CASES);
    // The generator must reach both sides, or the property says little.
    expect(passed).toBeGreaterThan(0);
    expect(left).toBeGreaterThan(0);
  }, 120_000);

  it('passes every plain record (compact JSON, ASCII values), with zod\'s row', async () => {
    await check('ndjson sql check plain', fc.array(plainArb, { minLength: 1, maxLength: 40 }), CASES, async (lines) => {
      const out = await sqlCheck(lines);
      for (const [i, text] of lines.entries()) {
        const zod = checkRecord('events', 'ndjson', JSON.parse(text) as Record<string, unknown>);
        if (!zod.ok) throw new Error(`not a plain record: ${text}`);
        expect(out.passed.get(i + 1), `plain line left to zod: ${text}`).toEqual(stagedOf(zod.row, i + 1));
      }
    });
  }, 120_000);

  it('passes these lines, with zod\'s rows, and leaves those to zod (one case per rule)', async () => {
    const base = { type: 'delivery', timestamp: '2026-03-01T10:00:00Z', send_id: 's', stream: 'news', provider: 'gmail' };
    const line = (f: Fields) => JSON.stringify({ ...base, ...f });
    const passes = [
      line({}),
      `${line({ event_id: 'e1' })}\r`,
      JSON.stringify({ ...base, smtp_code: 250 }, null, 1).replace(/\n/g, ''),
      '{"type": "delivery", "timestamp": "2026-03-01T10:00:00Z", "send_id": "s", "stream": "news", "provider": "gmail"}',
      line({ provider: undefined, recipient: 'Ann@GMail.com' }),
      line({ provider: undefined, recipient_domain: 'Yahoo.co.uk' }),
      line({ provider: undefined, recipient_domain: 'gmail.com.' }),
      line({ provider: undefined, recipient_domain: ' hotmail.de ' }),
      line({ provider: undefined, recipient_domain: 'corp example' }),
      line({ provider: 'apple', recipient_domain: 'gmail.com' }),
      line({ smtp_code: null, diagnostic: null, event_id: null }),
      line({ send_id: 'x'.repeat(512), diagnostic: 'd'.repeat(4096), message_id: 'é'.repeat(256) }),
      line({ timestamp: '2024-02-29T23:59:59.123456789-05:30' }),
      line({ timestamp: '1000-01-01T00:00:00+00:01' }),
      line({ timestamp: '9998-12-31T23:59:59-23:59' }),
      line({ send_id: '\u00A0é', stream: '😀' }),
      line({ type: 'bounce', bounce_class: 'block', smtp_code: 554 }),
    ];
    const leftToZod = [
      '{"type":"delivery","type":"open","timestamp":"2026-03-01T10:00:00Z","send_id":"s","stream":"news","provider":"gmail"}',
      '{"type":"delivery","timestamp":"2026-03-01T10:00:00Z","send_id":"s","stream":"news","provider":"gmail","provider":null}',
      line({ send_id: 'a"b' }), line({ send_id: 'a\\b' }), line({ send_id: 'A' }).replace('"A"', '"\\u0041"'),
      line({ diagnostic: '\uFEFFd' }), line({ event_id: '\uFEFFe' }), line({ send_id: 'x'.repeat(513) }), line({ message_id: 'é'.repeat(257) }),
      line({ diagnostic: 'd'.repeat(4097) }), line({ send_id: ' ' }), line({ stream: '\u3000' }), line({ stream: '\u180E' }),
      line({ extra: 1 }), '{"__proto__":1,' + line({}).slice(1), line({ send_id: 5 }), line({ smtp_code: '250' }),
      line({}).replace('}', ',"smtp_code":250.0}'), line({ timestamp: '0999-12-31T23:59:59Z' }), line({ timestamp: '9999-01-01T00:00:00Z' }),
      line({ timestamp: '2026-03-01t10:00:00Z' }), line({}).replace('"type":', '"type" :'), line({ provider: undefined, recipient_domain: 'gmаil.com' }),
      line({}).replace('}', ',}'), line({}).replace('}', ',"smtp_code":NaN}'), `\uFEFF${line({})}`, line({ type: 'bounce' }), line({ bounce_class: 'hard' }),
      line({ provider: undefined, recipient: ' ann@gmail.com' }), line({ provider: undefined, recipient: 'ann' }), line({ provider: 'Gmail' }),
    ];
    const out = await sqlCheck([...passes, ...leftToZod]);
    passes.forEach((text, i) => {
      const zod = checkRecord('events', 'ndjson', JSON.parse(text) as Record<string, unknown>);
      if (!zod.ok) throw new Error(`${text}: ${zod.reason}`);
      expect(out.passed.get(i + 1), text).toEqual(stagedOf(zod.row, i + 1));
    });
    leftToZod.forEach((text, i) => expect(out.leftToZod.has(passes.length + i + 1), text).toBe(true));
  });

  it('reads the nasty texts as they are', async () => {
    const lines = NASTY_TEXT.filter((t) => !/["\\\u0000-\u001f]/.test(t)).map((t, i) => JSON.stringify({
      type: 'delivery', timestamp: '2026-03-01T10:00:00+01:00', send_id: `s${i}${t}`, stream: t.trim() ? t : `x${t}`, provider: 'gmail', diagnostic: t,
    }));
    const out = await sqlCheck(lines);
    expect(out.passed.size).toBeGreaterThan(lines.length / 2);
    for (const [line, staged] of out.passed) {
      const zod = checkRecord('events', 'ndjson', JSON.parse(lines[line - 1] as string) as Record<string, unknown>);
      if (!zod.ok) throw new Error(zod.reason);
      expect(staged).toEqual(stagedOf(zod.row, line));
    }
  });
});

