// The audience guard (docs/incidents.md) through the HTTP API (in process, real DuckDB) and the CLI binary: the affected
// audience of an incident's sends (recipients − bounced − suppressed), its CSV export, uploaded lists with bad
// lines, the apology check's `audience` rule, and the apology send against the audience.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { ingestFile } from '../../server/ingest/ingest.ts';
import { start } from '../../server/main.ts';
import { appOver, perTestStore, type ErrorBody } from './api-support.ts';
import { counts, runCli, tempDir, write, type Rec } from './helpers.ts';

const store = perTestStore('audience');
const tmp = tempDir('rebound-audience-');

const ev = (send_id: string, stream: string, type: string, at: string, recipient?: string, over: Rec = {}): Rec => ({
  type, timestamp: at, send_id, stream, ...(recipient ? { recipient } : { provider: 'gmail' }), ...over,
});
// The incident occurs 2026-03-02T08:00Z on stream promo; its bad send goes out at 09:00.
const BAD = '2026-03-02T09:00:00Z';
const EVENTS: Rec[] = [
  ev('before', 'promo', 'delivery', '2026-03-01T09:00:00Z', 'old@gmail.com'), // before the incident: not its send
  ev('bad-1', 'promo', 'injection', BAD, 'a@gmail.com'), ev('bad-1', 'promo', 'delivery', BAD, 'a@gmail.com'),
  ev('bad-1', 'promo', 'injection', BAD, 'b@yahoo.com'), ev('bad-1', 'promo', 'bounce', BAD, 'b@yahoo.com', { bounce_class: 'hard' }),
  // A soft bounce retried into a delivery still reached the inbox.
  ev('bad-1', 'promo', 'injection', BAD, 'c@outlook.com'), ev('bad-1', 'promo', 'bounce', BAD, 'c@outlook.com', { bounce_class: 'soft' }),
  ev('bad-1', 'promo', 'delivery', '2026-03-02T10:00:00Z', 'c@outlook.com'),
  ev('bad-1', 'promo', 'injection', BAD, 'd@gmail.com'), ev('bad-1', 'promo', 'delivery', BAD, 'd@gmail.com'),
  // Addresses compare case-insensitively.
  ev('bad-1', 'promo', 'injection', BAD, ' E@GMail.com'), ev('bad-1', 'promo', 'complaint', '2026-03-03T09:00:00Z', 'e@gmail.com'),
  ev('bad-1', 'promo', 'delivery', BAD, 'e@gmail.com'),
  ev('bad-1', 'promo', 'delivery', BAD), // no recipient: the audience is incomplete by one event
  ev('other', 'news', 'delivery', '2026-03-02T09:30:00Z', 'x@gmail.com'), // another stream
  ev('later', 'promo', 'delivery', '2026-03-04T09:00:00Z', 'z@gmail.com'), // after the first day
  // The apology, the next day: a, c, e — and z, whom the mistake never reached.
  ...['a@gmail.com', 'c@outlook.com', 'e@gmail.com', 'z@gmail.com'].map((r) => ev('apology-1', 'promo', 'delivery', '2026-03-03T10:00:00Z', r)),
];
const ndjson = (rs: Rec[]) => rs.map((r) => JSON.stringify(r)).join('\n') + '\n';

interface Summary {
  incident: string; sends_from: string; sends: { send_id: string; stream: string | null; injected: number }[];
  recipients: number; bounced: number; suppressed: number; affected: number; events_without_recipient: number;
  lists: { suppression: { recipients: number } | null; apology: { recipients: number } | null };
  apology_list: { recipients: number; outside: number; examples: string[] } | null;
  apology_send: { send_id: string; recipients: number; outside: number; examples: string[] } | null;
}
interface Result { verdict: string; findings: { rule: string; severity: string; evidence: string; fix: string }[] }

const body = (method: string, text: string, type = 'text/csv') => ({ method, body: text, headers: { 'content-type': type } });
const GOOD_DRAFT = {
  from: 'Acme <news@acme.example>', subject: 'We made a mistake.',
  text: "We're sorry: yesterday we sent you an email with the wrong offer. The correct one is below.",
};

async function setUp(env: Record<string, string> = {}, token?: string) {
  const db = store.current();
  const file = write(tmp.path(`events-${Math.random()}.ndjson`), ndjson(EVENTS));
  const r = await ingestFile(db, file);
  expect(r.rejected).toBe(0);
  const app = appOver(db, env);
  const created = await app.request('/api/incidents', {
    method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ title: 'Spring promo to the wrong segment', kind: 'wrong_segment', severity: 'high', occurred_at: '2026-03-02T08:00:00Z', streams: ['promo'] }),
  });
  expect(created.status).toBe(201);
  const id = ((await created.json()) as { id: string }).id;
  const summary = async () => {
    const res = await app.request(`/api/incidents/${id}/audience`);
    expect(res.status).toBe(200);
    return (await res.json()) as Summary;
  };
  return { db, app, id, file, summary };
}

// The audience rule's findings only: without brand markers configured, the template rule adds an info of its own.
function audienceFindings(r: Result) {
  return r.findings.filter((f) => f.rule === 'audience');
}

describe('the affected audience', () => {
  it('is the recipients of the incident\'s first-day sends, minus those whose every message bounced', async () => {
    const { summary } = await setUp();
    const a = await summary();
    expect(a.sends_from).toBe('window');
    expect(a.sends.map((s) => s.send_id)).toEqual(['bad-1']);
    // The roll-up's rule (server/store/ingest-merge.ts): at least one injection per outcome, so 5 injections but
    // 7 outcomes (c's bounce and its retried delivery, and a delivery without its injection event) make 7.
    expect(a.sends[0]?.injected).toBe(7);
    expect(a).toMatchObject({ recipients: 5, bounced: 1, suppressed: 0, affected: 4, events_without_recipient: 1, apology_list: null, apology_send: null });
  });

  it('stores recipients with the events: loading the file twice changes no count', async () => {
    const { db, file, summary } = await setUp();
    const before = await counts(db);
    const again = await ingestFile(db, file);
    expect(again).toMatchObject({ stored: 0, duplicate: EVENTS.length });
    expect(await counts(db)).toEqual(before);
    expect((await summary()).recipients).toBe(5);
  });

  it('subtracts an uploaded suppression list, and exports the rest as CSV', async () => {
    const { app, id, summary } = await setUp();
    // An ESP export: a header naming the column, quoted names with commas, a repeated line, a blank line.
    const up = await app.request(`/api/incidents/${id}/lists/suppression`, body('PUT', 'Name,Email\n"Doe, Dee",D@gmail.com\n\n"Q",q@example.com\n"Doe, Dee",d@gmail.com\n'));
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ list: 'suppression', recipients: 2, duplicates: 1 });
    expect(await summary()).toMatchObject({ recipients: 5, bounced: 1, suppressed: 1, affected: 3, lists: { suppression: { recipients: 2 } } });
    const csv = await app.request(`/api/incidents/${id}/audience.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename=".*affected-audience\.csv"/);
    expect(await csv.text()).toBe('recipient\na@gmail.com\nc@outlook.com\ne@gmail.com\n');
  });

  it('follows the sends the incident names instead of the first-day window', async () => {
    const { app, id, summary } = await setUp();
    const res = await app.request(`/api/incidents/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ send_ids: ['bad-1', 'later', 'never-loaded'] }) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { send_ids: string[] }).send_ids).toEqual(['bad-1', 'later', 'never-loaded']);
    const a = await summary();
    expect(a.sends_from).toBe('named');
    expect(a.sends.map((s) => [s.send_id, s.stream])).toEqual([['bad-1', 'promo'], ['later', 'promo'], ['never-loaded', null]]);
    expect(a).toMatchObject({ recipients: 6, affected: 5 });
  });

  it('rejects a list with bad lines, naming each line, and keeps the list it had', async () => {
    const { app, id, summary } = await setUp();
    expect((await app.request(`/api/incidents/${id}/lists/suppression`, body('PUT', 'd@gmail.com\n'))).status).toBe(200);
    const bad = await app.request(`/api/incidents/${id}/lists/suppression`, body('PUT', 'a@gmail.com\n\nnot an address\nok@x.com\n\u0001bad@x.com\n', 'text/plain'));
    expect(bad.status).toBe(422);
    const err = (await bad.json()) as ErrorBody;
    expect(err.error.code).toBe('rejected');
    expect(err.error.message).toMatch(/2 line\(s\) rejected; the suppression list is unchanged \(first: line 3: recipient: must be one address or subscriber id/);
    expect((err.error.details as { rejections: { line: number }[] }).rejections.map((r) => r.line)).toEqual([3, 5]);
    expect(await summary()).toMatchObject({ suppressed: 1, lists: { suppression: { recipients: 1 } } });
    // Several columns, none of them a recipient: the header is the problem.
    const noColumn = await app.request(`/api/incidents/${id}/lists/suppression`, body('PUT', 'name,city\nAna,Lima\n'));
    expect(noColumn.status).toBe(422);
    expect(((await noColumn.json()) as ErrorBody).error.message).toMatch(/line 1: no recipient column/);
    const unknownList = await app.request(`/api/incidents/${id}/lists/vip`, body('PUT', 'a@gmail.com\n'));
    expect(unknownList.status).toBe(400);
    expect((await app.request(`/api/incidents/${id}/lists/suppression`, { method: 'DELETE' })).status).toBe(204);
    expect(await summary()).toMatchObject({ suppressed: 0, lists: { suppression: null } });
  });

  it('never counts the apology send among the first-day sends, and refuses it among the named ones', async () => {
    const { db, app, id, summary } = await setUp();
    // An apology on the same stream the same day: a, and z whom the mistake never reached.
    const same = write(tmp.path(`same-day-${Math.random()}.ndjson`), ndjson(['a@gmail.com', 'z@gmail.com'].map((r) => ev('apology-0', 'promo', 'delivery', '2026-03-02T20:00:00Z', r))));
    expect((await ingestFile(db, same)).rejected).toBe(0);
    const patch = (body: unknown) => app.request(`/api/incidents/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await patch({ apology_send_id: 'apology-0' })).status).toBe(200);
    const a = await summary();
    expect(a.sends.map((x) => x.send_id)).toEqual(['bad-1']);
    expect(a.apology_send).toEqual({ send_id: 'apology-0', recipients: 2, outside: 1, examples: ['z@gmail.com'] });
    const refused = await patch({ send_ids: ['bad-1', 'apology-0'] });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as ErrorBody).error.message).toMatch(/^send_ids: the apology send cannot also be one of the incident's sends/);
  });

  it('adds recipients to stored events loaded again with them (by event_id), counting nothing twice', async () => {
    const { db, app, summary } = await setUp();
    const bare = [0, 1, 2].map((i) => ev('ids-1', 'promo', 'delivery', '2026-03-02T09:00:00Z', undefined, { event_id: `id-${i}`, provider: 'gmail' }));
    expect((await ingestFile(db, write(tmp.path(`bare-${Math.random()}.ndjson`), ndjson(bare)))).stored).toBe(3);
    const before = await counts(db);
    const named = bare.map((e, i) => ({ ...e, recipient: `r${i}@gmail.com` }));
    expect(await ingestFile(db, write(tmp.path(`named-${Math.random()}.ndjson`), ndjson(named)))).toMatchObject({ stored: 0, duplicate: 3 });
    expect(await counts(db)).toEqual(before);
    const patch = await app.request(`/api/incidents/${(await summary()).incident}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ send_ids: ['ids-1'] }) });
    expect(patch.status).toBe(200);
    expect(await summary()).toMatchObject({ recipients: 3, affected: 3, events_without_recipient: 0 });
  });

  it('reads ESP export headers, keeps the case of subscriber ids, counts an opened message as reached, and refuses an empty list', async () => {
    const { db, app, id, summary } = await setUp();
    // An ESP without delivery events: a soft bounce, then an open — the message arrived.
    const opened = [ev('bad-1', 'promo', 'bounce', BAD, 'o@gmail.com', { bounce_class: 'soft' }), ev('bad-1', 'promo', 'open', '2026-03-02T12:00:00Z', 'o@gmail.com')];
    await ingestFile(db, write(tmp.path(`opened-${Math.random()}.ndjson`), ndjson(opened)));
    expect(await summary()).toMatchObject({ recipients: 6, bounced: 1, affected: 5 });
    const mailchimp = await app.request(`/api/incidents/${id}/lists/suppression`, body('PUT', 'Email Address,First Name\nD@gmail.com,Dee\n'));
    expect(await mailchimp.json()).toEqual({ list: 'suppression', recipients: 1, duplicates: 0 });
    const ids = await app.request(`/api/incidents/${id}/lists/apology`, body('PUT', 'subscriber_id\nAbC123\nabc123\n'));
    expect(await ids.json()).toEqual({ list: 'apology', recipients: 2, duplicates: 0 });
    const empty = await app.request(`/api/incidents/${id}/lists/suppression`, body('PUT', 'email\n'));
    expect(empty.status).toBe(422);
    expect(((await empty.json()) as ErrorBody).error.message).toMatch(/the list holds no recipients/);
    expect((await summary()).lists.suppression?.recipients).toBe(1);
  });

  it('answers 404 for an unknown incident, in JSON, for the summary, the export and an upload', async () => {
    const { app } = await setUp();
    for (const [path, init] of [['/api/incidents/inc-404/audience', {}], ['/api/incidents/inc-404/audience.csv', {}], ['/api/incidents/inc-404/lists/apology', body('PUT', 'a@gmail.com\n')]] as const) {
      const res = await app.request(path, init);
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as ErrorBody).error.code).toBe('not_found');
    }
  });

  it('lets viewers read the counts, but only editors export addresses or upload lists', async () => {
    const env = { REBOUND_TOKENS: 'viewer:viewer-token-123456,editor:editor-token-123456' };
    const { app, id } = await setUp(env, 'editor-token-123456');
    const as = (token: string, init: RequestInit = {}) => ({ ...init, headers: { ...(init.headers as Record<string, string> | undefined), authorization: `Bearer ${token}` } });
    expect((await app.request(`/api/incidents/${id}/audience`, as('viewer-token-123456'))).status).toBe(200);
    expect((await app.request(`/api/incidents/${id}/audience.csv`, as('viewer-token-123456'))).status).toBe(403);
    expect((await app.request(`/api/incidents/${id}/lists/apology`, as('viewer-token-123456', body('PUT', 'a@gmail.com\n')))).status).toBe(403);
    expect((await app.request(`/api/incidents/${id}/audience.csv`, as('editor-token-123456'))).status).toBe(200);
  });
});

describe('the apology check against the audience', () => {
  const check = async (app: ReturnType<typeof appOver>, id: string) => {
    const res = await app.request(`/api/incidents/${id}/apology/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(GOOD_DRAFT) });
    expect(res.status).toBe(200);
    return (await res.json()) as Result;
  };

  it('notes an unchecked audience, blocks an apology list beyond it, and passes one within it', async () => {
    const { app, id, summary } = await setUp();
    const unchecked = await check(app, id);
    expect(unchecked.verdict).toBe('ok');
    expect(audienceFindings(unchecked)).toEqual([expect.objectContaining({ rule: 'audience', severity: 'info', evidence: expect.stringContaining('reached 4 recipient(s)') })]);

    await app.request(`/api/incidents/${id}/lists/apology`, body('PUT', 'recipient\na@gmail.com\nb@yahoo.com\nz@gmail.com\nc@outlook.com\n'));
    expect((await summary()).apology_list).toEqual({ recipients: 4, outside: 2, examples: ['b@yahoo.com', 'z@gmail.com'] });
    const beyond = await check(app, id);
    expect(beyond.verdict).toBe('block');
    const f = beyond.findings.find((x) => x.rule === 'audience');
    expect(f?.severity).toBe('block');
    expect(f?.evidence).toBe('2 of the apology list\'s 4 recipient(s) were not affected (not reached by the incident\'s sends, bounced, or suppressed), e.g. "b@yahoo.com", "z@gmail.com"');
    expect(f?.fix).toMatch(/only to the 4 affected recipient\(s\)/);

    await app.request(`/api/incidents/${id}/lists/apology`, body('PUT', 'a@gmail.com\nC@Outlook.com\n'));
    const within = await check(app, id);
    expect(within.verdict).toBe('ok');
    expect(audienceFindings(within)).toEqual([]);
  });

  it('warns when the apology list cannot be checked because the sends carry no recipients', async () => {
    const { app, id } = await setUp();
    await app.request(`/api/incidents/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ send_ids: ['never-loaded'] }) });
    await app.request(`/api/incidents/${id}/lists/apology`, body('PUT', 'a@gmail.com\n'));
    const r = await check(app, id);
    expect(r.verdict).toBe('warn');
    expect(audienceFindings(r)).toEqual([expect.objectContaining({ severity: 'warn' })]);
  });

  it('leaves a suppression-list incident to its own finding: no apology at all', async () => {
    const { app, id } = await setUp();
    await app.request(`/api/incidents/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'suppression_list_send' }) });
    await app.request(`/api/incidents/${id}/lists/apology`, body('PUT', 'z@gmail.com\n'));
    const r = await check(app, id);
    expect(r.findings.map((f) => f.rule)).toContain('suppression_list_send');
    expect(audienceFindings(r)).toEqual([]);
  });

  it('compares the apology send, once loaded, with the affected audience', async () => {
    const { app, id, summary } = await setUp();
    const res = await app.request(`/api/incidents/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ apology_send_id: 'apology-1' }) });
    expect(((await res.json()) as { apology_send_id: string }).apology_send_id).toBe('apology-1');
    expect((await summary()).apology_send).toEqual({ send_id: 'apology-1', recipients: 4, outside: 1, examples: ['z@gmail.com'] });
  });
});

describe('rebound audience (the binary)', () => {
  it('uploads lists, exports the affected audience, prints the counts, and fails on a bad list naming file and line', async () => {
    const { db, id } = await setUp();
    const dbPath = db.path;
    db.close();
    const sup = write(tmp.path('suppressed.txt'), 'd@gmail.com\n');
    const out = tmp.path('affected.csv');
    const r = await runCli(['audience', id, '--db', dbPath, '--suppression-list', sup, '--export', out]);
    expect(r.stderr).toContain('suppression list: 1 recipient(s) stored');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('recipients 5 − bounced 1 − suppressed 1 = affected 3');
    expect(r.stdout).toContain('warning: 1 event(s) of these sends name no recipient');
    expect(readFileSync(out, 'utf8')).toBe('recipient\na@gmail.com\nc@outlook.com\ne@gmail.com\n');

    const nowhere = tmp.path('nowhere.csv');
    const unknown = await runCli(['audience', 'inc-404', '--db', dbPath, '--export', nowhere]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no incident inc-404/);
    expect(existsSync(nowhere)).toBe(false);

    const badList = write(tmp.path('bad.txt'), 'a@gmail.com\nbad address\n');
    const bad = await runCli(['audience', id, '--db', dbPath, '--apology-list', badList]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`${badList}:2: recipient: must be one address or subscriber id`);

    const list = write(tmp.path('apology-list.txt'), 'a@gmail.com\nz@gmail.com\n');
    const draft = write(tmp.path('draft.json'), JSON.stringify(GOOD_DRAFT));
    const checked = await runCli(['apology', 'check', id, '--db', dbPath, '--draft', draft, '--audience', list, '--json']);
    expect(checked.code).toBe(1);
    const result = JSON.parse(checked.stdout) as Result;
    expect(result.findings.find((f) => f.rule === 'audience')?.evidence).toMatch(/^1 of the apology list's 2 recipient\(s\) were not affected .* "z@gmail.com"$/);
  }, 60_000);
});

describe('rebound audience while rebound serve holds the store', () => {
  it('goes through the running server: ingest, incident, lists, export and the check, with the same answers', async () => {
    const dbPath = tmp.path(`served-${Date.now()}.duckdb`);
    const running = await start(loadConfig({ PORT: '0', REBOUND_DB: dbPath, REBOUND_DEMO: '0' }), { scheduler: null, log: () => undefined });
    try {
      const events = write(tmp.path('served-events.ndjson'), ndjson(EVENTS));
      expect((await runCli(['ingest', events, '--db', dbPath])).code).toBe(0);
      const incident = write(tmp.path('served-incident.json'), JSON.stringify({ title: 'Wrong segment', kind: 'wrong_segment', severity: 'high', occurred_at: '2026-03-02T08:00:00Z', streams: ['promo'], send_ids: ['bad-1'] }));
      const created = await runCli(['incident', 'create', '--json', incident, '--db', dbPath]);
      expect(created.code).toBe(0);
      const id = (JSON.parse(created.stdout) as { id: string }).id;

      const bad = await runCli(['audience', id, '--db', dbPath, '--suppression-list', write(tmp.path('served-bad.txt'), 'd@gmail.com\nd @gmail.com\n')]);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/served-bad\.txt:2: recipient: must be one address/);

      const sup = write(tmp.path('served-sup.txt'), 'd@gmail.com\n');
      const exported = tmp.path('served-affected.csv');
      const r = await runCli(['audience', id, '--db', dbPath, '--suppression-list', sup, '--export', exported, '--json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ sends_from: 'named', recipients: 5, bounced: 1, suppressed: 1, affected: 3 });
      expect(readFileSync(exported, 'utf8')).toBe('recipient\na@gmail.com\nc@outlook.com\ne@gmail.com\n');

      const draft = write(tmp.path('served-draft.json'), JSON.stringify(GOOD_DRAFT));
      const list = write(tmp.path('served-list.txt'), 'a@gmail.com\ne@gmail.com\n');
      const checked = await runCli(['apology', 'check', id, '--db', dbPath, '--draft', draft, '--audience', list]);
      expect(checked.code).toBe(0);
      expect(checked.stdout).not.toMatch(/audience/i);
    } finally {
      await running.stop();
    }
  }, 90_000);
});
