package io.plimsoll.cli;

import io.plimsoll.report.scan.ScanFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of {@code plimsoll scan} (a picocli mixin), and what is read from them alone. */
final class ScanOptions {

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

    @Mixin
    ServerOptions remote;

    /** Whether the table on standard output gets colour (https://no-color.org: NO_COLOR set means no). */
    boolean colour() {
        return switch (color) {
            case always -> true;
            case never -> false;
            case auto -> System.console() != null && Settings.environment().get("NO_COLOR") == null
                    && !"dumb".equals(Settings.environment().get("TERM"));
        };
    }

    /** Options that cannot go together, or a value out of range. */
    void checkConflicts() {
        if (remote.url != null && (offline || db != null)) {
            throw new UserInputException((offline ? "--offline" : "--db") + " and --server cannot be used together: "
                    + "a --server scan uses the server's data");
        }
        if (exitCode != null && (exitCode < 0 || exitCode > 255)) {
            throw new UserInputException("--exit-code " + exitCode + ": must be between 0 and 255");
        }
    }

    /** The policy the options name (files, packs, or --fail-on), loaded and validated; empty when none. */
    Optional<io.plimsoll.app.PolicyCheck> policy() {
        return policies.isEmpty() && failOn == null ? Optional.empty()
                : Optional.of(io.plimsoll.app.PolicyCheck.load(policies, allowlists, failOn, lenient, dockerfile,
                contentRegexes, baseline, secretAllowPaths, secretMaxFileSize));
    }

    /** Whether a gate is asked for; the options that only mean something with one are refused without it. */
    boolean checkGate(boolean hasPolicy) {
        if (!hasPolicy && (!allowlists.isEmpty() || baseline != null || dockerfile != null)) {
            throw new UserInputException("--allowlist, --baseline and --dockerfile need --policy or --fail-on");
        }
        boolean gated = hasPolicy || exitCode != null && exitCode != 0;
        if (!allowMissingData.isEmpty() && !gated) {
            throw new UserInputException("--allow-missing-data needs a gate (--fail-on, --policy or --exit-code)");
        }
        return gated;
    }

    /** A database named with --db must exist: scan never creates one where the user pointed. */
    void checkDatabase(Path database) {
        if (db != null && !Files.exists(database)) {
            throw new UserInputException(db + ": no such vulnerability database (create it with 'plimsoll db "
                    + "update --db " + db + "' or 'plimsoll db import FILE --db " + db + "')");
        }
    }
}
