// `rebound pull postmark` against a local endpoint answering as Postmark's Stats API reference shows
// (test/fixtures/sources/esp/README.md): sent, bounce and spam-complaint counts per day, per message stream and
// per tag, all stored as provider `other` (Postmark has no provider dimension); the checks every ESP pull passes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { postmarkSends } from '../../../server/sources/esp/postmark/parse.ts';
import { fixture } from '../helpers.ts';
import { backfillDays } from './esp-helpers.ts';
import { espPullSuite, type SendRow } from './esp-suite.ts';
import { FakeEsp } from './fake-esp.ts';

const TOKEN = 'local-postmark-server-token-0000';
const STREAMS = ['outbound', 'broadcast'];
const TAGS = ['welcome'];
const DAYS = backfillDays(60);
const INCIDENT_DAY = DAYS[50] ?? '';

/** Postmark's counts for a day and a message stream or tag: chosen, deterministic; quiet Sundays-like gaps every 9th day. */
function stats(day: string, target: string): { Sent: number; bounces: Record<string, number>; SpamComplaint: number } | null {
  const i = DAYS.indexOf(day);
  if (i % 9 === 4 && target === 'welcome') return null;
  const k = target.length;
  const hard = (2 + ((i + k) % 3)) * (target === 'broadcast' && day >= INCIDENT_DAY ? 9 : 1);
  return {
    Sent: 800 + 5 * i + 3 * k, SpamComplaint: (i + k) % 4,
    // Only the types a day has are listed, as the reference shows; the ones Rebound does not count are there too.
    bounces: Object.fromEntries(Object.entries({
      HardBounce: hard, BadEmailAddress: i % 2, Blocked: (i * k) % 3, SoftBounce: (i + 1) % 4, Transient: i % 3, DnsError: i % 5 === 0 ? 1 : 0,
      AutoResponder: 2, SMTPApiError: i % 2,
    }).filter(([, v]) => v > 0)),
  };
}

let refused: RegExp | null = null;
let malformed = false;
const fake = new FakeEsp((url) => {
  const q = url.searchParams;
  const target = q.get('messagestream') ?? q.get('tag') ?? '';
  const days = DAYS.filter((d) => d >= (q.get('fromdate') ?? '') && d <= (q.get('todate') ?? '')).map((d) => [d, stats(d, target)] as const).filter(([, x]) => x);
  if (url.pathname === '/stats/outbound/sends') {
    const Days: Record<string, unknown>[] = days.map(([Date, x]) => ({ Date, Sent: x?.Sent }));
    if (malformed && Days[2]) Days[2].Sent = '15';
    return { body: { Sent: days.reduce((n, [, x]) => n + (x?.Sent ?? 0), 0), Days } };
  }
  if (url.pathname === '/stats/outbound/bounces') return { body: { Days: days.map(([Date, x]) => ({ Date, ...x?.bounces })) } };
  if (url.pathname === '/stats/outbound/spam') return { body: { Days: days.map(([Date, x]) => ({ Date, SpamComplaint: x?.SpamComplaint })) } };
  return null;
}, (req, url) => {
  const no = { status: 401, body: { ErrorCode: 10, Message: 'No Account or Server API tokens were supplied in the HTTP headers.' } };
  return req.headers['x-postmark-server-token'] !== TOKEN || refused?.test(url.pathname) ? no : null;
});

function expected(): SendRow[] {
  const rows: SendRow[] = [];
  for (const day of DAYS) {
    for (const target of [...STREAMS, ...TAGS]) {
      const x = stats(day, target);
      if (!x) continue;
      const b = (k: string) => x.bounces[k] ?? 0;
      const hard = b('HardBounce') + b('BadEmailAddress');
      const soft = b('SoftBounce') + b('Transient') + b('DnsError');
      const block = b('Blocked');
      rows.push({
        send_id: `${target}/${day}`, provider: 'other', stream: target, injected: x.Sent, delivered: x.Sent - hard - soft - block,
        bounced_hard: hard, bounced_soft: soft, bounced_block: block, complaints: x.SpamComplaint, unsubscribes: 0, opens: null, clicks: null,
      });
    }
  }
  return rows.sort((a, b) => a.send_id.localeCompare(b.send_id));
}

const env = (base: string) => ({ POSTMARK_SERVER_TOKEN: TOKEN, POSTMARK_API_ENDPOINT: base, POSTMARK_STREAMS: STREAMS.join(','), POSTMARK_TAGS: TAGS.join(',') });
espPullSuite({
  name: 'postmark', fake, days: DAYS, lateness: 3, expected, env,
  badKey: (base) => ({ ...env(base), POSTMARK_SERVER_TOKEN: 'another-postmark-token-00000' }),
  invalidKey: /HTTP 401.*not a valid Server API token \(POSTMARK_SERVER_TOKEN/,
  refuse: (path) => void (refused = path), malform: (on) => void (malformed = on),
  laterPath: /\/stats\/outbound\/(bounces|spam)/, scope: /refused \/stats\/outbound\/bounces \(HTTP 401\).*Server API token/,
  malformed: /\/stats\/outbound\/sends \(message stream outbound\) answered a malformed Days\[2\]\.Sent: .*number/,
  incident: { stream: 'broadcast', day: INCIDENT_DAY, metric: 'hard_bounce_rate', provider: 'other', baseline: 28, points: 10 },
});

describe('the documented answers', () => {
  it('read as the reference shows them', () => {
    const doc = (n: string): unknown => JSON.parse(readFileSync(fixture(`sources/esp/postmark-${n}.json`), 'utf8'));
    expect(postmarkSends({ sends: doc('sends'), bounces: doc('bounces'), spam: doc('spam') }, 'outbound', 'message stream outbound')).toEqual([
      { stream: 'outbound', provider: 'other', day: '2014-01-01', injected: 10, delivered: 9, bounced_hard: 1, bounced_soft: 0, bounced_block: 0, complaints: 1, unsubscribes: 0, opens: null, clicks: null },
      // The SMTPApiError of that day is an API error, not a delivery failure: not counted.
      { stream: 'outbound', provider: 'other', day: '2014-01-02', injected: 15, delivered: 13, bounced_hard: 0, bounced_soft: 2, bounced_block: 0, complaints: 0, unsubscribes: 0, opens: null, clicks: null },
    ]);
  });
});
