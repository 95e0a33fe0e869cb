// What the store holds and whether it is whole: the data page's summary, GET /api/ingest/runs, POST
// /api/store/check and `rebound check` (docs/integrity.md). Routes and CLI commands reach the store through
// services only (docs/architecture.md); these reads need nothing beyond the store's own queries, so the service is
// those queries, named here for the callers.
export { DATA_SUMMARY_INPUTS, dataSummary } from '../store/data-summary.ts';
export { listRuns as recentRuns } from '../store/ingest-runs.ts';
export { checkStore } from '../store/integrity.ts';
