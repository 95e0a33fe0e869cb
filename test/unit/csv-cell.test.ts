// The one CSV cell encoding (server/csv-cell.ts), used by the report CSV and the affected-audience CSV.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvField, textCell } from '../../server/csv-cell.ts';

describe('csvField', () => {
  it.each([
    ['eu;=1+1', `"eu;'=1+1"`],
    ['eu,=1+1', `"eu,'=1+1"`],
    ['a;-1;+2,@3', `"a;'-1;'+2,'@3"`],
    ['=1+1;=2', `"'=1+1;'=2"`],
    ['eu;west', '"eu;west"'],
    ['eu, west', '"eu, west"'],
    ['tab\there', '"tab\there"'],
    ['plain', 'plain'],
    ['say "hi"', '"say ""hi"""'],
  ])('%j → %s', (value, cell) => {
    expect(csvField(value)).toBe(cell);
  });

  it('numbers stay numbers, null is empty', () => {
    expect(csvField(-0.25)).toBe('-0.25');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(null)).toBe('');
  });

  it('a quote-aware reader of either locale gets the value back whole, behind its guards', () => {
    const value = 'eu;=1+1,x';
    for (const delimiter of [',', ';']) {
      const [row] = parse(`${csvField(value)}${delimiter}next\r\n`, { delimiter }) as string[][];
      expect(row).toEqual([textCell(value), 'next']);
    }
    expect(textCell(value)).toBe("eu;'=1+1,x");
  });
});
