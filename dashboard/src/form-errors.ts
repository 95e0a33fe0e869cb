// Validation messages next to their fields, for every form: the shared zod schema's issues before sending, and the
// API's 400 details ([{ field, message }]) after, both mapped from the API's field names to the form's.
import { fieldIssue } from '#shared/schema/api-error.ts';

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/** zod issues (path[0] is the API field) → the form's errors; the first message per field wins. */
export function errorsFromIssues<F extends string>(issues: readonly { path: readonly PropertyKey[]; message: string }[], fieldOf: Readonly<Record<string, F>>): FieldErrors<F> {
  const errors: FieldErrors<F> = {};
  for (const issue of issues) {
    const field = fieldOf[String(issue.path[0] ?? '')];
    if (field && !errors[field]) errors[field] = issue.message;
  }
  return errors;
}

/** The API's validation details → the form's errors; anything not matching a field goes under `fallback`. */
export function errorsFromApi<F extends string>(details: unknown, message: string, fieldOf: Readonly<Record<string, F>>, fallback: F): FieldErrors<F> {
  const errors: FieldErrors<F> = {};
  for (const d of Array.isArray(details) ? details : [details]) {
    const parsed = fieldIssue.safeParse(d);
    if (!parsed.success) continue;
    const field = fieldOf[parsed.data.field.split('.')[0] ?? ''];
    if (field && !errors[field]) errors[field] = parsed.data.message;
  }
  if (Object.keys(errors).length === 0) errors[fallback] = message;
  return errors;
}

/** Splits "a, b,c" into its non-empty items. */
export const listOf = (text: string): string[] => text.split(',').map((s) => s.trim()).filter(Boolean);
