// The one error class of the server. Routes throw it; app.onError turns it (and anything else) into the JSON
// error shape of docs/api.md.
import type { z } from 'zod';
import type { FieldIssue } from '#shared/schema/api-error.ts';

export type ErrorCode =
  | 'bad_request' | 'validation_failed' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict'
  | 'payload_too_large' | 'rejected' | 'upstream_failed' | 'internal' | 'busy' | 'disk_full';

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 500 | 502 | 503 | 507;
const STATUS: Record<ErrorCode, ErrorStatus> = {
  bad_request: 400, validation_failed: 400, unauthorized: 401, forbidden: 403, not_found: 404, conflict: 409,
  payload_too_large: 413, rejected: 422, upstream_failed: 502, internal: 500, busy: 503, disk_full: 507,
};

export class ApiError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly details: unknown = null) {
    super(message);
    this.name = 'ApiError';
  }

  get status(): ErrorStatus {
    return STATUS[this.code];
  }

  static fromZod(error: z.ZodError, where = 'body'): ApiError {
    const details: FieldIssue[] = error.issues.flatMap((i): FieldIssue[] => {
      // An unknown field is named itself, one detail each, so a client can point at it.
      if (i.code === 'unrecognized_keys') return i.keys.map((k) => ({ field: [...i.path, k].join('.'), message: 'is not a known field' }));
      return [{ field: i.path.length ? i.path.join('.') : where, message: /received undefined$/.test(i.message) ? 'is required' : i.message }];
    });
    const first = details[0];
    return new ApiError('validation_failed', first ? `${first.field}: ${first.message}` : `invalid ${where}`, details);
  }
}

/** Parses `value` or throws the API's validation error naming the field. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, where = 'body'): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw ApiError.fromZod(parsed.error, where);
  return parsed.data;
}
