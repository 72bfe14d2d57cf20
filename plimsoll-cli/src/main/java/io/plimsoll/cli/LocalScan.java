package io.plimsoll.cli;

import io.plimsoll.app.DataGate;
import io.plimsoll.app.FindingSource;
import io.plimsoll.app.LocalFindings;
import io.plimsoll.app.PolicyCheck;
import io.plimsoll.app.ScanInput;
import io.plimsoll.app.ScanRequest;
import io.plimsoll.app.ScanResult;
import io.plimsoll.app.ScanService;
import io.plimsoll.catalog.SkippedPaths;
import io.plimsoll.cli.remote.RemoteFindings;
import io.plimsoll.cli.remote.ServerClient;
import io.plimsoll.image.Image;
import io.plimsoll.vuln.advice.BaseImage;
import io.plimsoll.vuln.feed.Updater;
import io.plimsoll.vuln.store.SqliteVulnStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The ungated scan that {@code advise} and {@code diff} run: the embedded database (created on first use unless
 * offline), or with {@code advise --server} a Plimsoll server's index, matcher and advice; no VEX, no ignore file; an
 * optional policy. Options were checked by the command before this opens anything.
 */
final class LocalScan {

    private final Settings settings;
    private final boolean offline;
    private final SeverityFilter shown;
    private final boolean onlyFixed;
    private final PrintWriter err;
    private final SkippedPaths skipped;
    private final Optional<ServerClient> server;

    LocalScan(Path db, boolean offline, SeverityFilter shown, boolean onlyFixed, SkippedPaths skipped, PrintWriter err) {
        this(db, offline, shown, onlyFixed, skipped, err, Optional.empty());
    }

    /** @param server the server whose data the scan uses instead of the local database */
    LocalScan(Path db, boolean offline, SeverityFilter shown, boolean onlyFixed, SkippedPaths skipped, PrintWriter err,
              Optional<ServerClient> server) {
        this.server = server;
        this.settings = Settings.load(db);
        this.offline = offline;
        this.shown = shown;
        this.onlyFixed = onlyFixed;
        this.err = err;
        this.skipped = skipped;
        if (db != null && !Files.exists(settings.database())) {
            throw new UserInputException(db + ": no such vulnerability database (create it with 'plimsoll db "
                    + "update --db " + db + "')");
        }
    }

    /** Scans {@code images} in order with the same database, each with its own policy check if any. */
    List<ScanResult> scan(ImageArguments arguments, List<String> images, Function<Image, BaseImage> base,
                          Function<Integer, Optional<PolicyCheck>> policy) throws IOException {
        List<Updater> updaters = VulnDatabase.allUpdaters(settings);
        if (server.isEmpty() && !Files.exists(settings.database()) && !offline) {
            VulnDatabase.firstUpdate(settings, updaters, err);
        }
        try (SqliteVulnStore store = server.isEmpty() && Files.exists(settings.database())
                ? SqliteVulnStore.open(settings.database()) : null) {
            FindingSource findings = server.<FindingSource>map(c -> new RemoteFindings(c, true))
                    .orElseGet(() -> new LocalFindings(Optional.ofNullable(store), settings.database()));
            List<ScanResult> results = new java.util.ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                ScanService service = new ScanService(new ScanRequest(findings,
                        updaters.stream().map(Updater::name).collect(Collectors.toSet()), settings.maxAge(), false,
                        DataGate.STRICT, policy.apply(i), skipped, List.of(), Optional.empty(),
                        shown::test, onlyFixed, Optional.empty(), Main.version(), w -> {
                            err.println("plimsoll: warning: " + w);
                            err.flush();
                        }), base);
                results.add(arguments.withImage(images.get(i), Optional.empty(), (source, walker) ->
                        service.scan(new ScanInput.OpenedImage(source, walker))));
            }
            return results;
        }
    }
}
