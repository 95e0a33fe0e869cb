// Where an ESP event's send_id and stream come from (docs/webhooks.md, "Fallbacks"). Real programs rarely tag every
// message with Rebound's own names, so each ESP has an ordered list of sources per field, the first that gives a
// value wins: a custom argument, the ESP's campaign / single send / tag / category / message stream, the From or
// sending domain, the IP pool. `day` — for continuous (transactional) traffic — makes the send the stream's UTC day,
// `<stream>/<YYYY-MM-DD>`, so such a stream becomes a daily series. Teams with their own conventions reorder or
// replace the lists with <ESP>_WEBHOOK_SEND_ID and <ESP>_WEBHOOK_STREAM; `=text` is a fixed value.

export type Esp = 'sendgrid' | 'ses' | 'mailgun' | 'sparkpost' | 'postmark';
export const ESPS: readonly Esp[] = ['sendgrid', 'ses', 'mailgun', 'sparkpost', 'postmark'];

/** One source: a named field of the ESP's event, a named field with an argument (`arg:send_id`), a fixed value, or the day. */
export type Source = { kind: 'field'; name: string; arg?: string } | { kind: 'fixed'; value: string } | { kind: 'day' };

/** The names each ESP's payload offers; those marked with ':' take an argument (a custom field's name). */
export const SOURCE_NAMES: Readonly<Record<Esp, readonly string[]>> = {
  sendgrid: ['arg:', 'singlesend_id', 'marketing_campaign_id', 'category', 'pool', 'asm_group_id'],
  ses: ['tag:', 'configuration_set', 'from_domain', 'source_ip'],
  mailgun: ['var:', 'tag', 'campaign', 'from_domain', 'sender_domain', 'sending_ip'],
  sparkpost: ['meta:', 'campaign_id', 'template_id', 'subaccount_id', 'sending_domain', 'from_domain', 'ip_pool'],
  postmark: ['metadata:', 'tag', 'message_stream', 'from_domain', 'server_id'],
};

/** The documented defaults (docs/webhooks.md): a team's own names first, then what the ESP offers, then the day. */
export const DEFAULT_SOURCES: Readonly<Record<Esp, { sendId: string; stream: string }>> = {
  sendgrid: { sendId: 'arg:send_id,singlesend_id,marketing_campaign_id,day', stream: 'arg:stream,category,pool' },
  ses: { sendId: 'tag:send_id,tag:campaign,day', stream: 'tag:stream,from_domain' },
  mailgun: { sendId: 'var:send_id,tag,campaign,day', stream: 'var:stream,from_domain,sender_domain' },
  sparkpost: { sendId: 'meta:send_id,campaign_id,day', stream: 'meta:stream,sending_domain,from_domain,ip_pool' },
  postmark: { sendId: 'metadata:send_id,tag,day', stream: 'metadata:stream,message_stream' },
};

export interface FieldSources { sendId: Source[]; stream: Source[] }

/** "arg:send_id,category,day,=news" → sources; a string naming what is wrong when a name is not this ESP's. */
export function parseSources(esp: Esp, text: string, field: 'sendId' | 'stream'): Source[] | string {
  const out: Source[] = [];
  for (const raw of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (raw.startsWith('=')) {
      if (raw.length < 2) return 'a fixed value needs text after "="';
      out.push({ kind: 'fixed', value: raw.slice(1) });
    } else if (raw === 'day') {
      if (field === 'stream') return '"day" gives a send_id, not a stream';
      out.push({ kind: 'day' });
    } else {
      const colon = raw.indexOf(':');
      const name = colon < 0 ? raw : raw.slice(0, colon + 1);
      const arg = colon < 0 ? undefined : raw.slice(colon + 1);
      if (!SOURCE_NAMES[esp].includes(name) || (name.endsWith(':') && !arg)) {
        return `"${raw}" is not a ${esp} source; use ${SOURCE_NAMES[esp].map((n) => (n.endsWith(':') ? `${n}NAME` : n)).join(', ')}, day or =TEXT`;
      }
      out.push(arg === undefined ? { kind: 'field', name } : { kind: 'field', name, arg });
    }
  }
  return out.length > 0 ? out : 'must name at least one source';
}

export function defaultSources(esp: Esp): FieldSources {
  const d = DEFAULT_SOURCES[esp];
  return { sendId: parseSources(esp, d.sendId, 'sendId') as Source[], stream: parseSources(esp, d.stream, 'stream') as Source[] };
}

/** An event's value for a named source (`name` as in SOURCE_NAMES, `arg` the custom field's name). */
export type Pick = (name: string, arg?: string) => string | undefined;

const first = (sources: readonly Source[], pick: Pick, day: () => string | undefined): string | undefined => {
  for (const s of sources) {
    const v = s.kind === 'fixed' ? s.value : s.kind === 'day' ? day() : pick(s.name, s.arg);
    if (v !== undefined && v.trim() !== '') return v.trim();
  }
  return undefined;
};

/** The event's send_id and stream by the configured sources; undefined where none gave a value (then quarantined). */
export function resolveSendAndStream(sources: FieldSources, pick: Pick, timestamp: string | undefined): { send_id?: string; stream?: string } {
  const stream = first(sources.stream, pick, () => undefined);
  // The stream's UTC day: an RFC 3339 UTC timestamp starts with its date.
  const day = () => (stream !== undefined && timestamp !== undefined ? `${stream}/${timestamp.slice(0, 10)}` : undefined);
  const send_id = first(sources.sendId, pick, day);
  return { ...(send_id !== undefined ? { send_id } : {}), ...(stream !== undefined ? { stream } : {}) };
}
