// The fast path of an NDJSON events file. Its lines reach DuckDB as blocks of raw bytes (one appended value per
// block of about a megabyte, instead of one native call per field); a group of blocks at a time is split into
// lines, and one statement checks each line and writes its canonical row into staging. The check is conservative: it passes only a line
// whose JSON is one flat object of known fields with unescaped string values, and whose values pass what
// shared/schema/inputs.ts (zod) demands, with the same canonical row as a result; test/property/ndjson-sql.test.ts
// holds the two to that. Every other line keeps its raw text in staging, and the caller checks it with zod as
// before, so a rejection reads exactly as it always did.
import { isUtf8 } from 'node:buffer';
import type { DuckDBAppender } from '@duckdb/node-api';
import { EXACT_DOMAINS, FIRST_LABELS, PROVIDERS } from '#shared/providers.ts';
import { MAX_ID_LENGTH, MAX_RECIPIENT_LENGTH, MAX_TEXT_LENGTH, rfc3339 } from '#shared/schema/common.ts';
import { BOUNCE_CLASSES, EVENT_TYPES, eventInput } from '#shared/schema/inputs.ts';
import type { Sql } from './db.ts';
import { STAGE_TABLE } from './staging.ts';

const BLOCKS_TABLE = 'ndjson_blocks';
const LINES_TABLE = 'ndjson_lines';
const FALLBACK_TABLE = 'ndjson_fallback';

/** The string-valued fields of an event record; smtp_code is the one number. */
const TEXT_FIELDS = ['event_id', 'type', 'timestamp', 'send_id', 'stream', 'provider', 'recipient_domain', 'bounce_class',
  'diagnostic', 'message_id', 'recipient'] as const;
const NUMBER_FIELD = 'smtp_code';
// Max length of recipient_domain in eventInput (its z.string().max(255)).
const MAX_DOMAIN_LENGTH = 255;

/**
 * The fast path knows exactly the fields of eventInput; a field added to the schema later would be unknown to
 * it, so it stands aside (every line goes to zod) until taught, rather than store rows without the new field.
 */
export const FAST_PATH_FIELDS: readonly string[] = [...TEXT_FIELDS, NUMBER_FIELD];
export const fastPathCurrent = (() => {
  const keys = Object.keys(eventInput.in.shape).sort();
  return keys.join(',') === [...FAST_PATH_FIELDS].sort().join(',');
})();

// JSON whitespace within a line (a newline ends the line), and a string with nothing to unescape: no quote, no
// backslash, no control character (JSON.parse refuses those raw). A key's closing quote is followed by its
// colon directly, so the count of `":` in a line is its count of keys (no string value can hold a quote).
const WS = '[ \\t\\r]*';
const PLAIN_STRING = '"[^"\\\\\\x00-\\x1f]*"';
const PAIR = `(?:"(?:${TEXT_FIELDS.join('|')})":${WS}(?:${PLAIN_STRING}|null)|"${NUMBER_FIELD}":${WS}(?:[2-5][0-9][0-9]|null))`;
/** One flat JSON object of known fields, standard JSON (DuckDB's own reader accepts more, e.g. trailing commas). */
const FLAT_LINE = `${WS}\\{${WS}${PAIR}(?:${WS},${WS}${PAIR})*${WS}\\}${WS}`;
const STRUCT = JSON.stringify(Object.fromEntries([...TEXT_FIELDS.map((f) => [f, 'VARCHAR']), [NUMBER_FIELD, 'INTEGER']]));
// The characters String.prototype.trim removes: ECMAScript's WhiteSpace (tab, VT, FF, U+FEFF and the Zs space
// separators) and LineTerminators; U+180E too, a space separator in older Unicode versions.
const JS_BLANKS = '\\t\\n\\x{0B}\\x{0C}\\r \\x{A0}\\x{1680}\\x{180E}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}';

// Years the fast path computes itself; Date's edge cases (year 0, six-digit years after an offset) go to zod.
const MIN_YEAR = '1000';
const MAX_YEAR = '9998';

/**
 * The blocks as numbered lines, blank ones left out (they are no records; a line of other blanks, U+00A0 and the
 * like, is zod's to judge). A table of its own: the check that follows runs in parallel over its row groups, while
 * a statement reading the few hundred blocks directly would run on one thread.
 */
const SPLIT = `
  CREATE OR REPLACE TEMP TABLE ${LINES_TABLE} AS
  SELECT line, text FROM (
    SELECT first_line + unnest(range(len(parts))) AS line, unnest(parts) AS text
      FROM (SELECT first_line, string_split(coalesce(decode(bytes), text), chr(10)) AS parts FROM ${BLOCKS_TABLE}))
   WHERE NOT regexp_full_match(text, '${WS}')`;

/**
 * The length of a line that is the compact form of its parsed values: braces, and per field its quoted key, colon,
 * value and comma (the last comma's place taken by the closing brace). A line this long that parsed to these
 * values names each of them once and nothing else: a further pair (a key repeated, a null value) or blank would
 * make it longer.
 */
const COMPACT_LENGTH = `1 + ${[
  ...TEXT_FIELDS.map((f) => `CASE WHEN r.${f} IS NULL THEN 0 ELSE ${f.length + 6} + strlen(r.${f}) END`),
  `CASE WHEN r.${NUMBER_FIELD} IS NULL THEN 0 ELSE ${NUMBER_FIELD.length + 7} END`,
].join(' + ')}`;
const PRESENT = FAST_PATH_FIELDS.map((f) => `(r.${f} IS NOT NULL)::INT`).join(' + ');

/** Per-line checks and canonical values; `ok` is true only where every check of eventInput is certain to pass. */
const CHECKED = `
  WITH parsed AS (
    SELECT line, text, CASE WHEN regexp_full_match(text, '${FLAT_LINE}') THEN from_json(text, '${STRUCT}') END AS r
      FROM ${LINES_TABLE}),
  fields AS (
    SELECT line, text, r.*,
           -- JSON.parse keeps the last of a repeated key, DuckDB the first: a line must name each key once. A compact
           -- line shows it by its length; one with blanks, by its count of keys (a key's quote is followed by its
           -- colon, and no string value holds a quote); one with null values, by its list of keys.
           CASE WHEN strlen(text) - ends_with(text, chr(13))::INT = ${COMPACT_LENGTH} THEN true
                WHEN (strlen(text) - strlen(replace(text, '":', ''))) // 2 = ${PRESENT} THEN true
                ELSE len(list_distinct(regexp_extract_all(text, '"([a-z_]+)":', 1))) = len(regexp_extract_all(text, '"([a-z_]+)":', 1))
           END AS distinct_keys
      FROM parsed),
  located AS (
    SELECT *,
           -- The 1-based position of a recipient's last "@" (past its end when it has none).
           strlen(recipient) - instr(reverse(recipient), '@') + 1 AS at_pos
      FROM fields),
  resolved AS (
    SELECT *,
           -- A named provider wins; else the recipient domain, else the domain of a recipient address.
           -- (trim() here drops spaces, which are all that String.trim drops from printable ASCII.)
           lower(trim(CASE WHEN recipient_domain IS NOT NULL THEN recipient_domain ELSE recipient[at_pos + 1:] END)) AS lower_domain,
           regexp_full_match("timestamp", '${rfc3339Source()}') AND "timestamp"[1:4] BETWEEN '${MIN_YEAR}' AND '${MAX_YEAR}' AS ts_ok
      FROM located),
  domained AS (
    -- One trailing dot dropped, as providerForDomain does.
    SELECT *, CASE WHEN ends_with(lower_domain, '.') THEN lower_domain[:-2] ELSE lower_domain END AS dom
      FROM resolved)
  SELECT line, text,
         event_id, type, send_id, stream, bounce_class, smtp_code, diagnostic, message_id, CASE WHEN contains(recipient, '@') THEN lower(recipient) ELSE recipient END AS recipient,
         CASE WHEN ts_ok THEN make_timestamp(
             epoch_us(CAST("timestamp"[1:19] AS TIMESTAMP))
             -- Milliseconds, finer digits dropped (as Date.parse does), then the offset taken off.
             + CASE WHEN "timestamp"[20] = '.' THEN 1000 * CAST(rpad(left(
                 "timestamp"[21:strlen("timestamp") - CASE WHEN ends_with("timestamp", 'Z') THEN 1 ELSE 6 END], 3), 3, '0') AS BIGINT)
               ELSE 0 END
             - CASE WHEN ends_with("timestamp", 'Z') THEN 0
                    ELSE (CASE WHEN "timestamp"[-6] = '-' THEN -1 ELSE 1 END)
                         * 60000000 * (60 * CAST("timestamp"[-5:-4] AS BIGINT) + CAST("timestamp"[-2:] AS BIGINT)) END)
         END AS ts,
         coalesce(provider, ${caseOf('dom', EXACT_DOMAINS)},
                  CASE WHEN contains(dom, '.') THEN ${caseOf("split_part(dom, '.', 1)", FIRST_LABELS)} END,
                  'other') AS provider,
         distinct_keys
         AND type IN (${inList(EVENT_TYPES)})
         AND ts_ok
         AND ${idOk('send_id')} AND ${idOk('stream')}
         AND (event_id IS NULL OR ${idOk('event_id')})
         AND (message_id IS NULL OR ${idOk('message_id')})
         AND (CASE WHEN type = 'bounce' THEN coalesce(bounce_class IN (${inList(BOUNCE_CLASSES)}), false) ELSE bounce_class IS NULL END)
         AND (diagnostic IS NULL OR (strlen(diagnostic) <= ${MAX_TEXT_LENGTH} AND NOT starts_with(diagnostic, chr(65279))))
         -- A recipient of visible ASCII only: zod's trim changes nothing, and lower() is toLowerCase().
         AND (recipient IS NULL OR regexp_full_match(recipient, '[!-~]{1,${MAX_RECIPIENT_LENGTH}}'))
         AND (recipient_domain IS NULL OR strlen(recipient_domain) <= ${MAX_DOMAIN_LENGTH})
         AND (CASE WHEN provider IS NOT NULL THEN provider IN (${inList(PROVIDERS)})
                   WHEN recipient_domain IS NOT NULL THEN regexp_full_match(recipient_domain, '[ -~]*')
                   ELSE recipient IS NOT NULL AND at_pos > 1 AND at_pos < strlen(recipient) END) AS ok
    FROM domained`;

/**
 * An id that zod's `id` certainly accepts: 1–512 bytes (so at most 512 UTF-16 units), a character that trim keeps
 * (so not blank), no byte-order mark first. NUL and unpaired surrogates cannot reach here: the line has no escapes,
 * JSON forbids raw control characters, and decoded UTF-8 has no surrogates.
 */
function idOk(field: string): string {
  // Most ids open with a visible ASCII character, which settles both; others take the character class.
  return `(strlen(${field}) BETWEEN 1 AND ${MAX_ID_LENGTH} AND (ascii(${field}) BETWEEN 33 AND 126
           OR (ascii(${field}) <> 65279 AND regexp_matches(${field}, '[^${JS_BLANKS}]'))))`;
}

// Constants of the schema and of shared/providers.ts written into the SQL as literals, where DuckDB compares
// against them fastest; they are checked to be plain words first, so nothing can need quoting.
function literal(word: string): string {
  if (!/^[a-z0-9_.]+$/.test(word)) throw new Error(`not a plain word: ${word}`);
  return `'${word}'`;
}
function inList(words: readonly string[]): string {
  return words.map(literal).join(', ');
}
function caseOf(expr: string, map: Readonly<Record<string, string>>): string {
  return `CASE ${expr} ${Object.entries(map).map(([k, v]) => `WHEN ${literal(k)} THEN ${literal(v)}`).join(' ')} END`;
}

/** zod's own RFC 3339 pattern (JavaScript syntax that RE2 reads the same: \d, classes, groups, anchors). */
function rfc3339Source(): string {
  const pattern = rfc3339.def.pattern;
  if (!pattern) throw new Error('zod no longer exposes its datetime pattern');
  return pattern.source;
}


const CREATE_BLOCKS = `CREATE OR REPLACE TEMP TABLE ${BLOCKS_TABLE} (first_line BIGINT NOT NULL, bytes BLOB, text VARCHAR)`;

export interface CheckedCounts { fast: number; fallback: number }

/**
 * Lines of one input handed to SQL in blocks of whole lines (each with the number of its first line), and checked
 * a group of blocks at a time, so that neither the blocks nor their lines are ever held whole. Lines that pass
 * become rows of the staging table; the others keep their raw text there until `finish` sets them aside for zod.
 * (Reading the next group while DuckDB checks one was tried: no faster on two cores, and more memory.)
 */
export class SqlLineCheck {
  private appender: DuckDBAppender | null = null;
  private pendingBytes = 0;
  private inserted = 0;

  private constructor(
    private readonly sql: Sql,
    private readonly groupBytes: number,
  ) {}

  static async start(sql: Sql, groupBytes: number): Promise<SqlLineCheck> {
    if (!fastPathCurrent) throw new Error('the NDJSON fast path does not know every field of eventInput');
    await sql.run(CREATE_BLOCKS);
    return new SqlLineCheck(sql, groupBytes);
  }

  /** `block`: whole lines joined by newlines (no newline after the last). */
  async add(firstLine: number, block: Buffer): Promise<void> {
    const a = (this.appender ??= await this.sql.conn.createAppender(BLOCKS_TABLE, 'main', 'temp'));
    a.appendBigInt(BigInt(firstLine));
    // Valid UTF-8 goes as bytes (no decoding here, and DuckDB's decode() cannot fail on it); anything else is
    // decoded as JavaScript decodes it (U+FFFD for each bad sequence), so both paths see the same text.
    if (isUtf8(block)) {
      a.appendBlob(block);
      a.appendNull();
    } else {
      a.appendNull();
      a.appendVarchar(block.toString('utf8'));
    }
    a.endRow();
    this.pendingBytes += block.length;
    if (this.pendingBytes >= this.groupBytes) await this.check();
  }

  /** Checks the last blocks and sets aside the lines left to zod (see `fallbackLines`). */
  async finish(): Promise<CheckedCounts> {
    await this.check();
    await this.sql.run(`DROP TABLE ${BLOCKS_TABLE}`);
    await this.sql.run(`CREATE OR REPLACE TEMP TABLE ${FALLBACK_TABLE} AS SELECT line, raw AS text FROM ${STAGE_TABLE} WHERE raw IS NOT NULL`);
    const fallback = await this.sql.run(`DELETE FROM ${STAGE_TABLE} WHERE raw IS NOT NULL`);
    return { fast: this.inserted - fallback, fallback };
  }

  /** Closes the appender after a failure elsewhere (the session's end drops the tables). */
  abort(): void {
    const a = this.appender;
    this.appender = null;
    a?.closeSync();
  }

  /** Checks the blocks appended so far into staging, and empties the blocks table. */
  private async check(): Promise<void> {
    const a = this.appender;
    this.appender = null;
    if (a) {
      a.flushSync();
      a.closeSync();
    }
    if (this.pendingBytes === 0) return;
    this.pendingBytes = 0;
    await this.sql.run(SPLIT);
    await this.sql.run(CREATE_BLOCKS);
    this.inserted += await this.sql.run(
      `INSERT INTO ${STAGE_TABLE} (event_id, type, ts, send_id, stream, provider, bounce_class, smtp_code, diagnostic,
                                   message_id, recipient, line, raw)
       SELECT event_id, type, ts, send_id, stream, provider, bounce_class, smtp_code, diagnostic, message_id, recipient,
              line, CASE WHEN ok THEN NULL ELSE text END
         FROM (${CHECKED})`,
    );
    await this.sql.run(`DROP TABLE ${LINES_TABLE}`);
  }
}

/** The next lines (after `afterLine`, in order) that the SQL check left to zod. */
export function fallbackLines(sql: Sql, afterLine: number, limit: number): Promise<{ line: number; text: string }[]> {
  return sql.all(`SELECT line, text FROM ${FALLBACK_TABLE} WHERE line > $1 ORDER BY line LIMIT $2`, [afterLine, limit]);
}

export async function dropFallback(sql: Sql): Promise<void> {
  await sql.run(`DROP TABLE IF EXISTS ${FALLBACK_TABLE}`);
}
