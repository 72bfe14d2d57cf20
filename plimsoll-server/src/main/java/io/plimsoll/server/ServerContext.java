package io.plimsoll.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.plimsoll.server.config.ServerConfig;
import io.plimsoll.server.db.Database;
import io.plimsoll.server.http.JsonLog;
import java.time.Clock;

/**
 * What every module gets: the configuration, the database, the metrics registry, the log, a clock (tests move
 * it), and a name for this replica (used as the lease owner of queued jobs).
 */
public record ServerContext(ServerConfig config, Database database, MeterRegistry metrics, JsonLog log, Clock clock,
                            String instanceId) {
}
