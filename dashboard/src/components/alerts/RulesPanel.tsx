// The alert rules: everyone reads them; admins create, change, switch off and delete them (docs/alerts.md).
import { useState } from 'react';
import type { AlertRule } from '#shared/schema/alerts.ts';
import { deleteAlertRule, updateAlertRule, useAlertRulesQuery } from '../../api/alerts.ts';
import { duration } from '../../format.ts';
import { Empty, ErrorBox, Loading } from '../States.tsx';
import { conditionText, destinationText, scopeText } from './labels.ts';
import { RuleForm } from './RuleForm.tsx';

/**
 * The patch that switches a rule on or off. It repeats the metric: the API's patch schema fills an absent metric
 * with null (its create default), which would otherwise turn "complaint rate ≥ 0.3%" into "any metric".
 */
const toggle = (rule: AlertRule) => ({ enabled: !rule.enabled, metric: rule.metric });

type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; rule: AlertRule };

function RuleActions({ rule, onEdit }: { rule: AlertRule; onEdit: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const run = async (action: () => Promise<unknown>) => {
    setState({ busy: true, error: null });
    try {
      await action();
      setState({ busy: false, error: null });
    } catch (err) {
      setState({ busy: false, error: err instanceof Error ? err.message : String(err) });
    }
  };
  return (
    <div className="row-actions">
      {/* Built-in rules mail the default recipients; their fields are changed through the API or the CLI. */}
      {!rule.builtin && <button type="button" className="small-button" disabled={state.busy} onClick={onEdit} aria-label={`Edit ${rule.name}`}>Edit</button>}
      <button type="button" className="small-button" disabled={state.busy} onClick={() => void run(() => updateAlertRule(rule.id, toggle(rule)))} aria-label={`${rule.enabled ? 'Disable' : 'Enable'} ${rule.name}`}>
        {rule.enabled ? 'Disable' : 'Enable'}
      </button>
      {confirming ? (
        <span role="group" aria-label={`Confirm deleting ${rule.name}`}>
          <button type="button" className="small-button danger" disabled={state.busy} onClick={() => void run(() => deleteAlertRule(rule.id))}>Delete it</button>
          <button type="button" className="small-button" onClick={() => setConfirming(false)} autoFocus>Keep</button>
        </span>
      ) : (
        <button type="button" className="small-button" disabled={state.busy} onClick={() => setConfirming(true)} aria-label={`Delete ${rule.name}`}>Delete</button>
      )}
      {state.error && <p className="field-error" role="alert">{state.error}</p>}
    </div>
  );
}

export function RulesPanel({ canManage }: { canManage: boolean }) {
  const rules = useAlertRulesQuery();
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const done = () => setEditing({ kind: 'none' });

  let body;
  if (rules.status === 'loading') body = <Loading what="the alert rules" />;
  else if (rules.status === 'error') body = <ErrorBox what="the alert rules" error={rules.error} retryKey={['alerts', 'rules']} />;
  else if (rules.data.rules.length === 0) body = <Empty><p>No alert rules. {canManage ? 'Create one to be emailed about dips.' : ''}</p></Empty>;
  else {
    body = (
      <div className="table-wrap">
        <table className="rules-table">
          <caption className="sr-only">Alert rules</caption>
          <thead>
            <tr>
              <th scope="col">Rule</th><th scope="col">Watches</th><th scope="col">Fires on</th><th scope="col">Sends to</th>
              <th scope="col">Reminder</th><th scope="col">State</th>{canManage && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {rules.data.rules.map((r) => (
              <tr key={r.id} data-rule={r.id}>
                <td><strong>{r.name}</strong>{r.builtin && <span className="badge builtin">Built-in</span>}</td>
                <td>{scopeText(r)}</td>
                <td>{conditionText(r)}</td>
                <td className="recipients">{destinationText(r)}</td>
                <td>every {duration(r.repeat_hours)}</td>
                <td><span className={`badge tone-${r.enabled ? 'ok' : 'none'}`}>{r.enabled ? 'Enabled' : 'Disabled'}</span></td>
                {canManage && <td><RuleActions rule={r} onEdit={() => setEditing({ kind: 'edit', rule: r })} /></td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }

  return (
    <section className="panel" aria-labelledby="rules-title">
      <div className="page-title">
        <h2 id="rules-title">Rules</h2>
        {canManage && editing.kind === 'none' && <button type="button" className="primary" onClick={() => setEditing({ kind: 'new' })}>New rule</button>}
      </div>
      {!canManage && <p className="muted small">Only admins can change the rules.</p>}
      {canManage && editing.kind !== 'none' && (
        <div className="subpanel">
          <h3>{editing.kind === 'new' ? 'New rule' : `Edit “${editing.rule.name}”`}</h3>
          <RuleForm key={editing.kind === 'edit' ? editing.rule.id : 'new'} rule={editing.kind === 'edit' ? editing.rule : null} onDone={done} />
        </div>
      )}
      {body}
    </section>
  );
}
