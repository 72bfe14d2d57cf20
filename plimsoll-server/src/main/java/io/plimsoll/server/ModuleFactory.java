package io.plimsoll.server;

import java.util.List;

/** Creates the modules a server runs; production uses the roles' modules, tests pass their own. */
@FunctionalInterface
public interface ModuleFactory {

    List<ServerModule> create(ServerContext context) throws Exception;
}
