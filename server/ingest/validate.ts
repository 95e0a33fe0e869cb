// Raw record → canonical row of its kind, or one clear sentence naming the field that is wrong.
import type { z } from 'zod';
import { INTEGER_FIELDS, inputSchemas, type InputKind, type RowOfKind } from '#shared/schema/inputs.ts';
import type { Format } from './records.ts';

export type Checked<K extends InputKind> = { ok: true; row: RowOfKind[K] } | { ok: false; reason: string };

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** CSV has only text: cells of the count columns that look numeric become numbers, so zod can judge them. */
function fromCsv(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    out[k] = INTEGER_FIELDS.has(k) && typeof v === 'string' && NUMERIC.test(v.trim()) ? Number(v.trim()) : v;
  }
  return out;
}

/** The first problem of a record as one sentence: "injected: must not be negative". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const field = issue.path.join('.');
      if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
      const message = /received undefined$/.test(issue.message) ? 'is required' : issue.message;
      return field ? `${field}: ${message}` : message;
    })
    .join('; ');
}

/** JSON exporters write null for "no value"; it means the same as an absent field (a required one stays required). */
function withoutNulls(fields: Record<string, unknown>): Record<string, unknown> {
  for (const v of Object.values(fields)) {
    if (v === null) return Object.fromEntries(Object.entries(fields).filter(([, x]) => x !== null));
  }
  return fields;
}

export function checkRecord<K extends InputKind>(kind: K, format: Format, fields: Record<string, unknown>): Checked<K> {
  const parsed = inputSchemas[kind].safeParse(format === 'csv' ? fromCsv(fields) : withoutNulls(fields));
  if (parsed.success) return { ok: true, row: parsed.data as RowOfKind[K] };
  return { ok: false, reason: describeIssues(parsed.error) };
}
