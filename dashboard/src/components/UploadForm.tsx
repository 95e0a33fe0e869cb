// Upload a file through the same ingest as the CLI (POST /api/ingest): progress while it is sent, then the
// counts, and every rejected line with its reason.
import { useState, type FormEvent } from 'react';
import type { IngestResultBody } from '#shared/schema/ingest.ts';
import { INPUT_KINDS, type InputKind } from '#shared/schema/inputs.ts';
import { uploadFile, type UploadOutcome } from '../api/upload.ts';
import { count, humanize } from '../format.ts';
import { RejectionsTable } from './Rejections.tsx';

type Phase = { kind: 'idle' } | { kind: 'sending'; progress: number } | { kind: 'done'; outcome: UploadOutcome };

// Kinds without a label here (new ones added to the ingest) still show, by their humanized id.
const KIND_LABELS: Partial<Record<string, string>> = { events: 'Events', sends: 'Send summaries', seeds: 'Seed-list placement tests', reputation: 'Reputation (daily)' };
const kindLabel = (kind: string) => KIND_LABELS[kind] ?? humanize(kind);

function ResultView({ result }: { result: IngestResultBody }) {
  return (
    <>
      <dl className="facts compact">
        <div><dt>Read</dt><dd>{count(result.read)}</dd></div>
        <div><dt>Stored</dt><dd>{count(result.stored)}</dd></div>
        <div><dt>Duplicate</dt><dd>{count(result.duplicate)}</dd></div>
        <div><dt>Rejected</dt><dd>{count(result.rejected)}</dd></div>
        <div><dt>Detected</dt><dd>{result.kind ? kindLabel(result.kind) : '—'} ({result.format ?? '—'})</dd></div>
      </dl>
      <RejectionsTable rejections={result.rejections} notListed={result.rejections_not_listed} />
    </>
  );
}

function Outcome({ outcome }: { outcome: UploadOutcome }) {
  if (outcome.ok) {
    const r = outcome.result;
    return (
      <div className={r.status === 'partial' ? 'notice warn' : 'notice ok'} role="status">
        <strong>{r.status === 'partial' ? 'Stored the good records; some were skipped.' : 'Stored.'}</strong>
        <ResultView result={r} />
      </div>
    );
  }
  return (
    <div className="error-box" role="alert">
      <strong>{outcome.result ? 'Rejected: nothing was stored.' : 'The upload failed.'}</strong> {outcome.error.message}
      {outcome.result && <ResultView result={outcome.result} />}
      {outcome.result && <p className="muted">Fix these lines and upload again, or tick “Store the good records” to load the rest.</p>}
    </div>
  );
}

export function UploadForm() {
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<InputKind | 'auto'>('auto');
  const [skipBad, setSkipBad] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [missing, setMissing] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setPhase({ kind: 'sending', progress: 0 });
    const outcome = await uploadFile(file, { kind, skipBad, onProgress: (progress) => setPhase({ kind: 'sending', progress }) });
    setPhase({ kind: 'done', outcome });
  };

  return (
    <section className="panel" aria-labelledby="upload-title">
      <h2 id="upload-title">Load a file</h2>
      <p className="muted small">CSV or NDJSON of events, send summaries or seed tests; the kind is detected from the header. Loading the same data twice changes nothing.</p>
      <form onSubmit={(e) => void submit(e)} className="form upload-form" noValidate>
        <div className={`field ${missing ? 'has-error' : ''}`}>
          <label htmlFor="upload-file">File</label>
          <input id="upload-file" type="file" accept=".csv,.ndjson,.jsonl,.json,text/csv,application/x-ndjson" aria-invalid={missing || undefined} aria-describedby={missing ? 'upload-file-error' : undefined}
            onChange={(e) => { setFile(e.target.files?.[0] ?? null); setPhase({ kind: 'idle' }); }} />
          {missing && <p id="upload-file-error" className="field-error">Choose a file to upload.</p>}
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor="upload-kind">Kind</label>
            <select id="upload-kind" value={kind} onChange={(e) => setKind(e.target.value as InputKind | 'auto')}>
              <option value="auto">Detect from the header</option>
              {INPUT_KINDS.map((k) => <option key={k} value={k}>{kindLabel(k)}</option>)}
            </select>
          </div>
          <label className="checkbox"><input type="checkbox" checked={skipBad} onChange={(e) => setSkipBad(e.target.checked)} /> Store the good records when some are bad</label>
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={phase.kind === 'sending'}>{phase.kind === 'sending' ? 'Uploading…' : 'Upload'}</button>
          {phase.kind === 'sending' && (
            <>
              <progress max={1} value={phase.progress} aria-label="Upload progress" />
              <span className="muted small">{phase.progress < 1 ? `${Math.round(phase.progress * 100)}% sent` : 'Checking records…'}</span>
            </>
          )}
        </div>
      </form>
      {phase.kind === 'done' && <Outcome outcome={phase.outcome} />}
    </section>
  );
}
