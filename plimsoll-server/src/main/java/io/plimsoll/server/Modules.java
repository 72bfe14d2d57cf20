package io.plimsoll.server;

import io.plimsoll.server.account.AccountApiModule;
import io.plimsoll.server.analysis.AnalysisApiModule;
import io.plimsoll.server.analysis.AnalysisWorkerModule;
import io.plimsoll.server.analysis.SystemApiModule;
import io.plimsoll.server.config.ServerConfig.Role;
import io.plimsoll.server.index.IndexedManifests;
import io.plimsoll.server.index.IndexerModule;
import io.plimsoll.server.index.MatcherModule;
import io.plimsoll.server.index.PostgresManifests;
import io.plimsoll.server.notify.NotifierModule;
import io.plimsoll.server.registry.RegistryApiModule;
import io.plimsoll.server.watch.RescanModule;
import io.plimsoll.server.watch.SubscriptionRepository;
import io.plimsoll.server.watch.WatchApiModule;
import io.plimsoll.server.watch.WatcherModule;
import io.plimsoll.server.query.QueryApiModule;
import io.plimsoll.server.vulndb.CachingVulnStore;
import io.plimsoll.server.vulndb.UpdateOperationsModule;
import io.plimsoll.server.vulndb.UpdaterModule;
import io.plimsoll.vuln.store.VulnStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Which modules a process runs for its roles: the one place a feature of the service is wired in. */
final class Modules {

    /**
     * Decoded affected rows kept in memory by the matcher's store; each lookup still checks the data version in
     * PostgreSQL first, so a feed update by any replica is seen at once.
     */
    private static final int CACHED_PACKAGES = 200_000;
    /** Serialised vulnerability reports kept by the matcher (a 500-package Debian image's is about 1 MB). */
    private static final long CACHED_REPORT_BYTES = 64L << 20;

    private Modules() {
    }

    static List<ServerModule> forRoles(ServerContext ctx) throws Exception {
        VulnStore store = new CachingVulnStore(ctx.database().dataSource(), CACHED_PACKAGES);
        IndexedManifests manifests = new PostgresManifests(ctx.database().dataSource());
        List<ServerModule> out = new ArrayList<>();
        Optional<UpdaterModule> updater = ctx.config().has(Role.UPDATER) ? Optional.of(new UpdaterModule(ctx))
                : Optional.empty();
        updater.ifPresent(out::add);
        if (ctx.config().has(Role.INDEXER)) {
            out.add(new IndexerModule(ctx));
            out.add(new AnalysisWorkerModule(ctx, null, store));
        }
        if (ctx.config().has(Role.MATCHER)) {
            out.add(new MatcherModule(ctx, manifests, store, CACHED_REPORT_BYTES));
            out.add(new UpdateOperationsModule(ctx));
        }
        if (ctx.config().has(Role.NOTIFIER)) {
            out.add(new NotifierModule(ctx, store, manifests));
            out.add(new WatcherModule(ctx, store));
        }
        if (ctx.config().has(Role.NOTIFIER) || updater.isPresent()) {
            RescanModule rescan = new RescanModule(ctx, store);
            out.add(rescan);
            updater.ifPresent(u -> u.addListener(rescan::feedsUpdated));
        }
        if (ctx.config().has(Role.API)) {
            out.add(new AnalysisApiModule(ctx, store, updater,
                    new SubscriptionRepository(ctx.database())::tagAdded));
            out.add(new AccountApiModule(ctx));
            out.add(new SystemApiModule(ctx));
            out.add(new QueryApiModule(ctx));
            out.add(new RegistryApiModule(ctx));
            out.add(new WatchApiModule(ctx, store));
            out.add(new io.plimsoll.server.ui.UiModule(ctx, store));
            out.add(new io.plimsoll.server.harbor.HarborScannerModule(ctx, store));
            out.add(new io.plimsoll.server.webhook.PushWebhookModule(ctx, new SubscriptionRepository(ctx.database())::tagAdded));
        }
        return out;
    }
}
