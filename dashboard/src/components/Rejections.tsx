// Rejected lines of an upload, each with its line number and reason: the data page's ingest and the incident's
// recipient lists show them the same way, so a user fixes a file by reading down one table.
import type { z } from 'zod';
import type { rejection } from '#shared/schema/ingest.ts';
import { count } from '../format.ts';

export type Rejection = z.infer<typeof rejection>;

export function RejectionsTable({ rejections, notListed = 0, caption = 'Rejected records' }: { rejections: readonly Rejection[]; notListed?: number; caption?: string }) {
  if (rejections.length === 0) return null;
  return (
    <div className="table-wrap">
      <table className="rejections">
        <caption>{caption}</caption>
        <thead><tr><th scope="col" className="num">Line</th><th scope="col">Reason</th></tr></thead>
        <tbody>
          {rejections.map((r) => <tr key={`${r.line}:${r.reason}`}><td className="num">{r.line}</td><td>{r.reason}</td></tr>)}
        </tbody>
      </table>
      {notListed > 0 && <p className="muted">…and {count(notListed)} more not listed.</p>}
    </div>
  );
}
