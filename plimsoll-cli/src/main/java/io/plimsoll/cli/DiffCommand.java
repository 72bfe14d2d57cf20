package io.plimsoll.cli;

import io.plimsoll.app.DiffService;
import io.plimsoll.app.PolicyCheck;
import io.plimsoll.app.ScanResult;
import io.plimsoll.report.diff.DiffHtml;
import io.plimsoll.report.diff.DiffView;
import io.plimsoll.report.diff.ImageDiff;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.advice.BaseImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code plimsoll diff OLD NEW}: scans both images with the same data and says what changed. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Scan two images with the same database and list the packages added, removed and changed "
                + "(with versions and layers), the findings new and fixed, and the policy result before and after.",
            "OLD and NEW are written as for 'plimsoll scan'."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {" 0:the diff was made (and NEW adds no finding at or above --fail-on-new)",
            " 1:NEW adds a finding at or above --fail-on-new",
            " 2:usage or input error", " 3:internal error"})
final class DiffCommand implements Callable<Integer> {

    enum Format { table, json, sarif, html }

    @Parameters(index = "0", paramLabel = "OLD", description = "The image before the change.")
    String before;

    @Parameters(index = "1", paramLabel = "NEW", description = "The image after the change.")
    String after;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json (plimsoll-diff/1), sarif (the new findings) or html (one self-contained page)."
                    + " Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--fail-on-new", paramLabel = "SEVERITY",
            description = "Exit 1 when NEW has a finding OLD has not at or above SEVERITY (negligible, low, medium, "
                    + "high, critical).")
    String failOnNew;

    @Option(names = "--policy", paramLabel = "FILE|PACK",
            description = "Evaluate this policy (as 'scan --policy') on both images and show both final actions.")
    List<String> policies = new java.util.ArrayList<>();

    @Mixin
    LocalDataOptions data;

    @Mixin
    ImageArguments imageArguments;

    @Mixin
    SkipArguments skip;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Optional<Severity> threshold = Optional.ofNullable(failOnNew).map(DiffCommand::severity);
        if (!policies.isEmpty()) {
            policy(); // a bad policy fails before either image is read
        }
        var skipped = skip.paths();
        LocalScan scan = data.scan(spec, SeverityFilter.ALL, false, skipped);
        // each scan gets its own policy check: its content scanner holds what one walk found
        List<ScanResult> results = scan.scan(imageArguments, List.of(before, after), BaseImage::of,
                i -> policies.isEmpty() ? Optional.empty() : Optional.of(policy()));
        ImageDiff diff = DiffService.diff(results.get(0), results.get(1));
        PrintWriter out = spec.commandLine().getOut();
        out.print(switch (format) {
            case table -> DiffView.table(diff);
            case json -> DiffView.json(diff);
            case sarif -> DiffView.sarif(diff);
            case html -> DiffHtml.render(diff);
        });
        out.flush();
        return threshold.filter(diff::addsAtLeast).isPresent() ? Main.PARTIAL : Main.OK;
    }

    private PolicyCheck policy() {
        return PolicyCheck.load(policies, List.of(), null, false, null, List.of(), null, List.of(), "10MiB");
    }

    private static Severity severity(String text) {
        try {
            Severity s = Severity.valueOf(text.strip().toUpperCase(Locale.ROOT));
            if (s != Severity.UNKNOWN) {
                return s;
            }
        } catch (IllegalArgumentException e) {
            // below
        }
        throw new UserInputException("--fail-on-new: '" + text + "' is not a severity (negligible, low, medium, "
                + "high, critical)");
    }
}
