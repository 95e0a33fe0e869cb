// "Download affected audience (CSV)": personal data, so editors only (the API says 403 to viewers). Without a token
// the browser follows the link; with one the file is fetched with the token, as the reports page does.
import { useState, type MouseEvent } from 'react';
import { audienceCsvUrl, downloadAudience } from '../../api/audience.ts';
import { needsTokenDownload } from '../../api/client.ts';
import { count } from '../../format.ts';

export function DownloadAudience({ incidentId, affected }: { incidentId: string; affected: number }) {
  const [error, setError] = useState<string | null>(null);
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (!needsTokenDownload()) return;
    e.preventDefault();
    setError(null);
    downloadAudience(incidentId).catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  };
  return (
    <p className="actions audience-download">
      <a className="button" href={audienceCsvUrl(incidentId)} download="" onClick={onClick}>Download affected audience (CSV)</a>
      <span className="muted small">{count(affected)} recipient(s), one per row: the list the apology may go to.</span>
      {error && <span className="field-error" role="alert">{error}</span>}
    </p>
  );
}
