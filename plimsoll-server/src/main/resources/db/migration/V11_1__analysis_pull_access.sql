-- How to pull a submission whose registry named itself: Harbor's scan request gives the registry's URL and a
-- short-lived Authorization value (its robot account) per artifact. Kept only while the job may still run: the
-- worker deletes the row when the job is done or failed for good. Numbered 11.1 so parallel migrations merge.
CREATE TABLE analysis_pull_access (
    image_id        text PRIMARY KEY REFERENCES analysis_image (id) ON DELETE CASCADE,
    registry_url    text NOT NULL,         -- https://host[:port] or http://host[:port] as the requester gave it
    auth_header     text                   -- "Basic …" or "Bearer …", null for anonymous pulls
);
