-- The last policy evaluation of each image, so the web UI's images table and dashboard read one row per image
-- instead of matching and evaluating it per request. Written when an image is analysed or evaluated; a row made
-- with another bundle or other feed data is stale and is re-evaluated in the background, never while a page waits.
-- The counts come from the same findings the evaluation saw, so the table and the image page agree.
CREATE TABLE image_evaluation (
    account           text NOT NULL REFERENCES account (name) ON DELETE CASCADE,
    image_digest      text NOT NULL REFERENCES analysis_result (image_digest) ON DELETE CASCADE,
    image_name        text NOT NULL,      -- the tag (else the pull reference) the policy's mappings selected by
    policy_key        text NOT NULL,      -- the bundle's id@last update, or the built-in pack's name
    data_key          text NOT NULL,      -- SHA-256 of the feed data version the findings were matched against
    final_action      text NOT NULL CHECK (final_action IN ('GO', 'WARN', 'STOP')),
    critical          integer NOT NULL,
    high              integer NOT NULL,
    medium            integer NOT NULL,
    low               integer NOT NULL,
    other             integer NOT NULL,
    kev               integer NOT NULL,
    fixable           integer NOT NULL,
    critical_fixable  integer NOT NULL,
    evaluated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account, image_digest, image_name)
);
-- the images table's join from analysis_image (account, digest, name) is the primary key; a cascade from
-- analysis_result needs the digest alone
CREATE INDEX image_evaluation_digest ON image_evaluation (image_digest);
