-- ESP webhook events Rebound cannot use even after the fallbacks (docs/webhooks.md, "Quarantine"): kept as the ESP
-- sent them — payload (the event's part of the post, JSON), ESP, reason, received_at — never dropped, until a
-- replay after a fix of the mapping or settings moves them into the events. `item` is which of the payload's events
-- it is (an SES notification names several recipients). qkey (MD5 of ESP, item and payload) keeps a redelivered
-- post's event once. The payload may hold recipient addresses: reading it needs the editor role.
CREATE SEQUENCE webhook_quarantine_seq START 1;
CREATE TABLE webhook_quarantine (
  id          BIGINT PRIMARY KEY DEFAULT nextval('webhook_quarantine_seq'),
  qkey        UHUGEINT NOT NULL UNIQUE,
  esp         VARCHAR NOT NULL,
  reason      VARCHAR NOT NULL,
  payload     VARCHAR NOT NULL,
  item        INTEGER NOT NULL,
  received_at TIMESTAMP NOT NULL
);

-- Webhook event identity is now ESP + the ESP's event id + the ESP's event type (docs/webhooks.md, "Identity"):
-- before, it was the ESP's event id alone, and events sharing an id collapsed. Events stored by webhooks before
-- this migration get the new identity, from the stored canonical type back to the ESP's own type name, so a
-- redelivery of them still finds them. Where two ESP types share a canonical type (SendGrid group_unsubscribe,
-- blocked; SparkPost out_of_band, initial_open, link_unsubscribe), the common one is assumed: a late redelivery of
-- the rarer one after the upgrade is stored a second time.
UPDATE events SET event_id = n.new_id, event_key = md5_number('id:' || n.new_id)
  FROM (SELECT e.event_key AS old_key, substr(r.source, 9) || ':' || e.event_id || ':' || m.kind AS new_id
          FROM events e
          JOIN ingest_runs r ON r.id = e.ingest_id
          JOIN (VALUES
            ('webhook:sendgrid', 'injection', 'processed'), ('webhook:sendgrid', 'delivery', 'delivered'),
            ('webhook:sendgrid', 'bounce', 'bounce'), ('webhook:sendgrid', 'deferral', 'deferred'),
            ('webhook:sendgrid', 'complaint', 'spamreport'), ('webhook:sendgrid', 'unsubscribe', 'unsubscribe'),
            ('webhook:sendgrid', 'open', 'open'), ('webhook:sendgrid', 'click', 'click'),
            ('webhook:ses', 'injection', 'Send'), ('webhook:ses', 'delivery', 'Delivery'), ('webhook:ses', 'bounce', 'Bounce'),
            ('webhook:ses', 'complaint', 'Complaint'), ('webhook:ses', 'deferral', 'DeliveryDelay'), ('webhook:ses', 'open', 'Open'),
            ('webhook:ses', 'click', 'Click'), ('webhook:ses', 'unsubscribe', 'Subscription'),
            ('webhook:mailgun', 'injection', 'accepted'), ('webhook:mailgun', 'delivery', 'delivered'),
            ('webhook:mailgun', 'bounce', 'failed'), ('webhook:mailgun', 'deferral', 'failed'),
            ('webhook:mailgun', 'open', 'opened'), ('webhook:mailgun', 'click', 'clicked'),
            ('webhook:mailgun', 'unsubscribe', 'unsubscribed'), ('webhook:mailgun', 'complaint', 'complained'),
            ('webhook:sparkpost', 'injection', 'injection'), ('webhook:sparkpost', 'delivery', 'delivery'),
            ('webhook:sparkpost', 'bounce', 'bounce'), ('webhook:sparkpost', 'deferral', 'delay'),
            ('webhook:sparkpost', 'complaint', 'spam_complaint'), ('webhook:sparkpost', 'open', 'open'),
            ('webhook:sparkpost', 'click', 'click'), ('webhook:sparkpost', 'unsubscribe', 'list_unsubscribe')
          ) AS m(source, type, kind) ON m.source = r.source AND m.type = e.type
         WHERE e.event_id IS NOT NULL) n
 WHERE events.event_key = n.old_key;
