// Closed vocabularies the CLI names in its options and output (`--kind`, an incident's "all streams"), kept in a
// module without zod: the CLI's command tree imports them, and `rebound --help` should not pay for loading the
// schema library. The zod schemas in shared/schema/ build their enums from these.

/** The kinds of input file (docs/cli.md: `rebound ingest --kind`). */
export const INPUT_KINDS = ['events', 'sends', 'seeds', 'reputation'] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

/** What a timeline annotation marks. */
export const ANNOTATION_KINDS = ['campaign_paused', 'apology_sent', 'provider_ticket', 'fix_deployed', 'other'] as const;
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];

/** How the dashboard and the CLI name each annotation kind. */
export const ANNOTATION_KIND_LABELS: Record<AnnotationKind, string> = {
  campaign_paused: 'Campaign paused',
  apology_sent: 'Apology sent',
  provider_ticket: 'Ticket opened with a mailbox provider',
  fix_deployed: 'Fix deployed',
  other: 'Other',
};

/**
 * An incident's `"streams": ["*"]`: it touches every stream — an IP pool, a sending domain or the ESP account went
 * bad, not one program. It is evaluated over every stream with sends or seed tests in its windows (docs/cli.md).
 */
export const ALL_STREAMS = '*';

export function coversAllStreams(streams: readonly string[]): boolean {
  return streams.includes(ALL_STREAMS);
}

/** An incident's streams as the dashboard, the CLI and the report name them. */
export function streamsText(streams: readonly string[], separator = ', '): string {
  return coversAllStreams(streams) ? 'all streams' : streams.join(separator);
}
