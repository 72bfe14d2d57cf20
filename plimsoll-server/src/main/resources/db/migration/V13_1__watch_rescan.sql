-- The rescan (watcher.rescan): every analysed image matched and evaluated again on a schedule and after each feed
-- update. One row says when the last full pass started and finished, so replicas sharing the schedule run it once
-- per period: whoever holds the watcher's advisory lock when it is due. A pass that crashed leaves finished_at
-- behind started_at and is simply run again (a rescan writes only what changed). Numbered 13.1 so parallel
-- migrations of other areas merge without a clash.
CREATE TABLE watch_rescan (
    id              integer PRIMARY KEY CHECK (id = 1),
    started_at      timestamptz NOT NULL,
    finished_at     timestamptz,
    reason          text NOT NULL,          -- schedule or feed update
    images          integer NOT NULL DEFAULT 0,
    changed         integer NOT NULL DEFAULT 0
);
