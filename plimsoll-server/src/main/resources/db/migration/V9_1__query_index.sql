-- Anchore's queries (/v1/query/...) read these tables instead of matching every image again. They are kept per
-- manifest digest, as the analysis they come from is, and go with it; a query joins analysis_image for the
-- caller's account. Numbered 9.1 so parallel migrations of other areas merge without a clash.

-- The packages an analysis found (written when the analysis is stored).
CREATE TABLE query_package (
    image_digest    text NOT NULL REFERENCES analysis_result (image_digest) ON DELETE CASCADE,
    name            text NOT NULL,
    version         text NOT NULL,
    type            text NOT NULL            -- Anchore's package type: dpkg, APKG, rpm, java, npm, python, …
);
CREATE INDEX query_package_name ON query_package (name, image_digest);
CREATE INDEX query_package_digest ON query_package (image_digest);

-- The findings of the image's last match (written when the analysis is stored, and again whenever the image is
-- matched and the findings differ).
CREATE TABLE query_finding (
    image_digest    text NOT NULL REFERENCES analysis_result (image_digest) ON DELETE CASCADE,
    vuln_id         text NOT NULL,
    namespace       text NOT NULL,           -- the feed group the advisory is filed in: alpine:3.19, npm, …
    package_name    text NOT NULL,
    package_version text NOT NULL,
    package_type    text NOT NULL,
    severity        text NOT NULL,           -- Anchore's label: Unknown, Negligible, Low, Medium, High, Critical
    will_not_fix    boolean NOT NULL,
    fixed_in        text
);
CREATE INDEX query_finding_vuln ON query_finding (vuln_id, image_digest);
CREATE INDEX query_finding_digest ON query_finding (image_digest);

-- What each digest's finding rows were made from: a re-match that finds the same set writes nothing.
CREATE TABLE query_match (
    image_digest    text PRIMARY KEY REFERENCES analysis_result (image_digest) ON DELETE CASCADE,
    findings_hash   text NOT NULL,
    matched_at      timestamptz NOT NULL DEFAULT now()
);

-- The image records of a digest within an account, found fast for a query's page of digests.
CREATE INDEX analysis_image_account_digest ON analysis_image (account, image_digest) WHERE status = 'analyzed';

-- /v1/query/vulnerabilities looks advisories up by id across sources.
CREATE INDEX advisory_by_id ON advisory (id);
