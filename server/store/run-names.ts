// How a run's source and error read outside the server: the file's base name, not the directory it was loaded
// from (a server path says who runs it where: home directories, mount points, user names). The full path stays in
// the store for the operator, who can read the store itself.

// "demo:", "files:", "C:": a scheme or drive before the path is kept.
const PREFIXED = /^([A-Za-z][A-Za-z0-9+.-]*:)?(.*)$/s;
// A path on the server: absolute (/srv/…, ~/…, C:\…, \\host\…) or explicitly relative (./…, ../…). Anything else is
// a label the caller chose (an upload's `name`, "api:events") and is shown exactly as given.
const SERVER_PATH = /^(?:[A-Za-z][A-Za-z0-9+.-]*:)?(?:[/~]|\\|[A-Za-z]:[\\/]|\.\.?[\\/])/;
// An absolute path inside a message (DuckDB: Could not write file "/srv/data/x.duckdb.wal": …), starting after a
// space, quote or parenthesis, so the path of a URL (https://host/a/b) is left alone.
const PATH_IN_TEXT = /(^|[\s"'(])((?:[A-Za-z]:)?[\\/](?:[^\s"'\\/]*[\\/])+)([^\s"'\\/]*)/g;

/** `/home/ana/exports/sends.csv` → `sends.csv`; `files:/srv/in/a.ndjson` → `files:a.ndjson`; `api:events` as is. */
export function sourceName(source: string): string {
  if (!SERVER_PATH.test(source)) return source;
  const m = PREFIXED.exec(source);
  const prefix = m?.[1] ?? '';
  const rest = m?.[2] ?? source;
  const base = rest.split(/[\\/]/).filter((p) => p !== '').at(-1);
  return base === undefined ? source : `${prefix}${base}`;
}

/** Every absolute path in a message reduced to its base name. */
export function withoutPaths(text: string): string {
  return text.replace(PATH_IN_TEXT, (_all, lead: string, _dir: string, base: string) => `${lead}${base}`);
}
