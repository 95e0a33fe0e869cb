// Record validation (docs/data-formats.md): canonical rows, and one clear reason naming the field when a record is bad.
import { describe, expect, it } from 'vitest';
import { checkRecord } from '../../../server/ingest/validate.ts';
import { providerForDomain } from '#shared/providers.ts';
import { detectKind } from '#shared/schema/inputs.ts';

const SEND = {
  send_id: 's1', stream: 'promo', provider: 'gmail', sent_at: '2026-03-01T10:00:00+02:00', injected: 100, delivered: 90,
  bounced_hard: 4, bounced_soft: 3, bounced_block: 2, complaints: 1, unsubscribes: 2,
};
const EVENT = { type: 'bounce', timestamp: '2026-03-01T10:00:00Z', send_id: 's1', stream: 'promo', recipient_domain: 'Hotmail.co.uk', bounce_class: 'block', smtp_code: 554 };

const reason = (r: { ok: true } | { ok: false; reason: string }) => (r.ok ? 'ok' : r.reason);

describe('checkRecord', () => {
  it('normalises a send summary: UTC time, optional counts null', () => {
    expect(checkRecord('sends', 'ndjson', SEND)).toEqual({
      ok: true,
      row: { ...SEND, sent_at: '2026-03-01T08:00:00.000Z', opens: null, clicks: null },
    });
  });

  it('CSV cells of digits become numbers; anything else in a count column is refused', () => {
    const cells = Object.fromEntries(Object.entries(SEND).map(([k, v]) => [k, String(v)]));
    expect(checkRecord('sends', 'csv', cells)).toMatchObject({ ok: true, row: { injected: 100, delivered: 90 } });
    expect(reason(checkRecord('sends', 'csv', { ...cells, injected: '1e3' }))).toMatch(/^injected: /);
    expect(reason(checkRecord('sends', 'csv', { ...cells, injected: ' 100 ' }))).toBe('ok');
    expect(reason(checkRecord('sends', 'csv', { ...cells, injected: '-100' }))).toMatch(/^injected: must not be negative/);
  });

  it('maps recipient_domain to a provider and keeps SMTP details of an event', () => {
    expect(checkRecord('events', 'ndjson', EVENT)).toEqual({
      ok: true,
      row: {
        event_id: null, type: 'bounce', timestamp: '2026-03-01T10:00:00.000Z', send_id: 's1', stream: 'promo',
        provider: 'microsoft', bounce_class: 'block', smtp_code: 554, diagnostic: null, message_id: null,
        recipient: null,
      },
    });
  });

  it('keeps a recipient (trimmed; an address lower-cased) and takes the provider from its address when none is given', () => {
    const rec = { ...EVENT, recipient_domain: undefined, recipient: ' Ana.Lopez@GMail.com ' };
    expect(checkRecord('events', 'ndjson', rec)).toMatchObject({ ok: true, row: { recipient: 'ana.lopez@gmail.com', provider: 'gmail' } });
    // A subscriber id is a recipient too, but says nothing of the provider.
    expect(checkRecord('events', 'ndjson', { ...EVENT, recipient: 'sub-00042' })).toMatchObject({ ok: true, row: { recipient: 'sub-00042', provider: 'microsoft' } });
    // An id or hash keeps its case (base64 and many ESP ids are case-sensitive); only an address is folded.
    expect(checkRecord('events', 'ndjson', { ...EVENT, recipient: ' Sub-AbC123 ' })).toMatchObject({ ok: true, row: { recipient: 'Sub-AbC123' } });
    expect(reason(checkRecord('events', 'ndjson', { ...rec, recipient: 'sub-00042' }))).toMatch(/^provider: provider, recipient_domain or a recipient address is required$/);
  });

  const BAD: [string, 'sends' | 'events' | 'seeds', Record<string, unknown>, RegExp][] = [
    ['missing field', 'sends', { ...SEND, stream: undefined }, /^stream: is required$/],
    ['neither provider nor domain', 'sends', { ...SEND, provider: undefined }, /^provider: provider or recipient_domain is required$/],
    ['wrong type', 'sends', { ...SEND, delivered: '90' }, /^delivered: /],
    ['fraction', 'sends', { ...SEND, delivered: 89.5 }, /^delivered: must be a whole number/],
    ['negative', 'sends', { ...SEND, complaints: -1 }, /^complaints: must not be negative$/],
    ['outcomes above injections', 'sends', { ...SEND, delivered: 95 }, /^injected: delivered \+ bounces \(104\) exceed injected \(100\)$/],
    ['complaints above deliveries', 'sends', { ...SEND, complaints: 91 }, /^complaints: exceed delivered \(90\)$/],
    ['unknown provider', 'sends', { ...SEND, provider: 'Gmail' }, /^provider: must be one of/],
    ['unknown field', 'sends', { ...SEND, bounces: 3 }, /unknown field bounces/],
    ['unknown event type', 'events', { ...EVENT, type: 'spam' }, /^type: must be one of injection, delivery, bounce/],
    ['unknown bounce class', 'events', { ...EVENT, bounce_class: 'medium' }, /^bounce_class: must be one of hard, soft, block$/],
    ['smtp code out of range', 'events', { ...EVENT, smtp_code: 99 }, /^smtp_code: /],
    ['unparseable timestamp', 'events', { ...EVENT, timestamp: '2026-03-01 10:00' }, /^timestamp: must be an RFC 3339 timestamp/],
    ['impossible date', 'events', { ...EVENT, timestamp: '2026-02-30T10:00:00Z' }, /^timestamp: /],
    ['recipient with a blank inside', 'events', { ...EVENT, recipient: 'ana lopez@gmail.com' }, /^recipient: must be one address or subscriber id/],
    ['recipient too long', 'events', { ...EVENT, recipient: `${'a'.repeat(310)}@gmail.com1` }, /^recipient: /],
    ['empty recipient', 'events', { ...EVENT, recipient: '   ' }, /^recipient: must not be empty$/],
    ['empty send_id', 'events', { ...EVENT, send_id: '' }, /^send_id: must not be empty$/],
    // Identifiers are taken as given, but one of only spaces is as empty as ''.
    ['blank send_id', 'events', { ...EVENT, send_id: '  ' }, /^send_id: /],
    ['blank stream', 'sends', { ...SEND, stream: ' ' }, /^stream: /],
    ['seeds that do not add up', 'seeds', { send_id: 's', stream: 'p', provider: 'gmail', tested_at: '2026-03-01T10:00:00Z', seeds: 10, inbox: 5, spam: 2, missing: 2 }, /^seeds: inbox \+ spam \+ missing \(9\) must equal seeds \(10\)$/],
  ];
  for (const [what, kind, rec, expected] of BAD) {
    it(`refuses: ${what}`, () => {
      expect(reason(checkRecord(kind, 'ndjson', rec))).toMatch(expected);
    });
  }
});

describe('providerForDomain (docs/data-formats.md)', () => {
  it('maps exactly the documented list (docs/data-formats.md)', () => {
    const map: Record<string, string> = {
      'gmail.com': 'gmail', 'googlemail.com': 'gmail', 'yahoo.com': 'yahoo', 'yahoo.co.jp': 'yahoo', 'aol.com': 'yahoo',
      'ymail.com': 'yahoo', 'outlook.com': 'microsoft', 'outlook.fr': 'microsoft', 'hotmail.com': 'microsoft',
      'hotmail.it': 'microsoft', 'live.com': 'microsoft', 'live.co.uk': 'microsoft', 'msn.com': 'microsoft',
      'icloud.com': 'apple', 'me.com': 'apple', 'mac.com': 'apple', 'GMAIL.COM.': 'gmail',
      'example.com': 'other', 'gmail.co': 'other', 'mygmail.com': 'other', 'aol.de': 'other', 'yahoo': 'other', '': 'other',
    };
    expect(Object.fromEntries(Object.keys(map).map((d) => [d, providerForDomain(d)]))).toEqual(map);
  });
});

describe('detectKind', () => {
  it('tells events, sends and seeds apart by their fields', () => {
    expect(detectKind(['event_id', 'type', 'timestamp', 'send_id'])).toBe('events');
    expect(detectKind(['send_id', 'sent_at', 'injected', 'delivered'])).toBe('sends');
    expect(detectKind(['send_id', 'tested_at', 'seeds', 'inbox'])).toBe('seeds');
    expect(detectKind(['email', 'first_name'])).toBeUndefined();
  });
});
