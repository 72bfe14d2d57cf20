-- Vulnerability data, version 2: every enrichment row carries the source that wrote it, so one source's KEV, EPSS
-- or CVSS rows can be replaced (or kept after a failed update) on their own, as V1 already does for advisories.
ALTER TABLE kev ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE epss ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE cvss ADD COLUMN source TEXT NOT NULL DEFAULT '';
CREATE INDEX kev_by_source ON kev (source);
CREATE INDEX epss_by_source ON epss (source);
CREATE INDEX cvss_by_source ON cvss (source);
-- one assessment per CVE, version, scorer and vector (as the CLI's SQLite store): a repeated one replaces the first
CREATE UNIQUE INDEX cvss_identity ON cvss (cve, (data ->> 'version'), (data ->> 'source'), (data ->> 'vector'));
