// The pieces every ESP pull shares, table-style: the day window (backfill, watermark, lateness), Retry-After in
// both of its forms, the provider-name map with its count of unknown names, and adding up two names of one provider.
import { describe, expect, it } from 'vitest';
import { retryAfterMs } from '../../../server/sources/esp/http.ts';
import { ProviderMap } from '../../../server/sources/esp/providers.ts';
import { dayWindow, daysOf, sendRows } from '../../../server/sources/esp/pull.ts';
import type { PulledSend } from '../../../server/sources/esp/types.ts';

const NOW = new Date('2026-03-03T12:00:00Z');
const W = { backfillDays: 60, latenessDays: 3, cron: '0 6 * * *' };

describe('dayWindow', () => {
  it.each([
    ['first run: the backfill, up to yesterday', null, { from: '2026-01-02', to: '2026-03-02' }],
    ['later run: the lateness before the watermark', '2026-03-01T00:00:00.000Z', { from: '2026-02-26', to: '2026-03-02' }],
    ['after an outage: the whole gap', '2026-02-01T00:00:00.000Z', { from: '2026-01-29', to: '2026-03-02' }],
    ['a watermark at yesterday still re-reads the lateness', '2026-03-02T00:00:00.000Z', { from: '2026-02-27', to: '2026-03-02' }],
  ])('%s', (_, watermark, window) => {
    expect(dayWindow(watermark, NOW, W)).toEqual(window);
  });

  it('lists the days of a window, both ends included', () => {
    expect(daysOf({ from: '2026-02-27', to: '2026-03-02' })).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
  });
});

describe('retryAfterMs', () => {
  it.each([
    ['7', 7000],
    [' 0 ', 0],
    ['Tue, 03 Mar 2026 12:00:30 GMT', 30_000],
    ['Tue, 03 Mar 2026 11:00:00 GMT', 0],
    ['soon', null],
    [null, null],
  ])('%s → %s', (header, ms) => {
    expect(retryAfterMs(header, NOW.getTime())).toBe(ms);
  });
});

describe('ProviderMap', () => {
  it('maps the ESPs\' names to the five providers and counts the names it does not know', () => {
    const m = new ProviderMap();
    const names = ['Gmail', 'Google Workspace', 'G Suite', 'Yahoo', 'AOL', 'Verizon Media Group', 'Hotmail / Outlook', 'Microsoft',
      'Office 365', 'Windows Live', 'Apple', 'iCloud', 'Other', 'Comcast', 'GMX', 'Comcast', 'Livemail.example'];
    expect(names.map((n) => m.of(n))).toEqual(['gmail', 'gmail', 'gmail', 'yahoo', 'yahoo', 'yahoo', 'microsoft', 'microsoft',
      'microsoft', 'microsoft', 'apple', 'apple', 'other', 'other', 'other', 'other', 'other']);
    expect(m.unknown).toEqual({ Comcast: 2, GMX: 1, 'Livemail.example': 1 });
  });
});

describe('sendRows', () => {
  const send = (provider: PulledSend['provider'], n: number, opens: number | null): PulledSend => ({
    stream: 'news', provider, day: '2026-03-01', injected: n, delivered: n - 2, bounced_hard: 1, bounced_soft: 0, bounced_block: 1,
    complaints: 1, unsubscribes: 0, opens, clicks: null,
  });

  it('adds up two names of one provider into one send row, keyed <stream>/<day>', () => {
    expect(sendRows([send('gmail', 100, 5), send('gmail', 50, null), send('yahoo', 10, null)])).toEqual([
      { send_id: 'news/2026-03-01', provider: 'gmail', stream: 'news', sent_at: '2026-03-01T00:00:00Z', injected: 150, delivered: 146, bounced_hard: 2, bounced_soft: 0, bounced_block: 2, complaints: 2, unsubscribes: 0, opens: 5, clicks: null, all_providers: false },
      { send_id: 'news/2026-03-01', provider: 'yahoo', stream: 'news', sent_at: '2026-03-01T00:00:00Z', injected: 10, delivered: 8, bounced_hard: 1, bounced_soft: 0, bounced_block: 1, complaints: 1, unsubscribes: 0, opens: null, clicks: null, all_providers: false },
    ]);
  });

  it('raises injected to what reached an outcome, as the event roll-up does', () => {
    expect(sendRows([{ ...send('gmail', 10, null), delivered: 30 }])[0]?.injected).toBe(32);
  });
});
