package io.plimsoll.report.sbom.read;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link SbomReader} takes from a CycloneDX or SPDX document before it becomes an inventory: format-neutral
 * components, each with the {@code plimsoll:} properties it carries (empty when another tool wrote it).
 *
 * @param format   {@code CycloneDX 1.5 (JSON)}, {@code SPDX 2.3 (JSON)}, … for messages
 * @param image    the root component / described package, when the document names one
 * @param os       the operating-system component, when there is one
 * @param packages every other component that has a PURL
 * @param skipped  how many components had no PURL and so cannot be matched
 */
record SbomDocument(String format, Optional<Entry> image, Optional<Entry> os, List<Entry> packages, int skipped) {

    SbomDocument {
        packages = List.copyOf(packages);
    }

    /**
     * @param licenses license ids or names as the document gives them
     * @param cpe      "" when none
     */
    record Entry(String name, String version, String purl, List<String> licenses, String description, String cpe,
                 Map<String, String> properties) {
        Entry {
            name = name == null ? "" : name;
            version = version == null ? "" : version;
            purl = purl == null ? "" : purl;
            licenses = List.copyOf(licenses);
            description = description == null ? "" : description;
            cpe = cpe == null ? "" : cpe;
            properties = Map.copyOf(properties);
        }
    }
}
