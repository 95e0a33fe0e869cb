// The audience guard on the incident page (docs/incidents.md): which sends the audience comes from, the arithmetic
// recipients − bounced − suppressed = affected, the uploaded lists, and the apology list and apology send against
// the affected audience, recipients outside it flagged in words as well as colour. Editors also get the CSV of
// the affected audience, list uploads and the incident's send ids; viewers see the counts only.
import { DEFAULT_SEND_WINDOW_HOURS, type AudienceComparison, type AudienceSummary } from '#shared/schema/audience.ts';
import { streamsText } from '#shared/kinds.ts';
import type { Incident } from '#shared/schema/incidents.ts';
import { useAudienceQuery } from '../../api/audience.ts';
import { count, dateTime } from '../../format.ts';
import { ErrorBox, Loading } from '../States.tsx';
import { DownloadAudience } from './DownloadAudience.tsx';
import { ListRow } from './ListRow.tsx';
import { SendsForm } from './SendsForm.tsx';

// A first-day window can hold dozens of sends; the first few say which ones, the count says the rest.
const MAX_SENDS_SHOWN = 8;

function Sends({ a, incident, canEdit }: { a: AudienceSummary; incident: Incident; canEdit: boolean }) {
  const shown = a.sends.slice(0, MAX_SENDS_SHOWN);
  const list = shown.length === 0 ? null : (
    <ul className="audience-sends">
      {shown.map((s) => (
        <li key={s.send_id} data-send={s.send_id}>
          <code>{s.send_id}</code>{' '}
          {s.stream === null
            ? <span className="muted">no events of this send loaded</span>
            : <span className="muted">{s.stream}, {dateTime(s.sent_at)}, {count(s.injected)} injected</span>}
        </li>
      ))}
      {a.sends.length > shown.length && <li className="muted">…and {count(a.sends.length - shown.length)} more</li>}
    </ul>
  );
  if (a.sends_from === 'named') return <div className="audience-basis" data-sends-from="named"><p>Based on the sends this incident names:</p>{list}</div>;
  return (
    <div className="audience-basis" data-sends-from="window">
      <p>
        Based on the first-day window: the sends of {streamsText(incident.streams)} in the {DEFAULT_SEND_WINDOW_HOURS} h after the incident
        {a.sends.length === 0 ? ' — there are none.' : ':'}
      </p>
      {list}
      <p className="help hint">{canEdit ? 'Name the bad sends below for an exact audience: the window may hold sends that were fine.' : 'An editor can name the bad sends for an exact audience.'}</p>
    </div>
  );
}

function Term({ n, label, term }: { n: number; label: string; term: string }) {
  return <span className="term" data-term={term}><strong className="num">{count(n)}</strong> {label}</span>;
}

function Comparison({ name, c, known, send }: { name: string; c: AudienceComparison; known: boolean; send: boolean }) {
  const beyond = c.outside > 0;
  const tone = !known ? 'warn' : beyond ? 'bad' : 'ok';
  const badge = !known ? 'Not checked' : beyond ? (send ? 'Went beyond the audience' : 'Blocks the apology') : 'Within the audience';
  return (
    <div className={`audience-compare tone-box-${tone}`} data-compare={send ? 'apology_send' : 'apology_list'} data-outside={c.outside}>
      <p>
        <span className={`badge tone-${tone}`}>{badge}</span> <strong>{name}</strong>: {count(c.recipients)} recipient(s)
        {known && (beyond
          ? <>, <strong className="error-text">{count(c.outside)} outside the affected audience</strong> (not reached by the incident’s sends, bounced, or suppressed).</>
          : ', all within the affected audience.')}
        {!known && ': cannot be checked, because the incident’s sends name no recipients.'}
      </p>
      {known && beyond && (
        <>
          <p className="small">{send ? 'It reached people the incident did not, e.g.:' : 'Remove them before sending, e.g.:'}</p>
          <ul className="outside-examples" aria-label={`${name}: recipients outside the affected audience`}>
            {c.examples.map((e) => <li key={e}><span className="outside-mark" aria-hidden="true">✕</span> <code>{e}</code> <span className="small">outside</span></li>)}
          </ul>
          {c.outside > c.examples.length && <p className="muted small">…and {count(c.outside - c.examples.length)} more.</p>}
        </>
      )}
    </div>
  );
}

function Summary({ a, incident, canEdit }: { a: AudienceSummary; incident: Incident; canEdit: boolean }) {
  const known = a.recipients > 0;
  return (
    <>
      <Sends a={a} incident={incident} canEdit={canEdit} />
      <p className="audience-math">
        <Term n={a.recipients} label="recipients" term="recipients" /> − <Term n={a.bounced} label="bounced" term="bounced" /> −{' '}
        <Term n={a.suppressed} label="suppressed" term="suppressed" /> = <Term n={a.affected} label="affected" term="affected" />
      </p>
      <p className="help">Bounced: every message to them bounced, so the mistake never arrived. Suppressed: on the suppression list below.</p>
      {a.events_without_recipient > 0 && (
        <div className="notice warn" role="status" data-warning="events_without_recipient">
          <strong>Warning: the audience is incomplete.</strong> {count(a.events_without_recipient)} event(s) of these sends name no recipient.
          Load the ESP’s events with a <code>recipient</code> field to count everyone.
        </div>
      )}
      {incident.kind === 'suppression_list_send' && (
        <div className="notice warn" role="status"><strong>Do not send an apology:</strong> this incident mailed a suppression list, and another email makes it worse.</div>
      )}
      <h3>Lists</h3>
      <ul className="audience-lists">
        <ListRow incidentId={incident.id} list="suppression" info={a.lists.suppression} canEdit={canEdit} />
        <ListRow incidentId={incident.id} list="apology" info={a.lists.apology} canEdit={canEdit} />
      </ul>
      {a.apology_list && <Comparison name="Apology list" c={a.apology_list} known={known} send={false} />}
      {a.apology_send && <Comparison name={`Apology send ${a.apology_send.send_id}`} c={a.apology_send} known={known} send />}
      {a.apology_send && a.apology_send.recipients === 0 && (
        <p className="muted small">No events of the apology send with a recipient are loaded yet; it is compared once they are.</p>
      )}
      {canEdit && <DownloadAudience incidentId={incident.id} affected={a.affected} />}
    </>
  );
}

export function AudiencePanel({ incident, canEdit }: { incident: Incident; canEdit: boolean }) {
  const audience = useAudienceQuery(incident.id);
  return (
    <section className="panel audience" aria-labelledby="audience-title">
      <h2 id="audience-title">Audience</h2>
      <p className="muted small">Who the incident’s sends reached: the only people an apology may go to.</p>
      {audience.status === 'loading' && <Loading what="the audience" />}
      {audience.status === 'error' && <ErrorBox what="the audience" error={audience.error} retryKey={['audience', incident.id]} />}
      {audience.status === 'success' && <Summary a={audience.data} incident={incident} canEdit={canEdit} />}
      {canEdit && <SendsForm key={`${incident.send_ids.join(',')}|${incident.apology_send_id ?? ''}`} incident={incident} />}
    </section>
  );
}
