// Which sends a provider-less summary covers (docs/sources.md, "Pulled summaries and webhook events of the same
// ESP"). An ESP whose statistics have no provider dimension (Postmark, SendGrid categories) counts a whole
// stream-day, stored as one row for provider `other` with `all_providers` set. The webhook events of the same
// send are rolled up per recipient provider, so the same messages would otherwise be counted twice: once in the
// pulled `other` row, and again in the events' `gmail`…`apple` rows. The rule, everywhere a sends row is written:
// the provider-less summary wins for every provider of its send. Storing it removes the send's rows that came from
// events or a warehouse; rows for a covered send are never added from events or a warehouse afterwards (the events
// themselves are kept). Identifiers here are constants; callers pass only table aliases of their own.

/**
 * SQL true when the send of `alias`.send_id has no provider-less summary. An uncorrelated NOT IN with a constant
 * filter: DuckDB reads the covered sends once, skipping the row groups that hold none, and the check costs next to
 * nothing (`npm run bench -- rollup-new-pairs`; a correlated EXISTS cost a third more CPU on a million rows).
 */
export const notCovered = (alias: string): string =>
  `${alias}.send_id NOT IN (SELECT send_id FROM sends WHERE all_providers = true)`;
