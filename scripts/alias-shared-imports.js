#!/usr/bin/env node
// Rewrites every relative import of shared/ ("../../../../shared/metrics.ts") outside shared/ to the package's
// path alias ("#shared/metrics.ts", the "imports" field of package.json, which Node, tsx, esbuild, Vite, vitest and
// tsc all resolve without extra tooling). Files inside shared/ keep their short relative imports.
// Idempotent: run it again after merging branches that added relative imports of shared/.
//   node scripts/alias-shared-imports.js [--check]   (--check: change nothing, list what would change, exit 1 if any)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = join(ROOT, 'shared');
const ALIAS = '#shared/';
const check = process.argv.includes('--check');

// `from '…'`, `import '…'` and `import('…')`, with either quote.
const SPECIFIER = /(\bfrom\s+|\bimport\s+|\bimport\(\s*)(['"])(\.{1,2}\/[^'"]+)\2/g;

function ensurePackageImports() {
  const path = join(ROOT, 'package.json');
  const text = readFileSync(path, 'utf8');
  const pkg = JSON.parse(text);
  if (pkg.imports?.['#shared/*'] === './shared/*') return false;
  if (check) return true;
  pkg.imports = { ...pkg.imports, '#shared/*': './shared/*' };
  writeFileSync(path, `${JSON.stringify(pkg, null, 2)}\n`);
  return true;
}

const files = execFileSync('git', ['ls-files', '-z', '--', '*.ts', '*.tsx', '*.mts', '*.js', '*.mjs'], { cwd: ROOT, encoding: 'utf8' })
  .split('\0').filter((f) => f && !f.startsWith(`shared${sep}`) && !f.startsWith('shared/') && !f.startsWith('node_modules/'));

let changedFiles = 0;
let changedImports = 0;
for (const file of files) {
  const abs = join(ROOT, file);
  const text = readFileSync(abs, 'utf8');
  let n = 0;
  const next = text.replace(SPECIFIER, (whole, lead, quote, spec) => {
    const target = normalize(resolve(dirname(abs), spec));
    if (target !== SHARED && !target.startsWith(SHARED + sep)) return whole;
    n++;
    return `${lead}${quote}${ALIAS}${relative(SHARED, target).split(sep).join('/')}${quote}`;
  });
  if (n === 0) continue;
  changedFiles++;
  changedImports += n;
  if (check) console.log(`${file}: ${n} import(s) of shared/ by a relative path`);
  else writeFileSync(abs, next);
}
const pkgChanged = ensurePackageImports();
console.error(`alias-shared-imports: ${changedImports} import(s) in ${changedFiles} file(s)${check ? ' to rewrite' : ' rewritten'}${pkgChanged ? '; package.json "imports" ' + (check ? 'missing' : 'added') : ''}`);
if (check && (changedFiles > 0 || pkgChanged)) process.exit(1);
