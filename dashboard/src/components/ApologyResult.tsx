// The apology check's answer: the verdict as a word and a colour, then each finding (rule, severity, the quoted
// evidence, the fix), worst first.
import type { ApologyFinding, ApologyResult } from '#shared/apology/schema.ts';
import { humanize } from '../format.ts';

const VERDICT: Record<ApologyResult['verdict'], { label: string; tone: 'ok' | 'warn' | 'bad'; help: string }> = {
  ok: { label: 'OK', tone: 'ok', help: 'Nothing blocks this draft.' },
  warn: { label: 'Warn', tone: 'warn', help: 'It can go, but read the findings first.' },
  block: { label: 'Block', tone: 'bad', help: 'Do not send it as it is.' },
};
const SEVERITY: Record<ApologyFinding['severity'], { label: string; tone: 'none' | 'warn' | 'bad'; rank: number }> = {
  block: { label: 'Blocks', tone: 'bad', rank: 2 },
  warn: { label: 'Warning', tone: 'warn', rank: 1 },
  info: { label: 'Note', tone: 'none', rank: 0 },
};
const RULE_LABELS: Partial<Record<ApologyFinding['rule'], string>> = {
  no_reply: 'No-reply sender', weasel_words: 'Weasel words', branded_template: 'Branded template', protective_steps: 'Protective steps',
  suppression_list_send: 'Sent to a suppression list',
};

export function ApologyResultView({ result }: { result: ApologyResult }) {
  const v = VERDICT[result.verdict];
  const findings = [...result.findings].sort((a, b) => SEVERITY[b.severity].rank - SEVERITY[a.severity].rank);
  return (
    <div className={`apology-result tone-box-${v.tone}`} role="status" aria-live="polite" data-verdict={result.verdict}>
      <p className="verdict">
        Verdict: <span className={`badge verdict-badge tone-${v.tone}`}>{v.label}</span> <span>{v.help}</span>
        {result.languages.length > 0 && <span className="muted small">Language: {result.languages.join(', ')}.</span>}
      </p>
      {findings.length === 0 ? <p className="muted">No findings.</p> : (
        <ol className="findings">
          {findings.map((f, i) => (
            <li key={`${f.rule}-${i}`} className="finding" data-rule={f.rule} data-severity={f.severity}>
              <div className="finding-head">
                <span className={`badge tone-${SEVERITY[f.severity].tone}`}>{SEVERITY[f.severity].label}</span>
                <strong>{RULE_LABELS[f.rule] ?? humanize(f.rule)}</strong>
              </div>
              <blockquote className="evidence">{f.evidence}</blockquote>
              <p className="fix"><span className="muted">Fix:</span> {f.fix}</p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
