-- Anchore's import operations (/v1/imports/images): a client opens an operation, uploads the image's contents
-- (syft's package document, manifest, config, Dockerfile) under it, then adds the image with
-- {"source": {"import": {"operation_uuid", "digest", "contents": {...}}}}. An operation and its uploads go after a
-- day (expires_at); the analysis an import makes is stored as any other. Numbered 13.2 so parallel migrations of
-- other areas merge without a clash.
CREATE TABLE analysis_import (
    id              text PRIMARY KEY,
    account         text NOT NULL REFERENCES account (name) ON DELETE CASCADE,
    status          text NOT NULL DEFAULT 'pending',   -- pending, complete, failed, expired (Anchore's names)
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL
);
CREATE INDEX analysis_import_account ON analysis_import (account, created_at);

CREATE TABLE analysis_import_content (
    import_id       text NOT NULL REFERENCES analysis_import (id) ON DELETE CASCADE,
    kind            text NOT NULL,           -- packages, manifest, parent_manifest, image_config, dockerfile
    digest          text NOT NULL,           -- sha256: of the body as uploaded
    body            bytea NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (import_id, kind, digest)
);
