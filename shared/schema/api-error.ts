// The one error shape of the HTTP API (docs/api.md): { error: { code, message, details } }.
import { z } from 'zod';

export const fieldIssue = z.object({ field: z.string(), message: z.string() });
export const apiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiError>;
export type FieldIssue = z.infer<typeof fieldIssue>;
