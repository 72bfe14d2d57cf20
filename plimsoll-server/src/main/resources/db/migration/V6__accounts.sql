-- Anchore's accounts and users: every image record and policy bundle belongs to one account. Rows from before
-- accounts existed belong to the admin account.

CREATE TABLE account (
    name            text PRIMARY KEY,
    type            text NOT NULL DEFAULT 'user' CHECK (type IN ('user', 'admin', 'service')),
    state           text NOT NULL DEFAULT 'enabled' CHECK (state IN ('enabled', 'disabled', 'deleting')),
    email           text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_updated    timestamptz NOT NULL DEFAULT now()
);
INSERT INTO account (name, type) VALUES ('admin', 'admin');

-- A user name is unique across accounts (Basic auth names no account). The password is a bcrypt hash.
CREATE TABLE account_user (
    username        text PRIMARY KEY,
    account_name    text NOT NULL REFERENCES account (name) ON DELETE CASCADE,
    password_hash   text,
    password_set_at timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_updated    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX account_user_account ON account_user (account_name);

ALTER TABLE analysis_image ADD COLUMN account text NOT NULL DEFAULT 'admin'
    REFERENCES account (name) ON DELETE CASCADE;
CREATE INDEX analysis_image_account ON analysis_image (account, created_at);

-- A policy id is unique within its account, and each account has at most one active bundle.
ALTER TABLE analysis_policy ADD COLUMN account text NOT NULL DEFAULT 'admin'
    REFERENCES account (name) ON DELETE CASCADE;
ALTER TABLE analysis_policy DROP CONSTRAINT analysis_policy_pkey;
ALTER TABLE analysis_policy ADD PRIMARY KEY (account, policy_id);
DROP INDEX analysis_policy_one_active;
CREATE UNIQUE INDEX analysis_policy_one_active ON analysis_policy (account) WHERE active;
