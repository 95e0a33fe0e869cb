// The one encoding of a CSV cell, for every CSV Rebound writes (the weekly report, the affected audience): RFC 4180
// quoting, and OWASP's "CSV Injection" guard.
//
// A spreadsheet runs a cell that starts with = + - @ (or a tab or CR) as a formula; a leading single quote makes it
// text. Spreadsheets split on the separator of their locale: a comma, or a semicolon where the comma is the
// decimal mark. A cell like `eu;=1+1` is harmless to a comma reader but becomes `eu` and `=1+1` to a semicolon
// reader that ignores the quotes, so every part after either separator is guarded too, and any cell holding
// either separator is quoted. Only text cells are touched: the numbers are ours, and "-0.25" must stay a number.

type Cell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;
// A part that begins right after a comma or semicolon with a formula character.
const PART_FORMULA_START = /([,;])(?=[=+\-@\t\r])/g;
// Quoted: separators of both locales, quotes, line breaks, and tabs (a third separator some tools guess).
const NEEDS_QUOTES = /[",;\t\r\n]/;

/** Text made inert for spreadsheets: the cell, and each part of it after a , or ;, cannot start a formula. */
export function textCell(value: string): string {
  const parts = value.replace(PART_FORMULA_START, "$1'");
  return FORMULA_START.test(parts) ? `'${parts}` : parts;
}

/** One cell: empty for null, a finite number as is, text guarded and quoted where needed. */
export function csvField(value: Cell): string {
  if (value === null) return '';
  const s = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : textCell(value);
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
