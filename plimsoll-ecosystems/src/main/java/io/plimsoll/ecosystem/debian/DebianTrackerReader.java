package io.plimsoll.ecosystem.debian;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.vuln.feed.FeedFiles;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.VersionRange;
import io.plimsoll.vuln.feed.FeedSink;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the tracker's dump, {@code {package: {id: {description, scope, debianbug, releases: {codename: {status,
 * repositories, fixed_version, urgency, nodsa, nodsa_reason, next_point_update}}}}}}, with a streaming parser: the
 * upstream file is some 70 MB, so only one issue at a time is held as a tree.
 *
 * <p>Each id becomes one {@link Advisory} (written once, however many packages it names); each (package, id,
 * release) one {@link AffectedPackage} in that release's namespace ({@link DebianReleases}), keyed by the SOURCE
 * package, with the release's urgency as its severity. Ids are kept whatever their form: {@code TEMP-…} ids are
 * the tracker's names for real issues that have no CVE yet, and images are affected by them all the same.
 */
final class DebianTrackerReader {

    /** What one read produced, for the progress line. */
    record Stats(int packages, int advisories, int rows) {
    }

    private static final String SOURCE = DebianTrackerUpdater.NAME;
    private static final String SCHEME = DebianVersionScheme.NAME;
    private static final String TRACKER = "https://security-tracker.debian.org/tracker/";

    private final String name;
    private final FeedSink sink;
    private final Set<String> advisories = new HashSet<>();
    /** Skipped rows by reason, reported once each at the end instead of once per row. */
    private final Map<String, Integer> skipped = new TreeMap<>();
    private int packages;
    private int rows;

    DebianTrackerReader(String name, FeedSink sink) {
        this.name = name;
        this.sink = sink;
    }

    Stats read(InputStream in) throws FeedException {
        try (JsonParser p = FeedFiles.JSON.getFactory().createParser(in)) {
            p.setCodec(FeedFiles.JSON);
            expect(p, p.nextToken(), JsonToken.START_OBJECT, "the top level");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String pkg = p.currentName();
                expect(p, p.nextToken(), JsonToken.START_OBJECT, "source package " + pkg);
                packages++;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String id = p.currentName();
                    expect(p, p.nextToken(), JsonToken.START_OBJECT, pkg + " " + id);
                    issue(pkg, id, p.readValueAsTree());
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new FeedException(SOURCE, name, "unexpected content after the top-level object"
                        + at(p));
            }
        } catch (JsonProcessingException e) {
            throw FeedFiles.parseError(SOURCE, name, "JSON", e);
        } catch (IOException e) {
            throw FeedFiles.readError(SOURCE, name, e);
        }
        skipped.forEach((reason, n) -> sink.progress(SOURCE + ": skipped " + n + " release status"
                + (n == 1 ? "" : "es") + ": " + reason));
        return new Stats(packages, advisories.size(), rows);
    }

    private void issue(String pkg, String id, JsonNode issue) {
        if (advisories.add(id)) {
            sink.advisory(new Advisory(id, SOURCE, List.of(), "", FeedFiles.text(issue, "description"),
                    Optional.empty(), Optional.empty(), List.of(TRACKER + id), "", Severity.UNKNOWN, List.of()));
        }
        JsonNode releases = issue.path("releases");
        releases.fields().forEachRemaining(e -> release(pkg, id, e.getKey(), e.getValue()));
    }

    private void release(String pkg, String id, String codename, JsonNode r) {
        Optional<String> namespace = DebianReleases.namespaceOf(codename);
        if (namespace.isEmpty()) {
            skip("release '" + codename + "' is not a Debian release Plimsoll knows");
            return;
        }
        if (!r.isObject()) {
            skip("release entry is not an object");
            return;
        }
        String urgency = orEmpty(FeedFiles.text(r, "urgency"));
        Optional<Row> row = status(orEmpty(FeedFiles.text(r, "status")), orEmpty(FeedFiles.text(r, "fixed_version")),
                orEmpty(FeedFiles.text(r, "nodsa_reason")), urgency);
        if (row.isEmpty()) {
            return;
        }
        sink.affected(new AffectedPackage(id, SOURCE, namespace.get(), pkg, SCHEME, row.get().status(),
                row.get().ranges(), List.of(), Optional.empty(), urgency));
        rows++;
    }

    private record Row(AffectedStatus status, List<VersionRange> ranges) {
    }

    /**
     * The tracker's verdict for one release:
     * <ul>
     *   <li>{@code resolved} with {@code fixed_version} "0": the release never had the vulnerable code (not
     *       affected); with a version: fixed from that version on.</li>
     *   <li>{@code open}: affected, every version, no fix yet. Also when {@code nodsa} is set: "no DSA" only says
     *       no advisory will be issued, the package stays vulnerable. Its {@code nodsa_reason} sharpens that:
     *       {@code ignored} (the security team decided it is not worth fixing in this release) → will not fix,
     *       {@code postponed} (to be fixed in a later point release or with another update) → fix deferred;
     *       an empty reason ("minor issue") leaves it affected.</li>
     *   <li>urgency {@code end-of-life} on an open issue: the package has no security support left in that
     *       release, so no fix will come → will not fix.</li>
     *   <li>{@code undetermined}: the team has not decided whether the release is affected → under
     *       investigation.</li>
     * </ul>
     */
    private Optional<Row> status(String status, String fixedVersion, String nodsaReason, String urgency) {
        switch (status) {
            case "resolved" -> {
                if (fixedVersion.equals("0")) {
                    return Optional.of(new Row(AffectedStatus.NOT_AFFECTED, List.of()));
                }
                if (fixedVersion.isEmpty() || !Character.isDigit(fixedVersion.charAt(0))) {
                    skip("resolved without a usable fixed_version ('" + fixedVersion + "')");
                    return Optional.empty();
                }
                return Optional.of(new Row(AffectedStatus.FIXED, List.of(VersionRange.fixedIn(fixedVersion))));
            }
            case "open" -> {
                AffectedStatus s = switch (nodsaReason) {
                    case "ignored" -> AffectedStatus.WILL_NOT_FIX;
                    case "postponed" -> AffectedStatus.FIX_DEFERRED;
                    default -> urgency.equals("end-of-life") ? AffectedStatus.WILL_NOT_FIX : AffectedStatus.AFFECTED;
                };
                return Optional.of(new Row(s, List.of(VersionRange.all())));
            }
            case "undetermined" -> {
                return Optional.of(new Row(AffectedStatus.UNDER_INVESTIGATION, List.of(VersionRange.all())));
            }
            default -> {
                skip("unknown status '" + status + "'");
                return Optional.empty();
            }
        }
    }

    private void skip(String reason) {
        skipped.merge(reason, 1, Integer::sum);
    }

    private void expect(JsonParser p, JsonToken actual, JsonToken expected, String what) throws FeedException {
        if (actual != expected) {
            throw new FeedException(SOURCE, name, "unexpected structure: " + what + " should be "
                    + (expected == JsonToken.START_OBJECT ? "an object" : expected) + " but is "
                    + (actual == null ? "missing" : actual.asString() == null ? actual.name() : actual.asString())
                    + at(p));
        }
    }

    private static String at(JsonParser p) {
        return " at line " + p.currentLocation().getLineNr() + ", column " + p.currentLocation().getColumnNr();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s.strip();
    }
}
