// What someone trying Rebound for the first time meets: `rebound serve` before the dashboard is built, and
// `rebound --version`.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { Db } from '../../server/store/db.ts';
import { runCli, tempDir } from './helpers.ts';

const tmp = tempDir('rebound-newcomer-');
afterAll(() => tmp.cleanup());

describe('serving before the dashboard is built', () => {
  it('answers the dashboard pages with how to build it, and the API as usual', async () => {
    const db = await Db.open(':memory:');
    try {
      // An empty folder stands for a fresh checkout's missing dist/.
      const app = createApp({ db, config: loadConfig({}), now: () => new Date(), localToken: null }, tmp.dir);
      for (const path of ['/', '/incidents/inc-1']) {
        const res = await app.request(path);
        expect(res.status).toBe(503);
        expect(res.headers.get('content-type')).toMatch(/^text\/html/);
        const page = await res.text();
        expect(page).toContain('npm run build');
        expect(page).toContain('npm start');
      }
      expect((await app.request('/api/health')).status).toBe(200);
      expect((await app.request('/api/no-such-route')).status).toBe(404);
    } finally {
      db.close();
    }
  });
});

describe('rebound --version', () => {
  it('prints the package version and exits 0', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const r = await runCli([flag], { cwd: tmp.dir });
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${version}\n`);
    }
  });
});
