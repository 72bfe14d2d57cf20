package io.plimsoll.cli;

import io.plimsoll.app.DataGate;
import io.plimsoll.app.FindingSource;
import io.plimsoll.app.LocalFindings;
import io.plimsoll.app.PolicyCheck;
import io.plimsoll.app.ScanInput;
import io.plimsoll.app.ScanRequest;
import io.plimsoll.app.ScanResult;
import io.plimsoll.app.ScanService;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.cli.remote.RemoteFindings;
import io.plimsoll.cli.remote.ServerClient;
import io.plimsoll.report.sbom.read.SbomException;
import io.plimsoll.report.sbom.read.SbomReader;
import io.plimsoll.report.scan.ScanFormat;
import io.plimsoll.vuln.feed.Updater;
import io.plimsoll.vuln.store.SqliteVulnStore;
import io.plimsoll.vuln.vex.VexDocuments;
import io.plimsoll.vuln.vex.VexStatement;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code plimsoll scan IMAGE}: checks every option, runs {@link ScanService}, renders and picks the exit code. Without
 * a gate, missing or stale data is reported, never fatal (the report says which sources are missing and how to get
 * them). With a gate the scan fails closed ({@link DataGate}): an image it could not check never passes.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Find known vulnerabilities in an image's packages (OS and language) using the embedded "
                + "database. The first scan without a database runs 'db update' (unless --offline).",
            "IMAGE is written as for 'plimsoll inspect', or sbom:FILE to match an SBOM (CycloneDX 1.4-1.6 JSON/XML, "
                    + "SPDX 2.3 JSON) without the image."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {" 0:pass: scan completed and the policy (if any) says GO or WARN",
            " 1:the policy says STOP (--policy, --fail-on)",
            " 2:usage or input error (the message names the file and rule); with a gate, data the image needs is "
                    + "missing or stale (see --allow-missing-data); with --server, also an unreachable server, a "
                    + "refused token or a server error",
            " 3:internal error",
            " N:--exit-code N, when findings remain"})
final class ScanCommand implements Callable<Integer> {

    @Parameters(paramLabel = "IMAGE", description = "The image to scan.")
    String image;

    @Mixin
    ScanOptions o;

    @Mixin
    ImageArguments imageArguments;

    @Mixin
    SkipArguments skip;

    @Mixin
    LayerCacheOption cache;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        // everything the user gave is checked before any layer is read: a typo must not cost a whole scan
        SeverityFilter shown = SeverityFilter.parse(o.severity);
        var ignores = IgnoreOption.load(o.ignoreFile);
        Settings settings = Settings.load(o.db);
        Duration dataMaxAge = o.maxAge == null ? settings.maxAge() : Settings.duration(o.maxAge, Optional.empty());
        o.checkConflicts();
        ScanOutputs reports = ScanOutputs.parse(o.outputs, o.format);
        DataGate dataGate = DataGate.parse(o.allowMissingData);
        var skipped = skip.paths();
        List<VexStatement> statements = new ArrayList<>();
        for (Path v : o.vex) {
            statements.addAll(VexDocuments.read(v));
        }
        Optional<PolicyCheck> policy = o.policy();
        boolean gated = o.checkGate(policy.isPresent());
        o.checkDatabase(settings.database());
        PrintWriter err = o.quiet ? new PrintWriter(java.io.Writer.nullWriter()) : spec.commandLine().getErr();
        java.util.function.Consumer<String> warn = warning -> {
            err.println("plimsoll: warning: " + warning);
            err.flush();
        };
        List<Updater> updaters = VulnDatabase.allUpdaters(settings);
        Optional<ServerClient> remote = o.remote.client();
        boolean fromSbom = SbomReader.isSbomReference(image);
        if (remote.isPresent() && fromSbom) {
            throw new UserInputException("--server scans images: an SBOM has no layers to index (match it locally)");
        }
        if (remote.isEmpty() && !Files.exists(settings.database()) && !o.offline) {
            VulnDatabase.firstUpdate(settings, updaters, err);
        }
        // opened before the image is read: a file that is not a Plimsoll database is refused now, not after the scan
        try (SqliteVulnStore store = remote.isEmpty() && Files.exists(settings.database())
                ? SqliteVulnStore.open(settings.database()) : null) {
            FindingSource findings = remote.<FindingSource>map(RemoteFindings::new)
                    .orElseGet(() -> new LocalFindings(Optional.ofNullable(store), settings.database()));
            ScanService service = new ScanService(new ScanRequest(findings,
                    updaters.stream().map(Updater::name).collect(Collectors.toSet()), dataMaxAge, gated, dataGate,
                    policy, skipped, statements, ignores, shown::test, o.onlyFixed, Optional.ofNullable(o.imageName),
                    Main.version(), warn));
            ScanResult result = fromSbom
                    ? service.scan(new ScanInput.Sbom(readSbom(Path.of(image.substring(SbomReader.PREFIX.length())))))
                    : imageArguments.withImage(image, cache.memo(warn), (source, walker) ->
                            service.scan(new ScanInput.OpenedImage(source, walker)));
            return render(result, reports);
        }
    }

    /** Writes the reports and chooses the exit code: STOP is 1, else --exit-code when findings remain. */
    private int render(ScanResult result, ScanOutputs reports) {
        PrintWriter out = spec.commandLine().getOut();
        if (reports.main().isEmpty()) {
            out.print(o.format.render(result.report(), o.colour()));
            out.flush();
        }
        for (ReportOutput r : reports.all()) {
            try {
                r.write(ScanFormat.byId(r.format()).orElseThrow().render(result.report(), false));
            } catch (IOException e) {
                throw new UserInputException(r.file() + ": cannot write the " + r.format() + " report: "
                        + e.getMessage());
            }
        }
        if (result.stopped()) {
            return Main.PARTIAL;
        }
        return o.exitCode != null && !result.report().findings().isEmpty() ? o.exitCode : Main.OK;
    }

    /** An SBOM to match instead of an image; a document it cannot read is an input error naming the file. */
    private static Inventory readSbom(Path file) throws IOException {
        try {
            return SbomReader.read(file);
        } catch (SbomException e) {
            throw new UserInputException(e.getMessage());
        }
    }
}
