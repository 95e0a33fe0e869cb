// An apology draft from an RFC 5322 message (.eml, message/rfc822): From, Reply-To, Subject (RFC 2047 encoded
// words decoded) and the text/plain and text/html parts, whatever their transfer encoding. mailparser does the
// MIME work: charsets, quoted-printable, base64 and nested multiparts have too many real-world quirks to redo here.
import { simpleParser, type AddressObject } from 'mailparser';

// A draft is a few kilobytes; 10 MiB allows inline images without letting a mail archive through.
export const MAX_EML_BYTES = 10 * 1024 ** 2;
// The first this many bytes must look like header lines for a message to count as one.
const HEADER_SNIFF_BYTES = 4096;

export class EmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmlError';
  }
}

/** The draft fields of a message, not yet validated (apologyDraft does that, for .eml and JSON alike). */
export interface EmlDraft {
  from: string;
  reply_to: string | null;
  subject: string;
  text: string | null;
  html: string | null;
}

/** `Name <address>` of the first address of a header, as a person would write it back. */
function firstAddress(header: AddressObject | AddressObject[] | undefined): string | null {
  const obj = Array.isArray(header) ? header[0] : header;
  const first = obj?.value[0];
  // A group ("Team: a@x, b@y;") has no address of its own; its first member stands for it.
  const a = first?.address ? first : first?.group?.[0] ?? first;
  if (!a) return null;
  const name = a.name.trim();
  if (!a.address) return name || null;
  return name ? `${name} <${a.address}>` : a.address;
}

/** True when the start of `raw` is a block of `Name: value` header lines, as every RFC 5322 message begins. */
export function looksLikeEml(raw: Buffer | string): boolean {
  const head = (typeof raw === 'string' ? raw.slice(0, HEADER_SNIFF_BYTES) : raw.subarray(0, HEADER_SNIFF_BYTES).toString('latin1'))
    .replace(/^\uFEFF/, '');
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  return /^[!-9;-~]+:/.test(firstLine) && /^(from|subject|reply-to|mime-version|date|to|return-path|received|message-id|content-type):/im.test(head);
}

export async function parseEml(raw: Buffer | string): Promise<EmlDraft> {
  const size = typeof raw === 'string' ? Buffer.byteLength(raw) : raw.length;
  if (size > MAX_EML_BYTES) throw new EmlError(`the message is ${size} bytes; drafts are limited to ${MAX_EML_BYTES}`);
  if (!looksLikeEml(raw)) throw new EmlError('not an RFC 5322 message: it does not start with header lines (From:, Subject:, …)');
  // skipTextToHtml/skipImageLinks: we read the parts as sent and do not need derived HTML or inlined images.
  const mail = await simpleParser(raw, { skipTextToHtml: true, skipImageLinks: true });
  const from = firstAddress(mail.from);
  if (!from) throw new EmlError('the message has no From header');
  return {
    from,
    reply_to: firstAddress(mail.replyTo),
    subject: mail.subject ?? '',
    text: mail.text?.trim() ? mail.text : null,
    html: typeof mail.html === 'string' && mail.html.trim() ? mail.html : null,
  };
}
