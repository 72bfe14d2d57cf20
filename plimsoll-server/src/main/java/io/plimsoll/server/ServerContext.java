package io.plimsoll.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.plimsoll.server.config.ServerConfig;
import io.plimsoll.server.db.Database;
import io.plimsoll.server.http.JsonLog;
import io.plimsoll.server.index.IndexAdmission;
import java.time.Clock;

/**
 * What every module gets: the configuration, the database, the metrics registry, the log, a clock (tests move
 * it), a name for this replica (used as the lease owner of queued jobs), and the heap's slots for layer walks that
 * every module walking layers takes one of (index requests, uploads, analyses).
 */
public record ServerContext(ServerConfig config, Database database, MeterRegistry metrics, JsonLog log, Clock clock,
                            String instanceId, IndexAdmission indexing) {
}
