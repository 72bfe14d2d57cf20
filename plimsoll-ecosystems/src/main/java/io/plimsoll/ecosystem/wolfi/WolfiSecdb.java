package io.plimsoll.ecosystem.wolfi;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.ecosystem.alpine.ApkVersionScheme;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.FeedSink;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The rows of one Wolfi-style secdb ({@code {reponame, packages: [{pkg: {name, secfixes: {fixed-version: [id,
 * …]}}}]}}). Unlike Alpine's hand-written secdb, these files are generated from the distribution's advisories, so
 * every entry is one identifier ({@code CVE-2022-38126}, {@code GHSA-…}); an entry that is not one is skipped and
 * counted. Fixed version {@code 0} means the package was never affected ({@link AffectedStatus#NOT_AFFECTED}); any
 * other is a {@link AffectedStatus#FIXED} row for every version below it, compared with apk's version order, where
 * the {@code -rN} build number counts.
 */
final class WolfiSecdb {

    /** An advisory id: a prefix, then dash-separated parts (CVE-2022-38126, GHSA-jfh8-c2jp-5v3q, GO-2022-0001). */
    private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+");

    private final String source;
    private final Set<String> advisories = new LinkedHashSet<>();
    private final Set<String> written = new HashSet<>();
    private final List<AffectedPackage> rows = new ArrayList<>();
    private final Map<String, Integer> skipped = new TreeMap<>();
    private int packages;

    private WolfiSecdb(String source) {
        this.source = source;
    }

    /** Reads the document {@code name} (for messages); every row goes under {@code namespace}. */
    static WolfiSecdb read(String source, String name, String namespace, JsonNode doc) throws FeedException {
        if (doc == null || !doc.isObject()) {
            throw new FeedException(source, name, "expected a secdb document (an object with 'packages') but got "
                    + (doc == null ? "nothing" : doc.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        JsonNode list = doc.path("packages");
        if (!list.isArray()) {
            throw new FeedException(source, name, "expected 'packages' to be a list but got "
                    + list.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        WolfiSecdb out = new WolfiSecdb(source);
        for (JsonNode entry : list) {
            JsonNode pkg = entry.path("pkg");
            String pkgName = pkg.path("name").asText("").strip();
            if (pkgName.isEmpty()) {
                out.skip("a package without a name");
                continue;
            }
            out.packages++;
            pkg.path("secfixes").fields().forEachRemaining(fix -> out.fixes(namespace, pkgName, fix.getKey().strip(),
                    fix.getValue()));
        }
        return out;
    }

    private void fixes(String namespace, String pkg, String fixed, JsonNode ids) {
        if (fixed.isEmpty()) {
            skip("an empty fixed version");
            return;
        }
        if (!ids.isArray()) {
            skip("a fixed version whose ids are not a list");
            return;
        }
        for (JsonNode node : ids) {
            String id = node.isTextual() ? node.asText().strip() : "";
            if (!ID.matcher(id).matches()) {
                skip("an entry that is not one vulnerability id");
                continue;
            }
            if (id.regionMatches(true, 0, "CVE-", 0, 4)) {
                id = id.toUpperCase(Locale.ROOT);
            }
            advisories.add(id);
            if (written.add(pkg + "\u0000" + id + "\u0000" + fixed)) {
                rows.add(fixed.equals("0")
                        ? new AffectedPackage(id, source, namespace, pkg, ApkVersionScheme.NAME,
                                AffectedStatus.NOT_AFFECTED, List.of(), List.of(), Optional.empty(), "")
                        : AffectedPackage.fixedIn(id, source, namespace, pkg, ApkVersionScheme.NAME, fixed));
            }
        }
    }

    /** Writes the advisories, then the rows (the order the sink asks for), then what was skipped. */
    void writeTo(FeedSink sink) {
        advisories.forEach(id -> sink.advisory(Advisory.of(id, source)));
        rows.forEach(sink::affected);
        skipped.forEach((reason, n) -> sink.progress(source + ": skipped " + n + " × " + reason));
    }

    int packages() {
        return packages;
    }

    int advisories() {
        return advisories.size();
    }

    int rows() {
        return rows.size();
    }

    private void skip(String reason) {
        skipped.merge(reason, 1, Integer::sum);
    }
}
