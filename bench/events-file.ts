// A deterministic events file for benchmarks: realistic mix of event types over many sends and providers.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mulberry32 } from '#shared/scenario.ts';


const DOMAINS = ['gmail.com', 'googlemail.com', 'yahoo.com', 'aol.com', 'outlook.com', 'hotmail.co.uk', 'icloud.com', 'example.org', 'corp.example'];
const STREAMS = ['news.example.com', 'txn.example.com', 'promo.example.com'];
const SENDS = 2_000;
const START_MS = Date.UTC(2026, 0, 1);

/**
 * Writes `count` events as NDJSON. Each message has an injection, then a delivery or a bounce, and some get an
 * open, a click, a complaint or an unsubscribe, in the proportions of a typical marketing stream.
 */
export async function writeEventsFile(path: string, count: number, seed = 42): Promise<void> {
  const out = createWriteStream(path);
  const r = mulberry32(seed);
  let written = 0;
  let msg = 0;
  let buf = '';
  const emit = (o: Record<string, unknown>) => {
    buf += `${JSON.stringify(o)}\n`;
    written++;
  };
  while (written < count) {
    const sendNo = msg % SENDS;
    const send = `send-${sendNo}`;
    const stream = STREAMS[sendNo % STREAMS.length] as string;
    const domain = DOMAINS[Math.floor(r() * DOMAINS.length)] as string;
    const t0 = START_MS + sendNo * 3_600_000 + Math.floor(r() * 600_000);
    const base = { send_id: send, stream, recipient_domain: domain, message_id: `<m${msg}@${stream}>` };
    emit({ event_id: `ev-${msg}-i`, type: 'injection', timestamp: new Date(t0).toISOString(), ...base });
    const u = r();
    if (u < 0.01) emit({ event_id: `ev-${msg}-b`, type: 'bounce', bounce_class: 'hard', smtp_code: 550, diagnostic: '5.1.1 user unknown', timestamp: new Date(t0 + 2000).toISOString(), ...base });
    else if (u < 0.015) emit({ event_id: `ev-${msg}-b`, type: 'bounce', bounce_class: 'block', smtp_code: 554, diagnostic: '5.7.1 blocked', timestamp: new Date(t0 + 2000).toISOString(), ...base });
    else {
      emit({ event_id: `ev-${msg}-d`, type: 'delivery', timestamp: new Date(t0 + 1500).toISOString(), ...base });
      const v = r();
      if (v < 0.25) emit({ event_id: `ev-${msg}-o`, type: 'open', timestamp: new Date(t0 + 3_600_000).toISOString(), ...base });
      if (v < 0.03) emit({ event_id: `ev-${msg}-c`, type: 'click', timestamp: new Date(t0 + 3_700_000).toISOString(), ...base });
      if (v > 0.999) emit({ event_id: `ev-${msg}-x`, type: 'complaint', timestamp: new Date(t0 + 86_400_000).toISOString(), ...base });
    }
    msg++;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.write(buf);
  out.end();
  await once(out, 'finish');
}
