#!/usr/bin/env node
// Lists the folders that import each other (docs/architecture.md, "House rules"). For every import a → b, at the
// deepest folder holding both files, a and b each stand in one entry of that folder (a sub-folder, or a file of its
// own); an import between two entries is an arrow between them. Two entries with arrows both ways are a pair: two
// folders, or a file and a folder beside it; with --files, two files of one folder too.
//   node scripts/folder-cycles.js [--files] [ROOT_FOLDER…]   (default: every source folder; exit 1 on a pair)
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_FOLDERS = ['server', 'jobs', 'shared', 'dashboard/src', 'bin', 'bench', 'harness', 'scripts'];
const SOURCE_FILE = /\.(ts|tsx|js|mjs)$/;
// `from '…'` (import and export), `import '…'` and `import('…')`, with either quote.
const SPECIFIER = /(?:\bfrom\s+|\bimport\s+|\bimport\(\s*)(['"])([^'"]+)\1/g;

function filesUnder(folder) {
  const out = [];
  for (const e of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules') out.push(...filesUnder(path));
    } else if (SOURCE_FILE.test(e.name)) out.push(path);
  }
  return out;
}

const repoPath = (p) => relative(ROOT, p).split(sep).join('/');

/** The two entries an import a → b joins (a folder ends in "/"), or null inside one entry. */
function entries(from, to) {
  const a = from.split('/');
  const b = to.split('/');
  let i = 0;
  while (i < a.length - 1 && i < b.length - 1 && a[i] === b[i]) i++;
  const entry = (parts) => parts.slice(0, i + 1).join('/') + (i + 1 < parts.length ? '/' : '');
  const [ea, eb] = [entry(a), entry(b)];
  return ea === eb ? null : [ea, eb];
}

/** Every pair of entries with imports both ways, each with the imports that make it. */
export function folderPairs(folders = DEFAULT_FOLDERS, { files = false } = {}) {
  const arrows = new Map();
  for (const folder of folders) {
    if (!existsSync(join(ROOT, folder))) continue;
    for (const file of filesUnder(join(ROOT, folder))) {
      for (const m of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
        const spec = m[2];
        let target;
        if (spec.startsWith('#shared/')) target = join(ROOT, 'shared', spec.slice('#shared/'.length));
        else if (spec.startsWith('.')) target = resolve(dirname(file), spec);
        else continue;
        const pair = entries(repoPath(file), repoPath(target));
        if (!pair) continue;
        const key = pair.join(' -> ');
        arrows.set(key, [...(arrows.get(key) ?? []), `${repoPath(file)} -> ${repoPath(target)}`]);
      }
    }
  }
  const pairs = [];
  for (const [key, imports] of arrows) {
    const [a, b] = key.split(' -> ');
    const back = arrows.get(`${b} -> ${a}`);
    const bothFiles = !a.endsWith('/') && !b.endsWith('/');
    if (back && a < b && (files || !bothFiles)) pairs.push({ pair: `${a} <-> ${b}`, imports: [...imports, ...back] });
  }
  return pairs.sort((x, y) => x.pair.localeCompare(y.pair));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2).filter((a) => a !== '--files');
  const pairs = folderPairs(args.length > 0 ? args : DEFAULT_FOLDERS, { files: process.argv.includes('--files') });
  for (const p of pairs) {
    console.log(p.pair);
    for (const i of p.imports) console.log(`    ${i}`);
  }
  console.log(pairs.length === 0 ? 'no folder pair imports each other' : `${pairs.length} pair(s) import each other`);
  process.exitCode = pairs.length === 0 ? 0 : 1;
}
