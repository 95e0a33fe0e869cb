// File upload to POST /api/ingest with progress. XMLHttpRequest, because fetch() reports no upload progress.
import type { IngestResultBody } from '#shared/schema/ingest.ts';
import type { InputKind } from '#shared/schema/inputs.ts';
import { ApiFailure, authHeaders, failureFrom } from './client.ts';
import { invalidate } from './query.ts';

export interface UploadOptions {
  kind: InputKind | 'auto';
  skipBad: boolean;
  onProgress: (fraction: number) => void;
  signal?: AbortSignal;
}

/** The outcome of an upload: stored (fully or partly), or rejected with every rejected line listed. */
export type UploadOutcome = { ok: true; result: IngestResultBody } | { ok: false; result: IngestResultBody | null; error: ApiFailure };

function isIngestResult(value: unknown): value is IngestResultBody {
  return typeof value === 'object' && value !== null && 'rejections' in value && 'status' in value;
}

export function uploadFile(file: File, opts: UploadOptions): Promise<UploadOutcome> {
  const params = new URLSearchParams({ name: file.name, skip_bad: String(opts.skipBad) });
  if (opts.kind !== 'auto') params.set('kind', opts.kind);
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/ingest?${params.toString()}`);
    for (const [k, v] of Object.entries(authHeaders())) xhr.setRequestHeader(k, v);
    xhr.setRequestHeader('accept', 'application/json');
    // The file goes as the raw body, which the server streams into staging; a multipart body would be buffered
    // whole. The name (in the query) tells the server the format by its extension.
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) opts.onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => resolve({ ok: false, result: null, error: new ApiFailure(0, 'network', 'the upload did not reach the server', null) });
    xhr.onabort = () => resolve({ ok: false, result: null, error: new ApiFailure(0, 'aborted', 'the upload was cancelled', null) });
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      // Any answer may have stored data or recorded a run (even a rejection is recorded), so refresh the page.
      invalidate(['data']);
      // Events may name recipients: an incident's affected audience may have changed.
      invalidate(['audience']);
      if (xhr.status >= 200 && xhr.status < 300 && isIngestResult(body)) {
        resolve({ ok: true, result: body });
        return;
      }
      const error = failureFrom(xhr.status, body, xhr.responseText.slice(0, 200));
      resolve({ ok: false, result: isIngestResult(error.details) ? error.details : null, error });
    };
    opts.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}
