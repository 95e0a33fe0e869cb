// How the demo data set names its ingest runs: the watch (docs/watch.md) knows demo data by this prefix, so a dip in
// the demo never pages anyone. Here, beside the watch, so that the services need not import the demo loader (which
// is above them: it declares incidents and evaluates them through the services).
export const DEMO_SOURCE_PREFIX = 'demo:';
