// Run sources and errors as the API shows them: base names, no server directories.
import { describe, expect, it } from 'vitest';
import { sourceName, withoutPaths } from '../../../server/store/run-names.ts';

describe('sourceName', () => {
  it.each([
    ['/home/ana/exports/2026/sends.csv', 'sends.csv'],
    ['./data/in/events.ndjson', 'events.ndjson'],
    ['~/exports/events.ndjson', 'events.ndjson'],
    ['C:\\Users\\ana\\sends.csv', 'C:sends.csv'],
    ['files:/srv/incoming/a.ndjson', 'files:a.ndjson'],
    ['demo:sends.ndjson', 'demo:sends.ndjson'],
    ['api:events', 'api:events'],
    ['upload', 'upload'],
    ['sends.csv', 'sends.csv'],
    ['../in/sends.csv', 'sends.csv'],
    // Labels a caller chose (an upload's name) are shown as given, slashes and all.
    ["x\\'; DROP TABLE alert_rules; --", "x\\'; DROP TABLE alert_rules; --"],
    ["1); ATTACH '/tmp/rebound-pwn.db' AS pwn; --", "1); ATTACH '/tmp/rebound-pwn.db' AS pwn; --"],
  ])('%s → %s', (source, shown) => {
    expect(sourceName(source)).toBe(shown);
  });
});

describe('withoutPaths', () => {
  it('reduces every absolute path in a message to its base name and leaves URLs alone', () => {
    expect(withoutPaths('IO Error: Could not write file "/srv/rebound/data/store.duckdb.wal": No space left on device'))
      .toBe('IO Error: Could not write file "store.duckdb.wal": No space left on device');
    expect(withoutPaths('/home/ana/x.csv: line 3: bad')).toBe('x.csv: line 3: bad');
    expect(withoutPaths('see (/tmp/a/b.log) and https://bigquery.googleapis.com/bigquery/v2/projects/p'))
      .toBe('see (b.log) and https://bigquery.googleapis.com/bigquery/v2/projects/p');
    expect(withoutPaths('line 2: stream: is required')).toBe('line 2: stream: is required');
  });
});
