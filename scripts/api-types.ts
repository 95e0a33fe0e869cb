// Generates shared/api/openapi-types.ts — the types of every API operation, which the one API client
// (shared/api/client.ts) is typed by — from the OpenAPI description the app serves at /api/openapi.json, with
// openapi-typescript. Run it after changing a route's definition (docs/architecture.md, "The API client"):
//   npm run api:types            (writes the file)
//   npm run api:types -- --check (changes nothing; exit 1 when the file differs from the description)
// test/integration/api-client.test.ts fails while the committed file differs from what a running server describes.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { createApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { OPENAPI_PATH } from '../server/routes/openapi.ts';
import { Db } from '../server/store/db.ts';

export const API_TYPES_FILE = fileURLToPath(new URL('../shared/api/openapi-types.ts', import.meta.url));

const HEADER = `// GENERATED from the app's OpenAPI description (${OPENAPI_PATH}) by \`npm run api:types\` (scripts/api-types.ts,
// openapi-typescript). Do not edit: change the route's definition in server/routes/ and run it again.
// test/integration/api-client.test.ts fails while this file differs from what the server describes.
`;

/** The description as the app serves it, from the app itself over a throwaway store (the routes never read it here). */
export async function servedDescription(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-api-types-'));
  const db = await Db.open(join(dir, 'describe.duckdb'));
  try {
    const app = createApp({ db, config: loadConfig({}), now: () => new Date(), localToken: null });
    const res = await app.request(OPENAPI_PATH, { headers: { host: 'localhost' } });
    if (!res.ok) throw new Error(`${OPENAPI_PATH} answered ${res.status}`);
    return await res.text();
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The TypeScript source of openapi-types.ts for a description (its JSON text). */
export async function apiTypesSource(description: string): Promise<string> {
  return HEADER + astToString(await openapiTS(description));
}

async function main(): Promise<number> {
  const source = await apiTypesSource(await servedDescription());
  if (process.argv.includes('--check')) {
    const same = readFileSync(API_TYPES_FILE, 'utf8') === source;
    console.error(same ? 'api-types: up to date' : 'api-types: shared/api/openapi-types.ts differs from the description; run npm run api:types');
    return same ? 0 : 1;
  }
  writeFileSync(API_TYPES_FILE, source);
  console.error('api-types: wrote shared/api/openapi-types.ts');
  return 0;
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) process.exitCode = await main();
