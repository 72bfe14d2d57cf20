package io.plimsoll.cli;

import io.plimsoll.catalog.CatalogEngine;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.ecosystem.VersionSchemes;
import io.plimsoll.model.Digest;
import io.plimsoll.report.sbom.read.SbomException;
import io.plimsoll.report.sbom.read.SbomReader;
import io.plimsoll.report.scan.PolicyResult;
import io.plimsoll.report.scan.ScanFormat;
import io.plimsoll.report.scan.ScanReport;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.feed.UpdateRunner;
import io.plimsoll.vuln.feed.Updater;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.match.Matcher;
import io.plimsoll.vuln.store.DataFreshness;
import io.plimsoll.vuln.store.SqliteVulnStore;
import io.plimsoll.vuln.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code plimsoll scan IMAGE}: inventory, then matching against the embedded database. Without a gate, missing or
 * stale data is reported, never fatal: the inventory still prints and the report says which sources are missing and
 * how to get them. With a gate the scan fails closed ({@link DataGate}): an image it could not check never passes.
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

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            converter = FormatConverter.class,
            description = "Output format: table, json, sarif, junit, html, cyclonedx-json (default: table).")
    ScanFormat format;

    /** Accepts the dashed names users type. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<ScanFormat> {
        @Override
        public ScanFormat convert(String value) {
            return ScanFormat.byId(value).orElseThrow(() -> new picocli.CommandLine.TypeConversionException(
                    "invalid format '" + value + "' (table, json, sarif, junit, html, cyclonedx-json)"));
        }
    }

    @Option(names = {"-o", "--output"}, paramLabel = "FILE|FORMAT=FILE",
            description = "FILE: write the --format report to FILE instead of standard output; FORMAT=FILE: also "
                    + "write a report in FORMAT to FILE. Repeatable, e.g. -o sarif=plimsoll.sarif -o junit=plimsoll.xml "
                    + "-o html=report.html. Reports are written whole or not at all; their directories are checked "
                    + "before the scan starts.")
    List<String> outputs = new ArrayList<>();

    @Option(names = "--db", paramLabel = "PATH", description = "The vulnerability database (default: as 'db update'). "
            + "It must exist: 'db update' and 'db import' create one.")
    Path db;

    @Option(names = "--offline", description = "Never download feeds; scan with whatever data the database has.")
    boolean offline;

    @Option(names = {"--only-fixed", "--ignore-unfixed"},
            description = "Show (and gate on) only vulnerabilities with a fix available.")
    boolean onlyFixed;

    @Option(names = "--severity", paramLabel = "LEVEL[,LEVEL…]",
            description = "Show (and gate --exit-code on) only these findings: one level means that level and above "
                    + "(negligible, low, medium, high, critical); a list such as HIGH,CRITICAL means exactly those.")
    String severity;

    @Option(names = "--exit-code", paramLabel = "N",
            description = "Exit N (1-255) when findings remain after --severity, --only-fixed, VEX and ignores "
                    + "(as Trivy's --exit-code). A policy STOP still exits 1.")
    Integer exitCode;

    @Option(names = "--max-age", paramLabel = "DURATION",
            description = "Data older than this is stale (default: db.max-age, 72h); with a gate, stale data the "
                    + "image needs stops the scan (exit 2).")
    String maxAge;

    @Option(names = "--allow-missing-data", paramLabel = "SOURCE[,SOURCE…]|all",
            description = "With a gate (--fail-on, --policy, --exit-code), accept that this data is missing or stale "
                    + "instead of stopping with exit 2: a source (debian, osv), a part (osv/PyPI), a distro without "
                    + "a feed, or all. The report records what was accepted.")
    List<String> allowMissingData = new ArrayList<>();

    @Option(names = {"-q", "--quiet"}, description = "Print no progress or notes on standard error (errors still).")
    boolean quiet;

    @Option(names = "--policy", paramLabel = "FILE|PACK",
            description = "Evaluate a policy: an Anchore bundle or policy JSON, a Plimsoll YAML bundle, or a built-in "
                    + "pack (default, cis-docker, nist-800-190). Repeatable: policy files fill a bundle's policies.")
    List<String> policies = new ArrayList<>();

    @Option(names = "--allowlist", paramLabel = "FILE",
            description = "Allowed trigger hits: an Anchore whitelist JSON or a clair-scanner whitelist YAML. Repeatable.")
    List<Path> allowlists = new ArrayList<>();

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Shortcut policy: STOP (exit 1) when any vulnerability is at or above SEVERITY.")
    String failOn;

    @Option(names = "--dockerfile", paramLabel = "FILE",
            description = "The Dockerfile the image was built from, for the dockerfile gate (else rebuilt from history).")
    Path dockerfile;

    @Option(names = "--lenient", description = "Skip (and report) policy rules with unknown gates, triggers or "
            + "parameters instead of failing.")
    boolean lenient;

    @Option(names = "--baseline", paramLabel = "REPORT.json",
            description = "A previous 'scan --format json' report: fail only on policy hits it does not have.")
    Path baseline;

    @Option(names = "--image-name", paramLabel = "NAME",
            description = "The name policy mappings see (registry/repository:tag); default: the archive's tag.")
    String imageName;

    @Option(names = "--content-regex", paramLabel = "NAME=REGEX",
            description = "A named content regex for the files gate's content_regex_match. Repeatable.")
    List<String> contentRegexes = new ArrayList<>();

    @Option(names = "--secrets-allow-path", paramLabel = "GLOB",
            description = "Never scan these paths for secrets (e.g. '/opt/app/test/**'), on top of the defaults "
                    + "(/proc, /sys, /dev, /usr/share/doc, installed packages' test folders, …). Repeatable.")
    List<String> secretAllowPaths = new ArrayList<>();

    @Option(names = "--secrets-max-file-size", paramLabel = "SIZE", defaultValue = "10MiB",
            description = "Files larger than this are not scanned for secrets (default: ${DEFAULT-VALUE}).")
    String secretMaxFileSize;

    @Option(names = "--vex", paramLabel = "FILE",
            description = "VEX statements (OpenVEX 0.2 or CycloneDX VEX JSON): not_affected and fixed ones suppress the "
                    + "findings they name, which reports still show as suppressed. Repeatable.")
    List<Path> vex = new ArrayList<>();

    @Option(names = "--ignorefile", paramLabel = "FILE",
            description = "Vulnerabilities to ignore, one per line as in .trivyignore: ID [exp:YYYY-MM-DD] "
                    + "[pkg:NAME|PURL] [path:GLOB] [# why]. An id matches the CVE or the GHSA alike; ignored findings "
                    + "leave the gate and the findings shown, and reports list them as suppressed. Default: "
                    + ".plimsollignore in the working directory, when present.")
    Path ignoreFile;

    enum ColorMode { auto, always, never }

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colour severities in the table: auto (on a terminal, unless NO_COLOR is set), always, never.")
    ColorMode color;

    @Option(names = "--server", paramLabel = "URL",
            description = "Index and match through a running Plimsoll server (plimsoll serve) instead of the local "
                    + "database: layers it lacks are uploaded to it; policy, allowlist and VEX still apply here. "
                    + "Needs an image archive, OCI layout or registry reference.")
    String server;

    @Option(names = "--server-token-file", paramLabel = "FILE",
            description = "A bearer JWT for --server (default: the PLIMSOLL_SERVER_TOKEN environment variable).")
    Path serverTokenFile;

    @Mixin
    ImageArguments imageArguments;

    @Mixin
    SkipArguments skip;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        // everything the user gave is checked before any layer is read: a typo must not cost a whole scan
        SeverityFilter shownSeverities = SeverityFilter.parse(severity);
        Optional<io.plimsoll.vuln.suppress.IgnoreFile> ignores = IgnoreOption.load(ignoreFile);
        Settings settings = Settings.load(db);
        Duration dataMaxAge = maxAge == null ? settings.maxAge() : Settings.duration(maxAge, Optional.empty());
        if (server != null && offline) {
            throw new UserInputException("--offline and --server cannot be used together: a --server scan uses the "
                    + "server's data");
        }
        if (server != null && db != null) {
            throw new UserInputException("--db and --server cannot be used together: a --server scan uses the "
                    + "server's data");
        }
        if (exitCode != null && (exitCode < 0 || exitCode > 255)) {
            throw new UserInputException("--exit-code " + exitCode + ": must be between 0 and 255");
        }
        Outputs reports = Outputs.parse(outputs, format);
        DataGate dataGate = DataGate.parse(allowMissingData);
        io.plimsoll.catalog.SkippedPaths skipped = skip.paths();
        List<io.plimsoll.vuln.vex.VexStatement> statements = new ArrayList<>();
        for (Path v : vex) {
            statements.addAll(io.plimsoll.vuln.vex.VexDocuments.read(v));
        }
        Optional<PolicyCheck> policy = policies.isEmpty() && failOn == null ? Optional.empty()
                : Optional.of(PolicyCheck.load(policies, allowlists, failOn, lenient, dockerfile, contentRegexes,
                baseline, secretAllowPaths, secretMaxFileSize));
        if (policy.isEmpty() && (!allowlists.isEmpty() || baseline != null || dockerfile != null)) {
            throw new UserInputException("--allowlist, --baseline and --dockerfile need --policy or --fail-on");
        }
        boolean gated = policy.isPresent() || exitCode != null && exitCode != 0;
        if (!allowMissingData.isEmpty() && !gated) {
            throw new UserInputException("--allow-missing-data needs a gate (--fail-on, --policy or --exit-code)");
        }
        if (db != null && !Files.exists(settings.database())) {
            throw new UserInputException(db + ": no such vulnerability database (create it with 'plimsoll db update "
                    + "--db " + db + "' or 'plimsoll db import FILE --db " + db + "')");
        }
        PrintWriter err = quiet ? new PrintWriter(java.io.Writer.nullWriter()) : spec.commandLine().getErr();
        List<Updater> updaters = VulnDatabase.allUpdaters(settings);
        Optional<io.plimsoll.cli.remote.ServerClient> remote = server == null ? Optional.empty()
                : Optional.of(io.plimsoll.cli.remote.ServerClient.withDefaultTimeouts(server, serverToken()));
        if (remote.isPresent() && SbomReader.isSbomReference(image)) {
            throw new UserInputException("--server scans images: an SBOM has no layers to index (match it locally)");
        }
        if (remote.isEmpty() && !Files.exists(settings.database()) && !offline) {
            firstUpdate(settings, updaters, err);
        }
        // opened before the image is read: a file that is not a Plimsoll database is refused now, not after the scan
        try (SqliteVulnStore store = remote.isEmpty() && Files.exists(settings.database())
                ? SqliteVulnStore.open(settings.database()) : null) {
            return scan(new Checked(settings, dataMaxAge, policy, gated, dataGate, skipped, statements, ignores,
                    shownSeverities, reports, updaters), store, remote, err);
        }
    }

    /** The first scan without a database fills it (all but NVD's scores, which take a quarter of an hour). */
    private static void firstUpdate(Settings settings, List<Updater> updaters, PrintWriter err)
            throws StoreException {
        err.println("plimsoll: no vulnerability database at " + settings.database()
                + "; running 'plimsoll db update' first (use --offline to skip)");
        List<Updater> first = updaters.stream().filter(u -> !u.name().equals("nvd")).toList();
        if (first.size() < updaters.size()) {
            err.println("plimsoll: NVD scores are not downloaded by this first update (it takes a while); add them "
                    + "with 'plimsoll db update --source nvd' (set NVD_API_KEY to go faster)");
        }
        err.flush();
        UpdateRunner.Report report = VulnDatabase.update(settings, first, null,
                new ProgressPrinter(err, ProgressPrinter.isTerminal()));
        if (!report.allOk()) {
            err.println("plimsoll: some feeds could not be downloaded; scanning with the data that could be");
        }
    }

    /** What {@link #call} checked before any layer is read, for the scan proper. */
    private record Checked(Settings settings, Duration dataMaxAge, Optional<PolicyCheck> policy, boolean gated,
                           DataGate dataGate, io.plimsoll.catalog.SkippedPaths skipped,
                           List<io.plimsoll.vuln.vex.VexStatement> statements,
                           Optional<io.plimsoll.vuln.suppress.IgnoreFile> ignores, SeverityFilter shownSeverities,
                           Outputs reports, List<Updater> updaters) {
    }

    private Integer scan(Checked checked, SqliteVulnStore store, Optional<io.plimsoll.cli.remote.ServerClient> remote,
                         PrintWriter err) throws IOException {
        Optional<PolicyCheck> policy = checked.policy();
        List<Updater> updaters = checked.updaters();
        List<io.plimsoll.catalog.Cataloger> catalogers = new ArrayList<>(Ecosystems.catalogers());
        policy.ifPresent(p -> catalogers.add(p.scanner()));
        boolean fromSbom = SbomReader.isSbomReference(image);
        Inventory inventory = fromSbom ? readSbom(Path.of(image.substring(SbomReader.PREFIX.length())))
                : imageArguments.withImage(image, (source, walker) -> {
                    remote.ifPresent(c -> remoteCall(() -> {
                        io.plimsoll.cli.remote.RemoteScan.checkHasBlobs(source);
                        return null;
                    }));
                    Inventory inv = new CatalogEngine(Ecosystems.distroProbe(), catalogers,
                            io.plimsoll.catalog.Scope.SQUASHED, checked.skipped()).run(source, walker);
                    // while the source is open: the server gets the blobs of the layers it does not know
                    remote.ifPresent(c -> remoteCall(() -> io.plimsoll.cli.remote.RemoteScan.ensureLayers(c, source)));
                    return inv;
                });
        List<String> needed = Ecosystems.dataNeeded(inventory);
        Set<String> known = updaters.stream().map(Updater::name).collect(java.util.stream.Collectors.toSet());
        List<String> expected = needed.stream().filter(n -> known.contains(n.split("/", 2)[0])).toList();
        List<String> noFeed = needed.stream().filter(n -> !known.contains(n.split("/", 2)[0])).toList();
        List<String> notes = new ArrayList<>();
        if (fromSbom && policy.isPresent()) {
            policy.get().scanner().noFiles();
            notes.add(SbomReader.LIMITS);
        }
        inventory.distro().filter(d -> noFeed.contains(Ecosystems.feedFor(d.id()))).ifPresent(d -> notes.add(
                "no vulnerability feed for " + d.id() + " " + d.versionId()
                        + ": its OS packages were not checked (language packages were)"));
        Instant now = Instant.now();
        DataFreshness data;
        Optional<String> dataProblem = Optional.empty();
        if (remote.isPresent()) {
            io.plimsoll.cli.remote.ServerClient c = remote.get();
            data = remoteCall(() -> io.plimsoll.cli.remote.RemoteScan.freshness(c.feeds(), c.base(), expected,
                    checked.dataMaxAge(), now));
        } else if (store == null) {
            data = DataFreshness.unavailable(expected, checked.dataMaxAge());
            dataProblem = Optional.of("no vulnerability database at " + checked.settings().database());
        } else {
            data = DataFreshness.of(checked.settings().database(), store.sources(), expected, checked.dataMaxAge(),
                    now);
        }
        if (checked.gated()) {
            DataGate.Verdict verdict = checked.dataGate().judge(data, noFeed);
            if (!verdict.refused().isEmpty()) {
                throw new UserInputException(DataGate.refusal(verdict.refused()));
            }
            verdict.accepted().forEach(g -> notes.add("accepted missing data (--allow-missing-data): " + g));
        }
        List<Finding> findings;
        if (remote.isPresent()) {
            io.plimsoll.cli.remote.ServerClient c = remote.get();
            findings = remoteCall(() -> {
                Digest hash = io.plimsoll.cli.remote.RemoteScan.manifestHash(inventory.image());
                c.index(io.plimsoll.cli.remote.RemoteScan.manifest(c, inventory.image()));
                return io.plimsoll.cli.remote.RemoteScan.findings(c.vulnerabilityReport(hash.toString()),
                        inventory.packages(), c.base());
            });
        } else if (store == null) {
            findings = List.of();
        } else {
            findings = new Matcher(store, Ecosystems.matchRules(), VersionSchemes::byName)
                    .match(inventory.packages(), inventory.distro());
        }
        io.plimsoll.vuln.suppress.Filtered filtered = IgnoreOption.apply(checked.ignores(),
                new io.plimsoll.vuln.vex.VexFilter(checked.statements()).apply(findings), notes, err);
        Optional<PolicyCheck.Outcome> outcome = policy.map(p -> p.evaluate(inventory, filtered.kept(), data,
                Optional.ofNullable(imageName)));
        List<String> policyWarnings = policy.map(PolicyCheck::warnings).orElse(List.of());
        List<Finding> shown = filtered.kept().stream()
                .filter(f -> !onlyFixed || f.status() == AffectedStatus.FIXED)
                .filter(f -> checked.shownSeverities().test(f.severity())).toList();
        ScanReport report = new ScanReport(inventory, shown, data, dataProblem, notes,
                outcome.map(o -> new PolicyResult(o.bundle(), o.evaluation(), o.inBaseline(), o.finalAction(),
                        policyWarnings)), Main.version(), filtered.suppressed());
        PrintWriter out = spec.commandLine().getOut();
        if (checked.reports().main().isEmpty()) {
            out.print(format.render(report, colour()));
            out.flush();
        }
        for (ReportOutput o : checked.reports().all()) {
            try {
                o.write(ScanFormat.byId(o.format()).orElseThrow().render(report, false));
            } catch (IOException e) {
                throw new UserInputException(o.file() + ": cannot write the " + o.format() + " report: " + e.getMessage());
            }
        }
        if (outcome.isPresent() && outcome.get().finalAction() == io.plimsoll.policy.Action.STOP) {
            return Main.PARTIAL;
        }
        return exitCode != null && !shown.isEmpty() ? exitCode : Main.OK;
    }

    /**
     * The {@code -o} reports, checked before the scan: at most one plain FILE (it takes the --format report instead
     * of standard output), each directory present and writable.
     */
    record Outputs(Optional<ReportOutput> main, List<ReportOutput> all) {

        static Outputs parse(List<String> specs, ScanFormat format) {
            List<String> names = ScanFormat.ids();
            List<ReportOutput> all = new ArrayList<>();
            Optional<ReportOutput> main = Optional.empty();
            for (String spec : specs) {
                ReportOutput o;
                try {
                    o = ReportOutput.parse(spec, names);
                } catch (IllegalArgumentException e) {
                    throw new UserInputException(e.getMessage());
                }
                if (o.takesMainReport()) {
                    if (main.isPresent()) {
                        throw new UserInputException("-o " + spec + ": only one -o FILE without a format (the --format "
                                + "report already goes to " + main.get().file() + "); use FORMAT=FILE for the others");
                    }
                    o = o.withFormat(format.id());
                    main = Optional.of(o);
                }
                try {
                    o.checkWritable();
                } catch (IOException e) {
                    throw new UserInputException("cannot write the " + o.format() + " report: " + e.getMessage());
                }
                all.add(o);
            }
            return new Outputs(main, all);
        }
    }

    /** The bearer token for --server: the file's content, else PLIMSOLL_SERVER_TOKEN, else none. */
    private Optional<String> serverToken() {
        if (serverTokenFile != null) {
            try {
                String t = Files.readString(serverTokenFile).trim();
                if (t.isEmpty()) {
                    throw new UserInputException(serverTokenFile + ": the token file is empty");
                }
                return Optional.of(t);
            } catch (IOException e) {
                throw new UserInputException(serverTokenFile + ": cannot read the server token: " + e.getMessage());
            }
        }
        return Optional.ofNullable(Settings.environment().get("PLIMSOLL_SERVER_TOKEN")).map(String::trim)
                .filter(t -> !t.isEmpty());
    }

    /** A call to the scan server; its failure is an input error (exit 2) whose message names the server. */
    private static <T> T remoteCall(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (io.plimsoll.cli.remote.ServerException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    /** Whether the table on standard output gets colour (https://no-color.org: NO_COLOR set means no). */
    private boolean colour() {
        return switch (color) {
            case always -> true;
            case never -> false;
            case auto -> System.console() != null && Settings.environment().get("NO_COLOR") == null
                    && !"dumb".equals(Settings.environment().get("TERM"));
        };
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
