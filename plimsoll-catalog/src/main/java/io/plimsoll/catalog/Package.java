package io.plimsoll.catalog;

import java.util.List;
import java.util.Map;

/**
 * One installed package, as its package manager records it, with where it was found and which layer put it there.
 *
 * @param type          the PURL type, which names the ecosystem: {@code deb}, {@code rpm}, {@code apk}, …
 * @param version       the version as the ecosystem compares it: dpkg's {@code [epoch:]upstream[-revision]}, rpm's
 *                      {@code [epoch:]version-release}, apk's {@code version-rN}
 * @param sourceName    the source package (dpkg Source, rpm SOURCERPM, apk origin); the binary name when none
 * @param sourceVersion the source package's version; the binary version when none is stated
 * @param licenses      licenses as the package declares them, not normalised
 * @param purl          the package URL, canonical form
 * @param files         the files the package manager says it owns (absolute paths), where it records them
 * @param location      the database file the record came from
 * @param metadata      what else the package manager records and later stages may want (epoch, release, vendor, …)
 */
public record Package(String type, String name, String version, String arch, String sourceName, String sourceVersion,
                      List<String> licenses, String purl, List<String> files, String foundBy, String location,
                      Provenance provenance, Map<String, String> metadata) {

    public Package {
        licenses = List.copyOf(licenses);
        files = List.copyOf(files);
        metadata = Map.copyOf(metadata);
    }

    /** Name, version and architecture: what makes a package "the same" from one layer to the next. */
    public String key() {
        return name + "\u0000" + version + "\u0000" + arch;
    }

    public Package withProvenance(Provenance p) {
        return new Package(type, name, version, arch, sourceName, sourceVersion, licenses, purl, files, foundBy,
                location, p, metadata);
    }
}
