-- What anchore-cli's image add sends with a tag besides the reference: the Dockerfile (base64, as sent) and the
-- annotations (a JSON object of strings). Numbered 7.1 so a parallel V7 of another area merges without a clash.
ALTER TABLE analysis_image ADD COLUMN dockerfile text;
ALTER TABLE analysis_image ADD COLUMN annotations text NOT NULL DEFAULT '{}';
