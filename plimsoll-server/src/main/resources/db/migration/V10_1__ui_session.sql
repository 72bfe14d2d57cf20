-- Web UI sign-ins. Only a SHA-256 of the cookie's token is kept, so a copy of this table signs no one in.
CREATE TABLE ui_session (
    token_hash      text PRIMARY KEY,
    username        text NOT NULL,
    account         text NOT NULL REFERENCES account (name) ON DELETE CASCADE,
    admin           boolean NOT NULL,
    csrf_token      text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL
);
CREATE INDEX ui_session_expires ON ui_session (expires_at);
