-- Anchore's feed switches (anchore-cli system feeds config --enable/--disable): a disabled feed or group is not
-- updated by any replica's updater; its data is kept. group '' is the whole feed. Numbered 9.2 so parallel
-- migrations of other areas merge without a clash.
CREATE TABLE feed_setting (
    feed        text NOT NULL,
    grp         text NOT NULL DEFAULT '',
    enabled     boolean NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (feed, grp)
);
