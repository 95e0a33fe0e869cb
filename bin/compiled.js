// Whether build/cli/ holds a compiled CLI that is current: built completely (its inputs.json is written last)
// and newer than each source module it was built from. A source edited, added to the import graph or deleted
// since makes it stale. Costs one stat per module (about 150), a few milliseconds.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The file URL of the compiled entry, or null when it is missing or older than a source. */
export function compiledCli(outdir = join(ROOT, 'build', 'cli')) {
  const stamp = join(outdir, 'inputs.json');
  const entry = join(outdir, 'rebound.js');
  if (!existsSync(stamp) || !existsSync(entry)) return null;
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(stamp, 'utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(manifest.inputs)) return null;
  const built = statSync(stamp).mtimeMs;
  for (const input of manifest.inputs) {
    let st;
    try {
      st = statSync(join(ROOT, input));
    } catch {
      return null;
    }
    if (st.mtimeMs > built) return null;
  }
  return pathToFileURL(entry).href;
}
