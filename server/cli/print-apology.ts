// How the CLI shows an apology check and an incident's annotations to a person (--json gives the API's JSON).
import type { ApologyFinding, ApologyResult } from '#shared/apology/schema.ts';
import { ANNOTATION_KIND_LABELS } from '#shared/kinds.ts';
import type { Annotation } from '#shared/schema/annotations.ts';
import { table } from './print.ts';

const MARK: Record<ApologyFinding['severity'], string> = { block: 'BLOCK', warn: 'WARN ', info: 'INFO ' };
const VERDICT_LINE: Record<ApologyResult['verdict'], string> = {
  ok: 'OK — the draft follows the playbook.',
  warn: 'WARN — the draft can be sent, but fix these first if you can.',
  block: 'BLOCK — do not send this draft.',
};
// Wrap long evidence and fixes to a terminal-friendly width, indented under their finding.
const WRAP_COLUMNS = 100;
const INDENT = '        ';

function wrap(text: string, width = WRAP_COLUMNS - INDENT.length): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

export function apologyReport(r: ApologyResult): string {
  const out = [`${VERDICT_LINE[r.verdict]} (read as: ${r.languages.join(', ') || 'unknown'})`];
  for (const f of r.findings) {
    out.push('', `${MARK[f.severity]}  ${f.rule}`);
    for (const [i, l] of wrap(f.evidence).entries()) out.push(`${INDENT}${i === 0 ? '' : '  '}${l}`);
    for (const [i, l] of wrap(`Fix: ${f.fix}`).entries()) out.push(`${INDENT}${i === 0 ? '' : '  '}${l}`);
  }
  return out.join('\n');
}

const minute = (iso: string) => iso.slice(0, 16).replace('T', ' ');

export function annotationsTable(incidentId: string, list: Annotation[]): string {
  if (list.length === 0) return `No annotations on ${incidentId} yet. Add one with: rebound annotate ${incidentId} --kind campaign_paused --label "…"`;
  return table(['ID', 'AT (UTC)', 'KIND', 'LABEL'], list.map((a) => [a.id, minute(a.at), ANNOTATION_KIND_LABELS[a.kind], a.label]));
}
