// How the demo data set names its ingest runs: the watch (docs/watch.md) knows demo data by this prefix, so a dip in
// the demo never pages anyone. Its own module so that the watch need not import the demo loader.
export const DEMO_SOURCE_PREFIX = 'demo:';
