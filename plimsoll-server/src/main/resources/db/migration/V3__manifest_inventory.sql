-- The catalogued distro and packages of each indexed manifest, as the matcher rebuilds them (file lists left out:
-- matching does not read them, and they are most of a package's size). Null for a manifest whose indexing failed.
ALTER TABLE manifest ADD COLUMN inventory JSONB;
