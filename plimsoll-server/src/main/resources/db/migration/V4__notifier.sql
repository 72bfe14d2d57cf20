-- Notifier: which update operations were turned into notifications, what each manifest was last known to be
-- vulnerable to, the notifications themselves with their items, and each notification's webhook delivery state.

-- One row per update operation the notifier has handled (its cursor): a restart resumes after the last one, and a
-- replica that finds a row here never processes that update again.
CREATE TABLE notifier_processed (
    ref          UUID PRIMARY KEY,
    notification UUID,              -- null when the update changed no indexed manifest
    error        TEXT,              -- set when the update could not be processed (bad diff data); it is skipped
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- What each manifest was last known to be affected by, per vulnerability an update changed: the summary a
-- "removed" item reports, or null when the manifest was known NOT to be affected. A vulnerability with no row here
-- is judged from the data as it was before the update (the update's diff reverted).
CREATE TABLE notifier_snapshot (
    manifest TEXT NOT NULL,
    vuln_id  TEXT NOT NULL,
    summary  JSONB,
    PRIMARY KEY (manifest, vuln_id)
);

-- One notification per processed update that changed something; delivery state lives here so a restart between
-- processing and delivery loses nothing.
CREATE TABLE notification (
    id           UUID PRIMARY KEY,
    ref          UUID NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    deleted_at   TIMESTAMPTZ,
    delivered_at TIMESTAMPTZ,
    attempts     INT NOT NULL DEFAULT 0,
    next_attempt TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_error   TEXT
);
CREATE INDEX notification_due ON notification (next_attempt) WHERE delivered_at IS NULL AND deleted_at IS NULL;

-- The items of a notification (Clair's "notification" objects), in page order.
CREATE TABLE notification_item (
    id           UUID PRIMARY KEY,
    notification UUID NOT NULL REFERENCES notification (id) ON DELETE CASCADE,
    seq          INT NOT NULL,
    manifest     TEXT NOT NULL,
    reason       TEXT NOT NULL CHECK (reason IN ('added', 'removed')),
    vuln_id      TEXT NOT NULL,
    summary      JSONB NOT NULL,
    UNIQUE (notification, seq)
);
