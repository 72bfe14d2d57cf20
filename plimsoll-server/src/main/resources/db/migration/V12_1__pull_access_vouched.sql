-- A push webhook names the registry an image is pulled from, but not credentials the server should trust: its row
-- says only HTTP or HTTPS (vouched false), and the pull keeps the account's registered credentials and the address
-- guard. Harbor's rows stay vouched. Numbered 12.1 so parallel migrations merge.
ALTER TABLE analysis_pull_access ADD COLUMN vouched boolean NOT NULL DEFAULT true;
