package io.plimsoll.catalog;

import io.plimsoll.image.walk.Learnt;
import java.io.IOException;
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

    /**
     * Writes this package, all but its provenance, for a learning interest's answer: the layer a package came from
     * is the replaying walk's to say.
     */
    public void write(Learnt.Writer w) {
        for (String s : new String[] {type, name, version, arch, sourceName, sourceVersion, purl, foundBy, location}) {
            w.nullable(s);
        }
        w.strings(licenses).strings(files).map(metadata);
    }

    /** Reads what {@link #write} wrote, with no provenance. */
    public static Package read(Learnt.Reader r) throws IOException {
        String[] s = new String[9];
        for (int i = 0; i < s.length; i++) {
            s[i] = r.nullable();
        }
        List<String> licenses = r.strings();
        List<String> files = r.strings();
        return new Package(s[0], s[1], s[2], s[3], s[4], s[5], licenses, s[6], files, s[7], s[8], null, r.map());
    }

    public Package withProvenance(Provenance p) {
        return new Package(type, name, version, arch, sourceName, sourceVersion, licenses, purl, files, foundBy,
                location, p, metadata);
    }
}
