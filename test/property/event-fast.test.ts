// The fast path of the events schema (server/ingest/event-fast.ts) against zod, record by record: random and
// adversarial records — hostile text, values just inside and just outside every rule, wrong types, unknown and
// null fields — go through both. Wherever the fast path gives a row, zod must pass the record too and give the
// same row; where it gives none the webhook asks zod, so there it may be conservative. And it must not be
// conservative about the records webhooks build (toISOString times, plain ids and addresses), or it would be idle.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventFastPathCurrent, fastEventRow, fastRecipient } from '../../server/ingest/event-fast.ts';
import { checkRecord } from '../../server/ingest/validate.ts';
import { PROVIDERS } from '#shared/providers.ts';
import { recipient } from '#shared/schema/common.ts';
import { BOUNCE_CLASSES, EVENT_TYPES } from '#shared/schema/inputs.ts';
import { goodTime } from './ingest-model.ts';
import { check, hostileText, runs, wrongType } from './support.ts';

type Fields = Record<string, unknown>;

const mostly = <T, U>(good: fc.Arbitrary<T>, odd: fc.Arbitrary<U>) => fc.oneof({ weight: 15, arbitrary: good }, { weight: 1, arbitrary: odd });
const goodId = fc.stringMatching(/^[!-~][ -~]{0,15}$/);
const isoMs = fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9998, 11, 31, 23, 59, 59) }).map((t) => new Date(t).toISOString());

const edgy = {
  id: fc.oneof(hostileText(20), wrongType,
    fc.constantFrom('x'.repeat(512), 'x'.repeat(513), 'é'.repeat(512), 'é'.repeat(513), '😀'.repeat(256), '😀'.repeat(257), ' ', '\u00A0', '\u3000x',
      '\uFEFFid', 'id\uFEFF', '', 'tab\tx', '\u0085', 'a\u0000b', '\uD800x', 'x\uDC00')),
  time: fc.oneof(goodTime.map((t) => t.text), wrongType,
    fc.constantFrom('2024-02-29T00:00:00.000Z', '2023-02-29T00:00:00.000Z', '2100-02-29T00:00:00.000Z', '2000-02-29T12:00:00.000Z',
      '2026-04-31T00:00:00.000Z', '2026-01-01T24:00:00.000Z', '2026-01-01T23:60:00.000Z', '2026-01-01T23:59:60.000Z', '2026-13-01T00:00:00.000Z',
      '2026-00-10T00:00:00.000Z', '2026-01-00T00:00:00.000Z', '0999-12-31T23:59:59.999Z', '1000-01-01T00:00:00.000Z', '9998-12-31T23:59:59.999Z',
      '9999-01-01T00:00:00.000Z', '0000-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000z', '2026-01-01t00:00:00.000Z', '2026-01-01T00:00:00Z',
      '2026-01-01T00:00:00.0000Z', '2026-01-01T00:00:00.000+00:00', '２０２６-01-01T00:00:00.000Z', '+275760-09-13T00:00:00.000Z')),
  domain: fc.oneof(hostileText(20), wrongType,
    fc.constantFrom('gmail.com', 'GMAIL.COM', 'gmail.com.', 'Yahoo.co.uk', 'outlook.de', 'icloud.com', ' gmail.com', '', 'x'.repeat(255), 'x'.repeat(256), '__proto__')),
  recipient: fc.oneof(hostileText(20), wrongType, fc.emailAddress(),
    fc.constantFrom('Ann@Gmail.com', 'a@b', '@gmail.com', 'ann@', 'ann', 'Sub-AbC123', ' ann@icloud.com ', '\u00A0ann@me.com\u3000', 'a b@c.com',
      'a\u0085b@c.com', 'a\u007fb@c.com', 'İ@gmail.com', 'a'.repeat(320), 'a'.repeat(321), `  ${'a'.repeat(320)}  `, 'ann@gmail.com\u0000', '\uFEFFann@x.com', 'ann\uD800@x.com')),
  smtp: fc.oneof(fc.integer({ min: 150, max: 650 }), fc.constantFrom<unknown>(250.5, -250, '250', 0, 1e21, Number.NaN, Infinity)),
  diagnostic: fc.oneof(hostileText(30), wrongType, fc.constantFrom('d'.repeat(4096), 'd'.repeat(4097), 'é'.repeat(4096), 'é'.repeat(4097), '\uFEFFd', '', 'a\u0000')),
};

const fieldsArb: fc.Arbitrary<Fields> = fc
  .record({
    event_id: fc.option(mostly(goodId, edgy.id), { nil: undefined }),
    type: mostly(fc.constantFrom(...EVENT_TYPES), fc.oneof(wrongType, fc.constantFrom('Bounce', 'delivery ', '', 'constructor'))),
    timestamp: mostly(isoMs, edgy.time),
    send_id: mostly(goodId, edgy.id),
    stream: mostly(goodId, edgy.id),
    provider: fc.option(mostly(fc.constantFrom(...PROVIDERS), fc.oneof(wrongType, fc.constantFrom('Gmail', 'hotmail', ''))), { nil: undefined, freq: 2 }),
    recipient_domain: fc.option(mostly(fc.constantFrom('gmail.com', 'yahoo.com', 'example.org'), edgy.domain), { nil: undefined, freq: 4 }),
    recipient: fc.option(mostly(fc.emailAddress(), edgy.recipient), { nil: undefined, freq: 2 }),
    bounce_class: fc.option(mostly(fc.constantFrom(...BOUNCE_CLASSES), fc.oneof(wrongType, fc.constantFrom('HARD', 'permanent'))), { nil: undefined }),
    smtp_code: fc.option(mostly(fc.integer({ min: 200, max: 599 }), edgy.smtp), { nil: undefined }),
    diagnostic: fc.option(mostly(goodId, edgy.diagnostic), { nil: undefined }),
    message_id: fc.option(mostly(goodId, edgy.id), { nil: undefined }),
    // Now and then a field the schema does not know, or a null (JSON's "no value").
    extra: fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom<[string, unknown]>(['unknown', 'x'], ['__proto__', 'x'], ['recipient_domain', null], ['smtp_code', null]) }),
  })
  .map(({ extra, ...r }) => {
    const f: Fields = Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined));
    // Bounce classes on bounces, mostly, so that such records can pass.
    if (f.type === 'bounce' && f.bounce_class === undefined && f.send_id !== 'no-class') f.bounce_class = 'hard';
    // And mostly none on other events (one in sixteen keeps it, which the schema refuses).
    if (f.type !== 'bounce' && typeof f.send_id === 'string' && !f.send_id.startsWith('!')) delete f.bounce_class;
    if (extra) Object.defineProperty(f, extra[0], { value: extra[1], enumerable: true, configurable: true, writable: true });
    return f;
  });

describe('the fast path of the events schema', () => {
  it('knows every field of the schema', () => {
    expect(eventFastPathCurrent).toBe(true);
  });

  it('gives a row only where zod passes the record, and then the same row', async () => {
    let vouched = 0;
    await check('event-fast vs zod', fieldsArb, runs(3000), async (f) => {
      const fast = fastEventRow(f);
      if (fast === undefined) return;
      vouched++;
      const zod = checkRecord('events', 'ndjson', f);
      expect(zod).toEqual({ ok: true, row: fast });
    });
    // The generator's good records must reach the comparison, or the property shows nothing.
    expect(vouched).toBeGreaterThan(runs(3000) / 20);
  });

  it('gives the recipient the schema gives, or none', async () => {
    await check('event-fast recipient vs zod', fc.oneof(edgy.recipient, fc.emailAddress()), runs(2000), async (r) => {
      const fast = fastRecipient(r);
      if (fast !== undefined) expect(recipient.safeParse(r)).toEqual({ success: true, data: fast });
    });
  });

  it('vouches for the records webhooks build', async () => {
    const webhookRecord = fc.record({
      event_id: fc.stringMatching(/^sendgrid:[A-Za-z0-9_-]{1,30}:(processed|delivered|bounce|blocked)$/),
      type: fc.constantFrom(...EVENT_TYPES),
      timestamp: isoMs,
      send_id: goodId.filter((s) => s.trim() !== ''),
      stream: fc.constantFrom('news.example.com', 'alerts', 'promo/2026-03-01'),
      recipient_domain: fc.constantFrom('gmail.com', 'yahoo.com', 'example.org'),
      recipient: fc.emailAddress(),
      bounce_class: fc.constantFrom(...BOUNCE_CLASSES),
    }).map(({ bounce_class, ...r }) => (r.type === 'bounce' ? { ...r, bounce_class } : r));
    await check('event-fast not idle', webhookRecord, runs(1000), async (f) => {
      const zod = checkRecord('events', 'ndjson', f);
      if (zod.ok) expect(fastEventRow(f)).toEqual(zod.row);
    });
  });
});
