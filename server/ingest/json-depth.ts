// How deeply a parsed JSON value nests, measured without recursion. JSON.parse takes nesting of any depth, but
// what comes after it (JSON.stringify, schema checks, the record validators) recurses, and a value nested a few
// thousand levels deep overflowed the stack there: a 500 instead of a clear refusal. Bodies whose records are
// flat are checked with this first.

/** The path of the first value nested deeper than `limit` levels, or null when none is. */
export function tooDeep(value: unknown, limit: number, path: readonly (string | number)[] = []): (string | number)[] | null {
  const stack: { v: unknown; depth: number; path: readonly (string | number)[] }[] = [{ v: value, depth: 0, path }];
  while (stack.length > 0) {
    const top = stack.pop();
    if (!top || top.v === null || typeof top.v !== 'object') continue;
    if (top.depth >= limit) return [...top.path];
    const entries: [string | number, unknown][] = Array.isArray(top.v) ? top.v.map((x, i) => [i, x]) : Object.entries(top.v);
    for (const [k, v] of entries) stack.push({ v, depth: top.depth + 1, path: [...top.path, k] });
  }
  return null;
}
