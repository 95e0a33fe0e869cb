// Loading, empty and error states, the same on every page. Errors say what failed and offer a retry.
import type { ReactNode } from 'react';
import type { ApiFailure } from '../api/client.ts';
import { invalidate } from '../api/query.ts';

export function Loading({ what }: { what: string }) {
  return <p className="loading" role="status" aria-live="polite"><span className="spinner" aria-hidden="true" />Loading {what}…</p>;
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty" role="status">{children}</div>;
}

export function ErrorBox({ what, error, retryKey }: { what: string; error: ApiFailure; retryKey?: readonly unknown[] }) {
  return (
    <div className="error-box" role="alert">
      <strong>Could not load {what}.</strong> {error.message}
      {error.status > 0 && <span className="muted"> (HTTP {error.status}, {error.code})</span>}
      {retryKey && <button type="button" className="link-button" onClick={() => invalidate(retryKey)}>Try again</button>}
    </div>
  );
}
