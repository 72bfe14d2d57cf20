-- Plimsoll server schema, version 1: vulnerability data, update operations, and the content-addressed index.
-- Later features add their own V<n>__*.sql files; never edit a released migration.

-- Vulnerability data, loaded by the same updaters as the CLI's SQLite store. Each source's rows are replaced in one
-- transaction per update, so readers see either the old or the new data of a source.
CREATE TABLE vuln_source (
    name         TEXT PRIMARY KEY,
    url          TEXT NOT NULL DEFAULT '',
    fetched_at   TIMESTAMPTZ,
    attempted_at TIMESTAMPTZ,
    records      BIGINT NOT NULL DEFAULT 0,
    checksum     TEXT NOT NULL DEFAULT '',
    validators   JSONB NOT NULL DEFAULT '{}',
    state        JSONB NOT NULL DEFAULT '{}',
    last_error   TEXT
);

CREATE TABLE advisory (
    source TEXT NOT NULL,
    id     TEXT NOT NULL,
    data   JSONB NOT NULL,
    PRIMARY KEY (source, id)
);

CREATE TABLE affected (
    id          BIGSERIAL PRIMARY KEY,
    source      TEXT NOT NULL,
    advisory_id TEXT NOT NULL,
    namespace   TEXT NOT NULL,
    name        TEXT NOT NULL,
    data        JSONB NOT NULL
);
CREATE INDEX affected_lookup ON affected (namespace, name);
CREATE INDEX affected_by_advisory ON affected (source, advisory_id);

CREATE TABLE kev (
    cve  TEXT PRIMARY KEY,
    data JSONB NOT NULL
);

CREATE TABLE epss (
    cve        TEXT PRIMARY KEY,
    score      DOUBLE PRECISION NOT NULL,
    percentile DOUBLE PRECISION NOT NULL,
    day        DATE
);

CREATE TABLE cvss (
    cve  TEXT NOT NULL,
    data JSONB NOT NULL
);
CREATE INDEX cvss_by_cve ON cvss (cve);

-- One row per update of one source that changed something (Clair's update operation); its diff lists what changed.
CREATE TABLE update_operation (
    ref         UUID PRIMARY KEY,
    source      TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    kind        TEXT NOT NULL DEFAULT 'vulnerability',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    added       INT NOT NULL DEFAULT 0,
    removed     INT NOT NULL DEFAULT 0
);
CREATE INDEX update_operation_by_source ON update_operation (source, created_at DESC);

CREATE TABLE update_diff (
    ref         UUID NOT NULL REFERENCES update_operation (ref) ON DELETE CASCADE,
    change      TEXT NOT NULL CHECK (change IN ('added', 'removed')),
    advisory_id TEXT NOT NULL,
    namespace   TEXT NOT NULL,
    name        TEXT NOT NULL,
    data        JSONB NOT NULL
);
CREATE INDEX update_diff_by_ref ON update_diff (ref);

-- What was learned from one layer, keyed by its digest and the index state (the cataloger set that read it):
-- a layer indexed once is never fetched again while the index state stays the same.
CREATE TABLE layer_index (
    digest      TEXT NOT NULL,
    index_state TEXT NOT NULL,
    data        BYTEA NOT NULL,
    entries     INT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (digest, index_state)
);

-- One indexed manifest: its Clair index report and the packages that matching reads.
CREATE TABLE manifest (
    digest      TEXT PRIMARY KEY,
    index_state TEXT NOT NULL,
    state       TEXT NOT NULL,
    success     BOOLEAN NOT NULL DEFAULT false,
    err         TEXT NOT NULL DEFAULT '',
    report      JSONB NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE manifest_layer (
    manifest TEXT NOT NULL REFERENCES manifest (digest) ON DELETE CASCADE,
    position INT NOT NULL,
    layer    TEXT NOT NULL,
    PRIMARY KEY (manifest, position)
);
CREATE INDEX manifest_layer_by_layer ON manifest_layer (layer);

-- The packages of each manifest by (namespace, name) as the match rules look them up, so that "which manifests
-- does this advisory affect" is an index lookup instead of a scan of every report.
CREATE TABLE manifest_package (
    manifest  TEXT NOT NULL REFERENCES manifest (digest) ON DELETE CASCADE,
    namespace TEXT NOT NULL,
    name      TEXT NOT NULL,
    version   TEXT NOT NULL
);
CREATE INDEX manifest_package_lookup ON manifest_package (namespace, name);
CREATE INDEX manifest_package_by_manifest ON manifest_package (manifest);
