package io.plimsoll.cli;

import io.plimsoll.catalog.CatalogEngine;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.ecosystem.VersionSchemes;
import io.plimsoll.model.Digest;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.feed.UpdateRunner;
import io.plimsoll.vuln.feed.Updater;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.match.Matcher;
import io.plimsoll.vuln.store.DataFreshness;
import io.plimsoll.vuln.store.SqliteVulnStore;
import io.plimsoll.vuln.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import io.plimsoll.cli.report.HtmlReport;
import io.plimsoll.cli.report.JunitReport;
import io.plimsoll.cli.report.PolicyResult;
import io.plimsoll.cli.report.ReportOutput;
import io.plimsoll.cli.report.SarifReport;
import io.plimsoll.cli.report.ScanReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
 * {@code plimsoll scan IMAGE}: inventory, then matching against the embedded database. Missing or stale data is
 * reported, never fatal: the inventory still prints and the report says which sources are missing and how to get them.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Find known vulnerabilities in an image's packages (OS and language) using the embedded "
                + "database. The first scan without a database runs 'db update' (unless --offline).",
            "IMAGE is written as for 'plimsoll inspect', or sbom:FILE to match an SBOM (CycloneDX 1.4-1.6 JSON/XML, "
                    + "SPDX 2.3 JSON) without the image."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {" 0:pass: scan completed and the policy (if any) says GO or WARN",
            " 1:the policy says STOP (--policy, --fail-on)",
            " 2:usage or input error (the message names the file and rule); with --server, also an unreachable "
                    + "server, a refused token or a server error", " 3:internal error"})
final class ScanCommand implements Callable<Integer> {

    enum Format {
        table, json, sarif, junit, html, cyclonedx_json;

        /** Accepts the dashed spelling users type ({@code cyclonedx-json}). */
        static Format parse(String text) {
            return valueOf(text.toLowerCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }

    @Parameters(paramLabel = "IMAGE", description = "The image to scan.")
    String image;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            converter = FormatConverter.class,
            description = "Output format: table, json, sarif, junit, html, cyclonedx-json (default: table).")
    Format format;

    /** Accepts the dashed names users type. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("invalid format '" + value
                        + "' (table, json, sarif, junit, html, cyclonedx-json)");
            }
        }
    }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT=FILE",
            description = "Also write a report in FORMAT to FILE (written whole or not at all); repeatable, e.g. "
                    + "-o sarif=plimsoll.sarif -o junit=plimsoll.xml -o html=report.html. --format still goes to "
                    + "standard output.")
    List<String> outputs = new ArrayList<>();

    @Option(names = "--db", paramLabel = "PATH", description = "The vulnerability database (default: as 'db update').")
    Path db;

    @Option(names = "--offline", description = "Never download feeds; scan with whatever data the database has.")
    boolean offline;

    @Option(names = "--only-fixed", description = "Show only vulnerabilities with a fix available.")
    boolean onlyFixed;

    @Option(names = "--severity", paramLabel = "LEVEL",
            description = "Show only findings at or above LEVEL: negligible, low, medium, high, critical.")
    String severity;

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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Severity minimum = parseSeverity(severity);
        List<ReportOutput> reportFiles = parseOutputs(outputs);
        Settings settings = Settings.load(db);
        Optional<PolicyCheck> policy = policies.isEmpty() && failOn == null ? Optional.empty()
                : Optional.of(PolicyCheck.load(policies, allowlists, failOn, lenient, dockerfile, contentRegexes,
                baseline, secretAllowPaths, secretMaxFileSize));
        if (policy.isEmpty() && (!allowlists.isEmpty() || baseline != null || dockerfile != null)) {
            throw new UserInputException("--allowlist, --baseline and --dockerfile need --policy or --fail-on");
        }
        PrintWriter err = spec.commandLine().getErr();
        List<Updater> updaters = VulnDatabase.allUpdaters(settings);
        Optional<io.plimsoll.cli.remote.ServerClient> remote = server == null ? Optional.empty()
                : Optional.of(io.plimsoll.cli.remote.ServerClient.withDefaultTimeouts(server, serverToken()));
        if (remote.isPresent() && SbomReader.isSbomReference(image)) {
            throw new UserInputException("--server scans images: an SBOM has no layers to index (match it locally)");
        }
        if (remote.isEmpty() && !Files.exists(settings.database()) && !offline) {
            err.println("plimsoll: no vulnerability database at " + settings.database()
                    + "; running 'plimsoll db update' first (use --offline to skip)");
            // NVD's full history takes a quarter of an hour at its public rate limit; it only adds scores, so the
            // first scan goes without it and says how to add it
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
        List<io.plimsoll.catalog.Cataloger> catalogers = new ArrayList<>(Ecosystems.catalogers());
        policy.ifPresent(p -> catalogers.add(p.scanner()));
        boolean fromSbom = SbomReader.isSbomReference(image);
        Inventory inventory = fromSbom ? SbomReader.read(Path.of(image.substring(SbomReader.PREFIX.length())))
                : imageArguments.withImage(image, (source, walker) -> {
                    remote.ifPresent(c -> remoteCall(() -> {
                        io.plimsoll.cli.remote.RemoteScan.checkHasBlobs(source);
                        return null;
                    }));
                    Inventory inv = new CatalogEngine(Ecosystems.distroProbe(), catalogers).run(source, walker);
                    // while the source is open: the server gets the blobs of the layers it does not know
                    remote.ifPresent(c -> remoteCall(() -> io.plimsoll.cli.remote.RemoteScan.ensureLayers(c, source)));
                    return inv;
                });
        List<String> expected = relevantSources(inventory, updaters);
        List<String> notes = new ArrayList<>();
        if (fromSbom && policy.isPresent()) {
            policy.get().scanner().noFiles();
            notes.add(SbomReader.LIMITS);
        }
        inventory.distro().ifPresent(d -> {
            String feed = d.id().equals("rhel") ? "redhat" : d.id();
            if (updaters.stream().noneMatch(u -> u.name().equals(feed))) {
                notes.add("no vulnerability feed for " + d.id() + " " + d.versionId()
                        + ": its OS packages were not checked (language packages were)");
            }
        });
        ScanResult result;
        if (remote.isPresent()) {
            io.plimsoll.cli.remote.ServerClient c = remote.get();
            result = remoteCall(() -> {
                Digest hash = io.plimsoll.cli.remote.RemoteScan.manifestHash(inventory.image());
                c.index(io.plimsoll.cli.remote.RemoteScan.manifest(c, inventory.image()));
                List<Finding> findings = io.plimsoll.cli.remote.RemoteScan.findings(
                        c.vulnerabilityReport(hash.toString()), inventory.packages(), c.base());
                DataFreshness data = io.plimsoll.cli.remote.RemoteScan.freshness(c.feeds(), c.base(), expected,
                        settings.maxAge(), Instant.now());
                return new ScanResult(inventory, findings, data, Optional.empty(), notes, List.of());
            });
        } else if (!Files.exists(settings.database())) {
            result = new ScanResult(inventory, List.of(), DataFreshness.unavailable(expected, settings.maxAge()),
                    Optional.of("no vulnerability database at " + settings.database()), notes, List.of());
        } else {
            try (SqliteVulnStore store = SqliteVulnStore.open(settings.database())) {
                Matcher matcher = new Matcher(store, Ecosystems.matchRules(), VersionSchemes::byName);
                List<Finding> findings = matcher.match(inventory.packages(), inventory.distro());
                result = new ScanResult(inventory, findings, DataFreshness.of(settings.database(), store.sources(),
                        expected, settings.maxAge(), Instant.now()), Optional.empty(), notes, List.of());
            } catch (StoreException e) {
                result = new ScanResult(inventory, List.of(), DataFreshness.unavailable(expected, settings.maxAge()),
                        Optional.of(e.getMessage()), notes, List.of());
            }
        }
        List<io.plimsoll.vuln.vex.VexStatement> statements = new ArrayList<>();
        for (Path v : vex) {
            statements.addAll(io.plimsoll.vuln.vex.VexDocuments.read(v));
        }
        io.plimsoll.vuln.vex.VexFilter.Result filtered = new io.plimsoll.vuln.vex.VexFilter(statements)
                .apply(result.findings());
        result = new ScanResult(result.inventory(), filtered.kept(), result.data(), result.dataProblem(),
                result.notes(), filtered.suppressed());
        ScanResult scanned = result;
        Optional<PolicyCheck.Outcome> outcome = policy.map(p -> p.evaluate(inventory, scanned.findings(),
                scanned.data(), Optional.ofNullable(imageName)));
        List<String> policyWarnings = policy.map(PolicyCheck::warnings).orElse(List.of());
        List<Finding> shown = result.findings().stream()
                .filter(f -> !onlyFixed || f.status() == AffectedStatus.FIXED)
                .filter(f -> minimum == null || f.severity().atLeast(minimum)).toList();
        ScanReport report = new ScanReport(inventory, shown, result.data(), result.dataProblem(), result.notes(),
                outcome.map(o -> new PolicyResult(o.bundle(), o.evaluation(), o.inBaseline(), o.finalAction(),
                        policyWarnings)), Main.version(), result.suppressed());
        PrintWriter out = spec.commandLine().getOut();
        out.print(render(format, result, report, colour()));
        out.flush();
        for (ReportOutput o : reportFiles) {
            try {
                o.write(render(Format.parse(o.format()), result, report, false));
            } catch (IOException e) {
                throw new UserInputException(o.file() + ": cannot write the " + o.format() + " report: " + e.getMessage());
            }
        }
        out.flush();
        return outcome.map(o -> o.finalAction() == io.plimsoll.policy.Action.STOP ? Main.PARTIAL : Main.OK)
                .orElse(Main.OK);
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

    /** One report as text; table and json are rendered as before the other formats existed. */
    private static String render(Format f, ScanResult result, ScanReport report, boolean colour) {
        return switch (f) {
            case table -> {
                StringWriter buffer = new StringWriter();
                PrintWriter w = new PrintWriter(buffer);
                ScanView.table(result, report.findings(), w, colour);
                report.policy().ifPresent(p -> PolicyView.table(p, w));
                w.flush();
                yield buffer.toString();
            }
            case json -> ScanView.json(result, report.findings(), report.policy()) + System.lineSeparator();
            case sarif -> SarifReport.render(report) + "\n";
            case junit -> JunitReport.render(report);
            case html -> HtmlReport.render(report);
            case cyclonedx_json -> CycloneDxScanReport.render(report) + "\n";
        };
    }

    private static List<ReportOutput> parseOutputs(List<String> specs) {
        List<String> names = java.util.Arrays.stream(Format.values()).map(f -> f.name().replace('_', '-')).toList();
        List<ReportOutput> out = new ArrayList<>();
        for (String spec : specs) {
            try {
                out.add(ReportOutput.parse(spec, names));
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage());
            }
        }
        return out;
    }

    /**
     * The sources whose data this image needs: its distro's feed and OSV for language packages. Enrichment (NVD, KEV,
     * EPSS) adds scores but never findings, so its absence is shown with the data ages, not as missing data.
     */
    static List<String> relevantSources(Inventory inventory, List<Updater> updaters) {
        Set<String> known = new LinkedHashSet<>(updaters.stream().map(Updater::name).toList());
        Set<String> wanted = new LinkedHashSet<>();
        inventory.distro().ifPresent(d -> wanted.add(switch (d.id()) {
            case "rhel" -> "redhat";
            default -> d.id();
        }));
        Set<String> osTypes = Set.of("deb", "rpm", "apk");
        if (inventory.packages().stream().map(Package::type).anyMatch(t -> !osTypes.contains(t))) {
            wanted.add("osv");
        }
        List<String> out = new ArrayList<>();
        for (String w : wanted) {
            if (known.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }

    static Severity parseSeverity(String s) {
        if (s == null) {
            return null;
        }
        Severity v = Severity.parse(s);
        if (v == Severity.UNKNOWN && !s.equalsIgnoreCase("unknown")) {
            throw new UserInputException("invalid --severity '" + s + "' (negligible, low, medium, high, critical)");
        }
        return v;
    }

    /** What a scan found, with the state of the data it was found with. */
    record ScanResult(Inventory inventory, List<Finding> findings, DataFreshness data, Optional<String> dataProblem,
                      List<String> notes, List<io.plimsoll.vuln.vex.VexFilter.Suppressed> suppressed) {
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
