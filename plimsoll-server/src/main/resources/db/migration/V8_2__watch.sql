-- Anchore's subscriptions, the events their hits raise, and the webhook deliveries of those events.

-- One subscription of an account: a tag (tag_update, vuln_update, policy_eval, analysis_update) or a repository
-- (repo_update, host/repo). last_state is what the watcher saw last (a digest, a vulnerability list, a final
-- action, an analysis status), so a change between two ticks is one event.
CREATE TABLE watch_subscription (
    id              text PRIMARY KEY,
    account         text NOT NULL REFERENCES account (name) ON DELETE CASCADE,
    type            text NOT NULL CHECK (type IN ('tag_update', 'repo_update', 'vuln_update', 'policy_eval',
                                                  'analysis_update')),
    key             text NOT NULL,
    value           text,
    active          boolean NOT NULL DEFAULT false,
    last_state      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_updated    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (account, type, key)
);
CREATE INDEX watch_subscription_active ON watch_subscription (type) WHERE active;

CREATE TABLE watch_event (
    id              text PRIMARY KEY,
    account         text NOT NULL REFERENCES account (name) ON DELETE CASCADE,
    type            text NOT NULL,          -- Anchore's event type, e.g. user.checks.tag_update
    level           text NOT NULL DEFAULT 'INFO',
    resource_type   text NOT NULL,
    resource_id     text NOT NULL,
    message         text NOT NULL,
    details         text NOT NULL DEFAULT '{}',
    host_id         text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX watch_event_account ON watch_event (account, created_at);

-- The outbox: one row per event to announce, written in the event's transaction, so a delivery survives a
-- restart; taken FOR UPDATE SKIP LOCKED for one POST, retried with doubling delays until a 2xx answer.
CREATE TABLE watch_delivery (
    id              bigserial PRIMARY KEY,
    event_id        text NOT NULL REFERENCES watch_event (id) ON DELETE CASCADE,
    url             text NOT NULL,
    body            text NOT NULL,
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt    timestamptz NOT NULL DEFAULT now(),
    delivered_at    timestamptz,
    last_error      text
);
CREATE INDEX watch_delivery_due ON watch_delivery (next_attempt) WHERE delivered_at IS NULL;
