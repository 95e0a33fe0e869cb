// The real `rebound` binary as a child process (docs/cli.md): exit codes, counts on stdout, `file:line: reason` on stderr.
import { afterAll, describe, expect, it } from 'vitest';
import { Db } from '../../server/store/db.ts';
import { countsAt, csv, fixture, goodSend, runCli, SEND_COLUMNS, tempDir, write } from './helpers.ts';

const tmp = tempDir('rebound-cli-');
afterAll(() => tmp.cleanup());

let n = 0;
const store = () => tmp.path(`cli-${++n}.duckdb`);
// Run from the temp dir, so no .env of the working tree leaks in.
const rebound = (...args: string[]) => runCli(args, { cwd: tmp.dir });

describe('rebound ingest', () => {
  it('loads events, send summaries and seed tests, prints counts per file and exits 0; twice changes nothing', async () => {
    const db = store();
    const files = [fixture('events.ndjson'), fixture('sends.csv'), fixture('seeds.csv'), fixture('events-late.ndjson')];
    const r = await rebound('ingest', ...files, '--db', db);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      `${files[0]}: read 18, stored 17, duplicate 1, rejected 0 (events, ndjson)`,
      `${files[1]}: read 4, stored 4, duplicate 0, rejected 0 (sends, csv)`,
      `${files[2]}: read 3, stored 3, duplicate 0, rejected 0 (seeds, csv)`,
      `${files[3]}: read 2, stored 2, duplicate 0, rejected 0 (events, ndjson)`,
    ]);
    expect(await countsAt(db)).toEqual({ events: 19, sends: 9, seed_tests: 3, incidents: 0 });

    const again = await rebound('ingest', ...files, '--db', db);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`${files[0]}: read 18, stored 0, duplicate 18, rejected 0`);
    expect(again.stdout).toContain(`${files[1]}: read 4, stored 0, duplicate 4, rejected 0`);
    expect(again.stdout).toContain(`${files[2]}: read 3, stored 0, duplicate 3, rejected 0`);
    expect(await countsAt(db)).toEqual({ events: 19, sends: 9, seed_tests: 3, incidents: 0 });
  });

  it('--json prints the results as JSON', async () => {
    const r = await rebound('ingest', fixture('seeds.ndjson'), '--db', store(), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject([{ source: fixture('seeds.ndjson'), kind: 'seeds', format: 'ndjson', status: 'stored', read: 2, stored: 2, duplicate: 0, rejected: 0 }]);
  });

  it('a bad file: exit 1, `file:line: reason` on stderr for every bad record, nothing stored', async () => {
    const db = store();
    await rebound('ingest', fixture('sends.csv'), '--db', db);
    const bad = write(tmp.path('bad-sends.csv'), csv(SEND_COLUMNS, [goodSend(1), goodSend(2, { injected: -1 }), goodSend(3), goodSend(4, { provider: 'hotmail' })]));
    const r = await rebound('ingest', bad, '--db', db);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      `${bad}:3: injected: must not be negative`,
      `${bad}:5: provider: must be one of gmail, yahoo, microsoft, apple, other`,
    ]);
    expect(r.stdout).toContain(`${bad}: read 4, stored 0, duplicate 0, rejected 2`);
    expect(r.stdout).toMatch(/nothing stored/);
    expect(await countsAt(db)).toEqual({ events: 0, sends: 4, seed_tests: 0, incidents: 0 });

    // --skip-bad stores the good records, still lists the bad ones, and still exits 1 (docs/data-formats.md).
    const s = await rebound('ingest', bad, '--db', db, '--skip-bad');
    expect(s.code).toBe(1);
    expect(s.stderr).toContain(`${bad}:3: injected: must not be negative`);
    expect(s.stdout).toContain(`${bad}: read 4, stored 2, duplicate 0, rejected 2`);
    expect(await countsAt(db)).toEqual({ events: 0, sends: 6, seed_tests: 0, incidents: 0 });
  });

  it('whole-file problems: exit 1 with `file: reason`; the good files of the same run are stored', async () => {
    const db = store();
    const empty = write(tmp.path('empty.csv'), '');
    const contacts = write(tmp.path('contacts.csv'), 'email,name\na@b.example,A\n');
    const r = await rebound('ingest', empty, fixture('sends.csv'), contacts, tmp.path('missing.ndjson'), '--db', db);
    expect(r.code).toBe(1);
    const err = r.stderr.trim().split('\n');
    expect(err).toHaveLength(3);
    expect(err[0]).toMatch(new RegExp(`^${empty.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*empty`));
    expect(err[1]).toMatch(/contacts\.csv: cannot tell what this holds/);
    expect(err[2]).toMatch(/missing\.ndjson: no such file/);
    expect(r.stdout).toContain(`${fixture('sends.csv')}: read 4, stored 4`);
    expect(await countsAt(db)).toEqual({ events: 0, sends: 4, seed_tests: 0, incidents: 0 });
  });

  it('--kind that contradicts the file: exit 1 naming both kinds, nothing stored', async () => {
    const db = store();
    const r = await rebound('ingest', fixture('events.ndjson'), '--kind', 'sends', '--db', db);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/events\.ndjson: this looks like events data, not sends/);
    expect(await countsAt(db)).toEqual({ events: 0, sends: 0, seed_tests: 0, incidents: 0 });
  });
});

describe('usage errors exit 2', () => {
  it('an unknown command, an unknown option, a bad --kind, a missing argument', async () => {
    const results = await Promise.all([
      rebound('frobnicate'),
      rebound('ingest', fixture('sends.csv'), '--db', store(), '--colour'),
      rebound('ingest', fixture('sends.csv'), '--db', store(), '--kind', 'cats'),
      rebound('ingest', '--db', store()),
      rebound('incident', 'create', '--db', store()),
    ]);
    for (const r of results) {
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.trim().length).toBeGreaterThan(0);
    }
    expect(results[0]?.stderr).toMatch(/frobnicate/);
  });
});

describe('rebound incident', () => {
  it('create --json FILE prints the incident as JSON with an id; list shows it; show prints it', async () => {
    const db = store();
    const c = await rebound('incident', 'create', '--json', fixture('incident.json'), '--db', db);
    expect(c.stderr).toBe('');
    expect(c.code).toBe(0);
    const inc = JSON.parse(c.stdout) as { id: string; title: string; occurred_at: string; checklist: unknown[]; baseline_days: number };
    expect(inc.id).toMatch(/\S/);
    expect(inc).toMatchObject({ title: 'Spring promo sent to the 2019 suppression list', occurred_at: '2026-03-03T09:00:00.000Z', baseline_days: 28 });
    // The six steps plus the three items a send to a suppression list adds (stop, re-apply suppression, no apology).
    expect(inc.checklist).toHaveLength(9);

    const list = await rebound('incident', 'list', '--db', db);
    expect(list.code).toBe(0);
    const row = list.stdout.split('\n').find((l) => l.startsWith(inc.id));
    expect(row).toBeDefined();
    expect(row).toMatch(/open\s+suppression_list_send\s+high\s+2026-03-03 09:00\s+promo,newsletter\s+Spring promo sent to the 2019 suppression list/);

    const json = await rebound('incident', 'list', '--json', '--db', db);
    expect((JSON.parse(json.stdout) as { id: string }[]).map((x) => x.id)).toEqual([inc.id]);
    const show = await rebound('incident', 'show', inc.id, '--db', db);
    expect(show.code).toBe(0);
    expect(JSON.parse(show.stdout)).toEqual(inc);
  });

  it('a bad incident JSON exits 1 naming the field; nothing stored', async () => {
    const db = store();
    const noTitle = write(tmp.path('no-title.json'), JSON.stringify({ kind: 'other', severity: 'low', occurred_at: '2026-03-01T00:00:00Z', streams: ['x'] }));
    const r = await rebound('incident', 'create', '--json', noTitle, '--db', db);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/title/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const badKind = write(tmp.path('bad-kind.json'), JSON.stringify({ title: 't', kind: 'oops', severity: 'low', occurred_at: '2026-03-01T00:00:00Z', streams: ['x'] }));
    const k = await rebound('incident', 'create', '--json', badKind, '--db', db);
    expect(k.code).toBe(1);
    expect(k.stderr).toMatch(/kind/);
    const notJson = write(tmp.path('not.json'), '{"title": ');
    const j = await rebound('incident', 'create', '--json', notJson, '--db', db);
    expect(j.code).toBe(1);
    expect(j.stderr).toMatch(/not valid JSON/);
    expect(await countsAt(db)).toEqual({ events: 0, sends: 0, seed_tests: 0, incidents: 0 });
    const list = await rebound('incident', 'list', '--db', db);
    expect(list.stdout).toMatch(/No incidents yet/);
  });

  it('update --json records a checklist step', async () => {
    const db = store();
    const inc = JSON.parse((await rebound('incident', 'create', '--json', fixture('incident.json'), '--db', db)).stdout) as { id: string };
    const patch = write(tmp.path('patch.json'), JSON.stringify({ checklist: [{ step: 'own_the_problem', owner: 'ana', done_at: '2026-03-03T10:00:00Z' }] }));
    const u = await rebound('incident', 'update', inc.id, '--json', patch, '--db', db);
    expect(u.code, u.stderr).toBe(0);
    const updated = JSON.parse(u.stdout) as { checklist: { step: string; owner: string | null; done_at: string | null }[] };
    expect(updated.checklist[0]).toMatchObject({ step: 'own_the_problem', owner: 'ana', done_at: '2026-03-03T10:00:00.000Z' });
    const missing = await rebound('incident', 'show', 'inc-999', '--db', db);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/inc-999/);
  });
});

describe('the store is held by one process', () => {
  it('a second process on a store that is open elsewhere gets one clear sentence, exit 1', async () => {
    const path = store();
    const db = await Db.open(path);
    try {
      const r = await rebound('incident', 'list', '--db', path);
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/held by another process|cannot open the store/);
    } finally {
      db.close();
    }
  });
});
