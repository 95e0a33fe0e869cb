// Text helpers of the apology check: HTML to text, a matching form that ignores case, accents and curly quotes
// (so "contrasena" finds "contraseña") while remembering where each character came from, and quoting.
// Isomorphic: no DOM parser, no dependency — drafts are our users' own emails, not hostile markup to sanitise.

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', shy: '',
  // Spanish letters and punctuation, which HTML editors often write as entities.
  aacute: 'á', eacute: 'é', iacute: 'í', oacute: 'ó', uacute: 'ú', Aacute: 'Á', Eacute: 'É', Iacute: 'Í', Oacute: 'Ó',
  Uacute: 'Ú', ntilde: 'ñ', Ntilde: 'Ñ', uuml: 'ü', Uuml: 'Ü', iexcl: '¡', iquest: '¿', laquo: '«', raquo: '»', ordf: 'ª', ordm: 'º',
  agrave: 'à', egrave: 'è', ccedil: 'ç', ouml: 'ö', auml: 'ä',
  rsquo: '’', lsquo: '‘', ldquo: '“', rdquo: '”', mdash: '—', ndash: '–', hellip: '…', bull: '•', middot: '·',
  copy: '©', reg: '®', trade: '™', euro: '€', zwj: '\u200d', zwnj: '\u200c',
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name] ?? whole;
  });
}

// Tags after which a reader sees a line break, so sentences do not run together when the tags go.
// Every pattern here stops at the next "<" (or the next opener of its element): a draft of 150 KB of unclosed
// "<a " took 3 s with `[^>]*` and grew quadratically to minutes at the 1 MB limit (the property tests, docs/security.md).
const BLOCK_TAGS = /<\/?(p|div|br|li|ul|ol|tr|table|h[1-6]|blockquote|section|article|header|footer|hr)\b[^<>]*>/gi;
const COMMENTS = /<!--(?:(?!<!--)[\s\S])*?-->/g;
const HIDDEN_ELEMENTS = /<(head|script|style|title)\b(?:(?!<\1\b)[\s\S])*?<\/\1\s*>/gi;

/** The text a reader of the HTML sees, roughly: no head, scripts, styles or comments; blocks become lines. */
export function htmlToText(html: string): string {
  const text = html
    .replace(COMMENTS, ' ')
    .replace(HIDDEN_ELEMENTS, ' ')
    .replace(BLOCK_TAGS, '\n')
    .replace(/<[^<>]*>/g, ' ');
  return decodeEntities(text)
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n[\s]*/g, '\n')
    .trim();
}

const QUOTE_LIKE: Record<string, string> = { '’': "'", '‘': "'", 'ʼ': "'", '´': "'", '`': "'", '“': '"', '”': '"', '\u00a0': ' ' };

/** Lower case, no accents, straight quotes: the form both word lists and drafts are compared in. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[’‘ʼ´`“”\u00a0]/g, (c) => QUOTE_LIKE[c] ?? c);
}

/** A folded text with, for each of its UTF-16 units, the index of the original character it came from. */
export interface Folded { text: string; origin: number[]; source: string }

export function foldWithOrigin(source: string): Folded {
  let text = '';
  const origin: number[] = [];
  let at = 0;
  for (const ch of source) {
    const f = fold(ch);
    text += f;
    for (let k = 0; k < f.length; k++) origin.push(at);
    at += ch.length;
  }
  return { text, origin, source };
}

// A quoted sentence longer than this is cut around the offending words; a finding should be readable at a glance.
const MAX_QUOTE_CHARS = 160;
const SENTENCE_END = /[.!?\n]/;
// How far either way a sentence is looked for. Every hit is quoted, so an unbounded scan made a draft of one long
// "sentence" with many hits quadratic: 180 KB of "may have " took 108 s and 3.6 GB (the property tests, docs/security.md).
// A longer sentence is cut to MAX_QUOTE_CHARS around the words anyway.
const MAX_SENTENCE_SCAN = 1000;

/** The sentence of `source` around [start, end), trimmed and cut to a readable length. */
export function sentenceAround(source: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && from > start - MAX_SENTENCE_SCAN && !SENTENCE_END.test(source[from - 1] ?? '')) from--;
  let to = end;
  while (to < source.length && to < end + MAX_SENTENCE_SCAN && !SENTENCE_END.test(source[to] ?? '')) to++;
  if (to < source.length && source[to] !== '\n') to++;
  let quote = source.slice(from, to).replace(/\s+/g, ' ').trim();
  if (quote.length > MAX_QUOTE_CHARS) {
    const offset = Math.max(0, start - from - MAX_QUOTE_CHARS / 2);
    quote = `${offset > 0 ? '…' : ''}${quote.slice(offset, offset + MAX_QUOTE_CHARS).trim()}…`;
  }
  return quote;
}

/** `Name <addr@host>` or a bare address → its parts; the local part is what "no-reply" lives in. */
export function parseAddress(value: string): { name: string; address: string; local: string } {
  const angle = /^(.*?)<([^>]*)>\s*$/.exec(value.trim());
  const name = (angle ? angle[1] ?? '' : '').trim().replace(/^"|"$/g, '').trim();
  const address = (angle ? angle[2] ?? '' : value).trim();
  const at = address.lastIndexOf('@');
  return { name, address, local: at >= 0 ? address.slice(0, at) : address };
}

/** Words of a text in folded form, for language detection. */
export function words(s: string): string[] {
  return fold(s).match(/[\p{L}']+/gu) ?? [];
}
