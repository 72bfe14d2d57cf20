package io.plimsoll.ecosystem.photon;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.ecosystem.rpm.RpmVersionScheme;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.VersionRange;
import io.plimsoll.vuln.feed.FeedSink;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns Photon's {@code cve_data_photon<release>.json} files (a list of {@code {cve_id, pkg, cve_score, aff_ver,
 * res_ver, status?}}) into rows, over all the releases of one update.
 *
 * <p>{@code res_ver} is the first fixed rpm version ({@code 2.7.6-2.ph3}): a {@link AffectedStatus#FIXED} row for
 * every version below it. {@code status: "Not Affected"} (with {@code res_ver: "NA"}) is a
 * {@link AffectedStatus#NOT_AFFECTED} row; any other entry without a fixed version is affected with no fix yet.
 * {@code cve_score} is Photon's own CVSS base score, kept as the row's severity (the same CVE may be scored per
 * release) and, the highest of them, as the advisory's. Entries whose id is not a CVE id ({@code UNK-1},
 * {@code CVE-2019-3828-0001}, empty) or that name no package are skipped and counted. Everything is held until
 * {@link #writeTo} so each advisory is written once, before its rows.
 */
final class PhotonCveData {

    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");

    private final String source;
    private final Map<String, Double> advisories = new LinkedHashMap<>();
    private final Set<String> written = new HashSet<>();
    private final List<AffectedPackage> rows = new ArrayList<>();
    private final Map<String, Integer> skipped = new TreeMap<>();

    PhotonCveData(String source) {
        this.source = source;
    }

    /** Reads one release's list; returns how many entries it had. */
    int read(String name, String namespace, JsonNode doc) throws FeedException {
        if (doc == null || !doc.isArray()) {
            throw new FeedException(source, name, "expected a list of CVE entries but got "
                    + (doc == null ? "nothing" : doc.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        for (JsonNode entry : doc) {
            entry(namespace, entry);
        }
        return doc.size();
    }

    private void entry(String namespace, JsonNode entry) {
        String id = text(entry, "cve_id").toUpperCase(Locale.ROOT);
        String pkg = text(entry, "pkg");
        if (!CVE.matcher(id).matches()) {
            skip("an entry whose cve_id is not a CVE id");
            return;
        }
        if (pkg.isEmpty()) {
            skip("an entry without a package");
            return;
        }
        JsonNode scoreNode = entry.path("cve_score");
        // no score, or 0: Photon has not scored it
        Optional<Double> score = scoreNode.isNumber() && scoreNode.asDouble() > 0
                ? Optional.of(scoreNode.asDouble()) : Optional.empty();
        if (!written.add(namespace + "\u0000" + pkg + "\u0000" + id)) {
            skip("a CVE listed twice for one package of one release");
            return;
        }
        advisories.merge(id, score.orElse(0.0), Math::max);
        String severity = score.map(s -> Severity.ofCvssScore(s).label()).orElse("");
        String fixed = text(entry, "res_ver");
        boolean hasFix = !fixed.isEmpty() && !fixed.equalsIgnoreCase("NA");
        AffectedStatus status = text(entry, "status").equalsIgnoreCase("Not Affected") ? AffectedStatus.NOT_AFFECTED
                : hasFix ? AffectedStatus.FIXED : AffectedStatus.AFFECTED;
        List<VersionRange> ranges = switch (status) {
            case NOT_AFFECTED -> List.of();
            case FIXED -> List.of(VersionRange.fixedIn(fixed));
            default -> List.of(VersionRange.all());
        };
        rows.add(new AffectedPackage(id, source, namespace, pkg, RpmVersionScheme.NAME, status, ranges, List.of(),
                Optional.empty(), severity));
    }

    /** Writes the advisories, then the rows (the order the sink asks for), then what was skipped. */
    void writeTo(FeedSink sink) {
        advisories.forEach((id, score) -> sink.advisory(new Advisory(id, source, List.of(), "", "", Optional.empty(),
                Optional.empty(), List.of(), score > 0 ? "CVSS " + score : "",
                score > 0 ? Severity.ofCvssScore(score) : Severity.UNKNOWN, List.of())));
        rows.forEach(sink::affected);
        skipped.forEach((reason, n) -> sink.progress(source + ": skipped " + n + " × " + reason));
    }

    int advisories() {
        return advisories.size();
    }

    int rows() {
        return rows.size();
    }

    private static String text(JsonNode entry, String field) {
        JsonNode v = entry.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText().strip() : "";
    }

    private void skip(String reason) {
        skipped.merge(reason, 1, Integer::sum);
    }
}
