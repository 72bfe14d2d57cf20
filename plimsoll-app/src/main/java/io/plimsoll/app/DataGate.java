package io.plimsoll.app;

import io.plimsoll.report.scan.ScanReport;
import io.plimsoll.report.text.Ages;
import io.plimsoll.vuln.store.DataFreshness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rule that makes the gate fail closed: when a gate is asked for ({@code --fail-on}, {@code --policy},
 * {@code --exit-code}) and data the image needs is missing or older than the age limit, the scan refuses to answer
 * instead of passing an image it could not check. What the image needs is judged from its contents, per source and
 * per OSV ecosystem ({@code osv/PyPI}); {@code --allow-missing-data} accepts named gaps (or {@code all}) explicitly,
 * and the report says it did.
 *
 * @param allowed the sources or parts accepted as missing; {@code all} accepts everything
 */
public record DataGate(Set<String> allowed) {

    public static final DataGate STRICT = new DataGate(Set.of());

    /** One gap in the data the image needs, with why and what to do. */
    public record Gap(String name, String reason) {
        @Override
        public String toString() {
            return name + " (" + reason + ")";
        }
    }

    /** The gaps found, split by whether {@code --allow-missing-data} accepts them. */
    public record Verdict(List<Gap> refused, List<Gap> accepted) {
    }

    /** {@code --allow-missing-data}: comma-separated or repeated names, {@code all}; names are checked for shape. */
    public static DataGate parse(List<String> values) {
        Set<String> names = new LinkedHashSet<>();
        for (String v : values) {
            for (String part : v.split(",")) {
                String name = part.strip();
                if (name.isEmpty()) {
                    continue;
                }
                if (!name.matches("[A-Za-z0-9._-]+([/:][A-Za-z0-9._+-]+)*")) {
                    throw new ScanException("--allow-missing-data '" + name + "': expected a source (debian, "
                            + "osv), a source part (osv/PyPI, amazon/extras/docker), a distro without a feed "
                            + "(centos), a release its feed does not cover (amzn:2018.03), 'server' (a --server "
                            + "that does not report its feeds), "
                            + "or 'all'");
                }
                names.add(name.toLowerCase(Locale.ROOT));
            }
        }
        return new DataGate(Set.copyOf(names));
    }

    /**
     * The gaps in {@code data} for this image: sources or parts with no data, data older than the limit, data whose
     * age cannot be told (a server that does not report its feeds), and distros or releases no feed covers
     * ({@code noFeed}: {@code centos}, {@code amzn:2018.03}).
     */
    public Verdict judge(DataFreshness data, List<String> noFeed) {
        return judge(data, noFeed, List.of());
    }

    /**
     * {@link #judge(DataFreshness, List)}, and also the release namespaces ({@code emptyReleases}: {@code rocky:10})
     * whose feed is there but holds no row for them.
     */
    public Verdict judge(DataFreshness data, List<String> noFeed, List<String> emptyReleases) {
        List<Gap> gaps = new ArrayList<>();
        if (!data.ageKnown()) {
            gaps.add(new Gap("server", data.database().map(Object::toString).orElse("the server")
                    + " does not say which feeds it has or how old they are"));
        }
        for (String m : data.missing()) {
            gaps.add(new Gap(m, data.database().isEmpty() ? "no vulnerability database" : "no data"));
        }
        for (String s : data.stale()) {
            String age = DataFreshness.find(data.sources(), s).flatMap(r -> r.updatedAt())
                    .map(t -> " " + Ages.of(Duration.between(t, data.now())) + " old,").orElse("");
            gaps.add(new Gap(s, "data" + age + " older than the limit of " + Ages.of(data.maxAge())));
        }
        for (String d : noFeed) {
            // a distro's namespace (amzn:2018.03) is named when its feed publishes other releases only
            gaps.add(new Gap(d, "Plimsoll has no vulnerability feed for this " + (d.contains(":") ? "release" : "distro")
                    + "; its OS packages cannot be checked"));
        }
        for (String ns : emptyReleases) {
            gaps.add(new Gap(ns, "the feed has no data for this release; its OS packages cannot be checked"));
        }
        List<Gap> refused = new ArrayList<>();
        List<Gap> accepted = new ArrayList<>();
        for (Gap g : gaps) {
            (accepts(g.name()) ? accepted : refused).add(g);
        }
        return new Verdict(refused, accepted);
    }

    private boolean accepts(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (allowed.contains("all") || allowed.contains(n)) {
            return true;
        }
        // a source accepts its parts (osv → osv/PyPI, amazon/extras → amazon/extras/docker), a distro its releases
        // (amzn → amzn:2018.03)
        for (int i = 1; i < n.length(); i++) {
            if ((n.charAt(i) == '/' || n.charAt(i) == ':') && allowed.contains(n.substring(0, i))) {
                return true;
            }
        }
        return false;
    }

    /** The refusal, its first line complete on its own (CI logs show one line), then how to get the data. */
    public static String refusal(List<Gap> refused) {
        // gaps with the same reason are named together: "debian, osv/npm (no data)"
        java.util.Map<String, List<String>> byReason = new java.util.LinkedHashMap<>();
        for (Gap g : refused) {
            byReason.computeIfAbsent(g.reason(), r -> new ArrayList<>()).add(g.name());
        }
        List<String> parts = byReason.entrySet().stream()
                .map(e -> String.join(", ", e.getValue()) + " (" + e.getKey() + ")").toList();
        return "cannot gate this image: data it needs is missing or stale: " + String.join("; ", parts)
                + System.lineSeparator() + "  get it: " + ScanReport.HOW_TO_GET_DATA
                + System.lineSeparator() + "  or accept the gap explicitly: --allow-missing-data "
                + String.join(",", refused.stream().map(Gap::name).toList()) + " (or --allow-missing-data all)";
    }
}
