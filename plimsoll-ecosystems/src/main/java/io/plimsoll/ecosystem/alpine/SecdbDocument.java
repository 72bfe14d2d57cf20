package io.plimsoll.ecosystem.alpine;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.feed.FeedSink;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns secdb documents ({@code {distroversion, reponame, packages: [{pkg: {name, secfixes: {fixed-version:
 * [entry, …]}}}]}}, JSON or the older YAML) into rows, over all the files of one update.
 *
 * <p>The secdb is fixed-only: it lists, per package (the apk ORIGIN, i.e. the APKBUILD's pkgname), the version
 * that fixed each vulnerability. So each (id, package, fixed version) is one {@link AffectedStatus#FIXED} row
 * affecting every version below the fix; fixed version {@code 0} means the release's package was never
 * vulnerable ({@link AffectedStatus#NOT_AFFECTED}). The same row listed twice (in main and community, or twice in
 * one file) is written once. Advisories carry only their id and the other ids entries paired with it. Since an
 * id's aliases may come from several files, everything is held until {@link #finish()}, which writes each
 * advisory once and then its rows, the order the sink asks for (the whole secdb is a few megabytes).
 */
final class SecdbDocument {

    private static final String SOURCE = AlpineSecdbUpdater.NAME;
    private static final String SCHEME = ApkVersionScheme.NAME;

    private final FeedSink sink;
    private final Map<String, LinkedHashSet<String>> advisories = new LinkedHashMap<>();
    private final Set<String> written = new HashSet<>();
    private final List<AffectedPackage> rows = new ArrayList<>();
    private final Map<String, Integer> skipped = new TreeMap<>();

    SecdbDocument(FeedSink sink) {
        this.sink = sink;
    }

    /** Reads one file's tree; {@code namespace} comes from the file's folder, which the updater asked for. */
    int read(String name, String namespace, JsonNode doc) throws FeedException {
        if (doc == null || !doc.isObject()) {
            throw new FeedException(SOURCE, name, "expected a secdb document (an object with 'packages') but got "
                    + (doc == null ? "nothing" : doc.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        JsonNode packages = doc.path("packages");
        // an empty repository is written as "packages: {}" (JSON) or "packages:" (YAML)
        if (packages.isMissingNode() || packages.isNull() || (packages.isObject() && packages.isEmpty())) {
            return 0;
        }
        if (!packages.isArray()) {
            throw new FeedException(SOURCE, name, "expected 'packages' to be a list but got "
                    + packages.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        int count = 0;
        for (JsonNode entry : packages) {
            JsonNode pkg = entry.path("pkg");
            String pkgName = pkg.path("name").asText("").strip();
            if (pkgName.isEmpty()) {
                skip("a package without a name");
                continue;
            }
            count++;
            pkg.path("secfixes").fields().forEachRemaining(fix -> fixes(namespace, pkgName, fix.getKey().strip(),
                    fix.getValue()));
        }
        return count;
    }

    private void fixes(String namespace, String pkg, String fixed, JsonNode entries) {
        if (fixed.isEmpty()) {
            skip("an empty fixed version");
            return;
        }
        List<String> texts = new ArrayList<>();
        if (entries.isArray()) {
            entries.forEach(e -> {
                if (e.isValueNode() && !e.isNull()) {
                    texts.add(e.asText());
                }
            });
        } else if (entries.isValueNode() && !entries.isNull()) {
            texts.add(entries.asText());
        }
        // "2.8.0-r0": {} or a bare "7.4.0-r0:" lists nothing: no row, as the secdb says nothing about it
        for (String text : texts) {
            SecfixIds ids = SecfixIds.parse(text);
            if (ids.ids().isEmpty()) {
                skip("an entry with no vulnerability id ('" + text.strip() + "' for " + pkg + ")");
                continue;
            }
            for (String id : ids.ids()) {
                advisories.computeIfAbsent(id, k -> new LinkedHashSet<>()).addAll(ids.aliases());
                if (written.add(namespace + "\u0000" + pkg + "\u0000" + id + "\u0000" + fixed)) {
                    rows.add(fixed.equals("0")
                            ? new AffectedPackage(id, SOURCE, namespace, pkg, SCHEME, AffectedStatus.NOT_AFFECTED,
                                    List.of(), List.of(), Optional.empty(), "")
                            : AffectedPackage.fixedIn(id, SOURCE, namespace, pkg, SCHEME, fixed));
                }
            }
        }
    }

    /** Writes the advisories, then the rows, and reports what was skipped; call once after the last file. */
    void finish() {
        advisories.forEach((id, aliases) -> sink.advisory(new Advisory(id, SOURCE, List.copyOf(aliases), "", "",
                Optional.empty(), Optional.empty(), List.of(), "", Severity.UNKNOWN, List.of())));
        rows.forEach(sink::affected);
        skipped.forEach((reason, n) -> sink.progress(SOURCE + ": skipped " + n + " × " + reason));
    }

    int rows() {
        return rows.size();
    }

    int advisories() {
        return advisories.size();
    }

    private void skip(String reason) {
        skipped.merge(reason, 1, Integer::sum);
    }
}
