// Alerts: what is firing now, the recent notifications with each channel's delivery status, the outbox (emails,
// webhook and Slack posts), and the rules (admins edit them). Every state is a word; the badge colour only repeats it.
import { SUSPECT_ID_PREFIX } from '#shared/schema/suspects.ts';
import type { AlertNotification, OutboxItem } from '#shared/schema/alerts.ts';
import { useAlertRulesQuery, useAlertsQuery, useOutboxQuery } from '../api/alerts.ts';
import { CHANNEL_LABELS, DELIVERY_STYLE, metricName, valueOf } from '../components/alerts/labels.ts';
import { RulesPanel } from '../components/alerts/RulesPanel.tsx';
import { providerLabel } from '../components/charts/chartConfig.ts';
import { Empty, ErrorBox, Loading } from '../components/States.tsx';
import { count, dateTime, humanize } from '../format.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';

// A screenful: the API serves up to 1000 for anyone who needs more.
const SHOWN = 50;

function Delivery({ status }: { status: AlertNotification['delivery'] | OutboxItem['status'] }) {
  const s = DELIVERY_STYLE[status];
  return <span className={`badge tone-${s.tone}`}>{s.label}</span>;
}

// A suspected incident's alerts are keyed by its id (docs/watch.md): they link to its page.
const IncidentLink = ({ id }: { id: string }) => <Link to={`/${id.startsWith(SUSPECT_ID_PREFIX) ? 'suspects' : 'incidents'}/${encodeURIComponent(id)}`}>{id}</Link>;
const series = (x: { metric: string; stream: string; provider: string }) => `${metricName(x.metric)} · ${x.stream} · ${providerLabel(x.provider)}`;

function Firing() {
  const alerts = useAlertsQuery(SHOWN);
  const rules = useAlertRulesQuery();
  if (alerts.status === 'loading') return <Loading what="firing alerts" />;
  if (alerts.status === 'error') return <ErrorBox what="the alerts" error={alerts.error} retryKey={['alerts', 'state']} />;
  const ruleName = (id: string) => (rules.status === 'success' ? rules.data.rules.find((r) => r.id === id)?.name : undefined) ?? id;
  const { firing, notifications } = alerts.data;
  return (
    <>
      <section className="panel" aria-labelledby="firing-title">
        <h2 id="firing-title">Firing now <span className="muted small">{firing.length}</span></h2>
        {firing.length === 0 ? <Empty><p>Nothing is firing.</p></Empty> : (
          <div className="table-wrap">
            <table>
              <caption className="sr-only">Firing alerts</caption>
              <thead><tr><th scope="col">Rule</th><th scope="col">Incident</th><th scope="col">Series</th><th scope="col" className="num">Value</th><th scope="col">Since</th><th scope="col">Last emailed</th></tr></thead>
              <tbody>
                {firing.map((f) => (
                  <tr key={`${f.rule_id}|${f.incident_id}|${f.metric}|${f.stream}|${f.provider}`}>
                    <td><span className="badge tone-bad">Firing</span> {ruleName(f.rule_id)}</td><td><IncidentLink id={f.incident_id} /></td>
                    <td>{series(f)}</td><td className="num">{valueOf(f.metric, f.value)}</td><td>{dateTime(f.since)}</td><td>{dateTime(f.last_notified_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="panel" aria-labelledby="notifications-title">
        <h2 id="notifications-title">Recent notifications</h2>
        {notifications.length === 0 ? <Empty><p>No alert has been sent yet.</p></Empty> : (
          <div className="table-wrap">
            <table>
              <caption className="sr-only">Recent notifications, newest first</caption>
              <thead><tr><th scope="col">At</th><th scope="col">Change</th><th scope="col">Rule</th><th scope="col">Incident</th><th scope="col">Series</th><th scope="col" className="num">Value</th><th scope="col">Delivery</th></tr></thead>
              <tbody>
                {notifications.map((n) => (
                  <tr key={n.id}>
                    <td>{dateTime(n.at)}</td><td>{humanize(n.kind)}</td><td>{n.rule_name}</td><td><IncidentLink id={n.incident_id} /></td><td>{series(n)}</td>
                    <td className="num">{valueOf(n.metric, n.value)}{n.baseline !== null && <div className="muted small">baseline {valueOf(n.metric, n.baseline)}</div>}</td>
                    <td>
                      {n.deliveries.length === 0 ? <Delivery status={n.delivery} /> : (
                        <ul className="plain">{n.deliveries.map((d, i) => <li key={i}>{CHANNEL_LABELS[d.channel]} <Delivery status={d.status} /></li>)}</ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function Outbox() {
  const outbox = useOutboxQuery(SHOWN);
  if (outbox.status === 'loading') return <Loading what="the outbox" />;
  if (outbox.status === 'error') return <ErrorBox what="the outbox" error={outbox.error} retryKey={['alerts', 'outbox']} />;
  if (outbox.data.messages.length === 0) return <Empty><p>No message has been queued.</p></Empty>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="sr-only">Messages, newest first</caption>
        <thead><tr><th scope="col">Queued</th><th scope="col">Channel</th><th scope="col">Subject</th><th scope="col">To</th><th scope="col">Status</th><th scope="col" className="num">Attempts</th><th scope="col">Sent / next try</th></tr></thead>
        <tbody>
          {outbox.data.messages.map((m) => (
            <tr key={m.id}>
              <td>{dateTime(m.created_at)}</td><td>{CHANNEL_LABELS[m.channel]}</td><td>{m.subject}</td><td>{m.recipients.join(', ')}</td>
              <td><Delivery status={m.status} />{m.last_error && <div className="muted small">{m.last_error}</div>}</td>
              <td className="num">{count(m.attempts)}</td><td>{m.sent_at ? dateTime(m.sent_at) : m.next_attempt_at ? `retry ${dateTime(m.next_attempt_at)}` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function AlertsPage() {
  const { role } = useSession();
  return (
    <main className="page" id="main">
      <h1>Alerts</h1>
      <p className="muted">Rules run after every recovery evaluation; each change goes out once on every channel the rule uses (email, webhook, Slack), from a durable outbox.</p>
      <Firing />
      <section className="panel" aria-labelledby="outbox-title">
        <h2 id="outbox-title">Outbox</h2>
        <Outbox />
      </section>
      <RulesPanel canManage={role === 'admin'} />
    </main>
  );
}
