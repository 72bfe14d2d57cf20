package io.plimsoll.server;

import io.plimsoll.server.config.ServerConfig.Role;
import java.util.ArrayList;
import java.util.List;

/** Which modules a process runs for its roles: the one place a new feature of the service is wired in. */
final class Modules {

    private Modules() {
    }

    static List<ServerModule> forRoles(ServerContext ctx) {
        List<ServerModule> out = new ArrayList<>();
        if (ctx.config().has(Role.INDEXER)) {
            out.add(new io.plimsoll.server.index.IndexerModule(ctx));
        }
        // MATCHER: new io.plimsoll.server.index.MatcherModule(ctx, <the PostgreSQL VulnStore>) once that store exists
        if (ctx.config().has(Role.UPDATER)) {
            out.add(new io.plimsoll.server.vulndb.UpdaterModule(ctx));
        }
        if (ctx.config().has(Role.MATCHER)) {
            out.add(new io.plimsoll.server.vulndb.UpdateOperationsModule(ctx));
        }
        return out;
    }
}
