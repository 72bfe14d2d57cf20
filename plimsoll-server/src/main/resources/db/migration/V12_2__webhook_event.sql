-- Push notifications already acted on, so a replay (a registry retrying a delivery it thinks failed, or the same
-- event sent twice) queues nothing new, whichever replica receives it. Keyed by the sender's event id, or a hash of
-- what the push names when the sender gives no id; rows expire (and their number is capped) in WebhookEvents.
CREATE TABLE webhook_event (
    id          text PRIMARY KEY,         -- "<sender>:<event id or sha256 of repository, digest/tags and time>"
    seen_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_event_seen_at ON webhook_event (seen_at);
