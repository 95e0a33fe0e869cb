// The weekly reports (server/routes/reports): the stored ones, generating a week, and downloading a file with the
// bearer token (a plain link cannot carry it when the server requires tokens).
import type { ReportListing } from '#shared/schema/sources.ts';
import { api, downloadFile, needsTokenDownload, ok } from './client.ts';
import { invalidate, useQuery, type QueryState } from './query.ts';

// The listing's shape is declared by its route (not yet in shared/schema): this is the server's own type, imported
// as a type only, so nothing of the server reaches the bundle. The route adds each file's `url`.
export type StoredReport = ReportListing;
export type ReportDownloadFormat = 'html' | 'csv' | 'pdf';
export const REPORT_DOWNLOADS: readonly ReportDownloadFormat[] = ['html', 'csv', 'pdf'];

export function reportUrl(week: string, format: ReportDownloadFormat, refresh = false): string {
  return `/api/reports/${encodeURIComponent(week)}?format=${format}${refresh ? '&refresh=true' : ''}`;
}

export function useReportsQuery(): QueryState<{ reports: StoredReport[] }> {
  return useQuery(['reports', 'list'], (signal) => ok(api.GET('/api/reports', { signal })));
}

/**
 * Builds a week's HTML, CSV and PDF on the server and stores them (a finished week is then listed; a week under
 * way is built but not kept). `refresh` rebuilds from the current data. Reading a report (a GET) stores nothing.
 */
export async function generateReport(week: string, refresh: boolean): Promise<void> {
  try {
    await api.POST('/api/reports/{week}', { params: { path: { week }, query: refresh ? { refresh: 'true' } : {} } });
  } finally {
    invalidate(['reports']);
  }
}

/** Saves a report file. Without a token the link works on its own; with one the file is fetched with it. */
export function downloadReport(week: string, format: ReportDownloadFormat): Promise<void> {
  return downloadFile(api.GET('/api/reports/{week}', { params: { path: { week }, query: { format } }, parseAs: 'blob' }), `rebound-report-${week}.${format}`);
}

export { needsTokenDownload };
