package io.plimsoll.vuln;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One vulnerability record as one source publishes it: a Debian tracker CVE entry, an Alpine secfix, a Red Hat
 * VEX document, an OSV/GHSA record. Two sources describing the same CVE give two advisories with the same id or
 * alias; {@link #cveIds()} joins them to the NVD, KEV and EPSS enrichment.
 *
 * @param id             the source's identifier: {@code CVE-2021-44228}, {@code GHSA-jfh8-c2jp-5v3q}, {@code GO-2022-0001}
 * @param source         the updater that produced it: {@code debian}, {@code alpine}, {@code osv}, …
 * @param aliases        other identifiers of the same vulnerability (CVE, GHSA, DSA, RHSA, …), without {@code id}
 * @param sourceSeverity the severity exactly as the source wrote it ({@code Important}, {@code MODERATE}, {@code low**})
 * @param severity       {@code sourceSeverity} normalised, or the source's own CVSS score's rating
 * @param cvss           CVSS assessments the source itself published (NVD's come from enrichment)
 */
public record Advisory(String id, String source, List<String> aliases, String title, String description,
                       Optional<Instant> published, Optional<Instant> modified, List<String> references,
                       String sourceSeverity, Severity severity, List<Cvss> cvss) {

    public Advisory {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        aliases = withoutId(aliases, id);
        title = title == null ? "" : title;
        description = description == null ? "" : description;
        references = List.copyOf(references);
        sourceSeverity = sourceSeverity == null ? "" : sourceSeverity;
        severity = severity == null ? Severity.UNKNOWN : severity;
        cvss = List.copyOf(cvss);
    }

    /** A minimal advisory: just an id from a source, as fixed-only feeds (Alpine secdb) give. */
    public static Advisory of(String id, String source) {
        return new Advisory(id, source, List.of(), "", "", Optional.empty(), Optional.empty(), List.of(), "",
                Severity.UNKNOWN, List.of());
    }

    /** Its id and aliases, as everything that names or accepts a vulnerability id sees them. */
    public VulnerabilityIds ids() {
        return VulnerabilityIds.of(this);
    }

    /** The CVE identifiers among {@code id} and {@code aliases}, the keys of NVD, KEV and EPSS data. */
    public List<String> cveIds() {
        // on the matching hot path: plain loops, no streams
        List<String> out = new java.util.ArrayList<>(2);
        if (id.startsWith("CVE-")) {
            out.add(id);
        }
        for (String a : aliases) {
            if (a.startsWith("CVE-") && !out.contains(a)) {
                out.add(a);
            }
        }
        return out;
    }

    private static List<String> withoutId(List<String> aliases, String id) {
        if (aliases.isEmpty()) {
            return List.of();
        }
        List<String> out = new java.util.ArrayList<>(aliases.size());
        for (String a : aliases) {
            if (!a.equals(id) && !out.contains(a)) {
                out.add(a);
            }
        }
        return List.copyOf(out);
    }
}
