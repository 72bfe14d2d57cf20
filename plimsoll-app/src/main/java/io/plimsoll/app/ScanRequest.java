package io.plimsoll.app;

import io.plimsoll.catalog.SkippedPaths;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.suppress.IgnoreFile;
import io.plimsoll.vuln.vex.VexStatement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Everything a scan needs once the front end has parsed and checked its input: nothing in here is read from a file
 * again, so a bad option has already failed before any layer is read.
 *
 * @param findings     where findings and the data's state come from
 * @param feeds        the sources Plimsoll has updaters for (the first part of {@code osv/PyPI}); data needed from
 *                     any other source is a distro without a feed
 * @param maxAge       data older than this is stale
 * @param gated        whether a gate (policy, fail-on, exit code) is asked for: then the data gate fails closed
 * @param dataGate     the gaps accepted explicitly
 * @param policy       the policy to evaluate, if any (its content scanner runs during the walk)
 * @param skipped      paths no cataloger reads
 * @param vex          VEX statements, applied first
 * @param ignores      the ignore file, applied after VEX
 * @param shown        the severities shown (and counted by an exit code)
 * @param onlyFixed    show only findings with a fix
 * @param imageName    the name policy mappings see, when not the image's own
 * @param toolVersion  recorded in the report
 * @param warnings     where warnings go as they happen (an expired ignore entry); each is also a report note
 */
public record ScanRequest(FindingSource findings, Set<String> feeds, Duration maxAge, boolean gated,
                          DataGate dataGate, Optional<PolicyCheck> policy, SkippedPaths skipped,
                          List<VexStatement> vex, Optional<IgnoreFile> ignores, Predicate<Severity> shown,
                          boolean onlyFixed, Optional<String> imageName, String toolVersion,
                          Consumer<String> warnings) {

    public ScanRequest {
        feeds = Set.copyOf(feeds);
        vex = List.copyOf(vex);
    }
}
