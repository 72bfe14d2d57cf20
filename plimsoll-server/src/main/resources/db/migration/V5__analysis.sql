-- The Anchore-style analysis API: image records, the shared analysis queue, stored analyses and policy bundles.

-- One submission of an image (by tag or digest). The digest is known once the analysis pulled the manifest.
CREATE TABLE analysis_image (
    id              text PRIMARY KEY,
    tag             text,                  -- host/repo:tag as submitted (normalised), null for a digest alone
    pull_reference  text NOT NULL,         -- what the worker pulls: host/repo:tag or host/repo@sha256:…
    image_digest    text,                  -- manifest digest, once known
    status          text NOT NULL CHECK (status IN ('not_analyzed', 'analyzing', 'analyzed', 'analysis_failed')),
    error           text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_updated    timestamptz NOT NULL DEFAULT now(),
    analyzed_at     timestamptz
);
CREATE INDEX analysis_image_digest ON analysis_image (image_digest);
CREATE INDEX analysis_image_tag ON analysis_image (tag);

-- What an analysis found, once per manifest digest, shared by every record of that digest.
CREATE TABLE analysis_result (
    image_digest    text PRIMARY KEY,
    config_digest   text,
    distro          text,                  -- id:version_id, e.g. alpine:3.19.1
    package_count   integer NOT NULL,
    document        bytea NOT NULL,        -- gzipped JSON: inventory, file tree, content findings
    analyzed_at     timestamptz NOT NULL DEFAULT now()
);

-- The queue: taken with FOR UPDATE SKIP LOCKED under a lease renewed by the worker's heartbeat. A running job whose
-- lease expired (its replica died) is taken again; only the current lease owner can complete it.
CREATE TABLE analysis_job (
    id              bigserial PRIMARY KEY,
    image_id        text NOT NULL REFERENCES analysis_image (id) ON DELETE CASCADE,
    state           text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
    attempts        integer NOT NULL DEFAULT 0,
    lease_owner     text,
    lease_until     timestamptz,
    last_error      text,
    completed_by    text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX analysis_job_open ON analysis_job (id) WHERE state IN ('queued', 'running');

-- Anchore policy bundles; at most one active (the built-in default pack applies when none is).
CREATE TABLE analysis_policy (
    policy_id       text PRIMARY KEY,
    name            text NOT NULL,
    bundle          bytea NOT NULL,        -- the bundle JSON as uploaded
    active          boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_updated    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX analysis_policy_one_active ON analysis_policy (active) WHERE active;
