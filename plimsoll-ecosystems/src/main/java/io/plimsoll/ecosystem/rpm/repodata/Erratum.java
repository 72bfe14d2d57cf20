package io.plimsoll.ecosystem.rpm.repodata;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One erratum as rpm repositories publish them ({@code updateinfo.xml}, and AlmaLinux's JSON of the same model):
 * an advisory id with the binary packages whose builds fix it.
 *
 * @param type     {@code security}, {@code bugfix}, {@code enhancement}, {@code newpackage}: only security errata
 *                 name vulnerabilities
 * @param severity the vendor's own word ({@code Important}, {@code medium}), "" when absent
 * @param cves     the CVE ids its references name
 */
public record Erratum(String id, String type, String title, String severity, Optional<Instant> issued,
                      Optional<Instant> updated, String description, List<String> cves, List<String> references,
                      List<Package> packages) {

    public Erratum {
        Objects.requireNonNull(id, "id");
        type = type == null ? "" : type;
        title = title == null ? "" : title;
        severity = severity == null ? "" : severity;
        description = description == null ? "" : description;
        cves = List.copyOf(cves);
        references = List.copyOf(references);
        packages = List.copyOf(packages);
    }

    /** Whether it fixes vulnerabilities: bug-fix and enhancement errata do not, whatever packages they list. */
    public boolean isSecurity() {
        return type.strip().toLowerCase(Locale.ROOT).equals("security");
    }

    /**
     * A binary package an erratum ships.
     *
     * @param module the module stream ({@code nodejs:18}) the package was built for, when the erratum is a module's
     */
    public record Package(String name, String epoch, String version, String release, String arch,
                          Optional<String> module) {

        public Package {
            name = name == null ? "" : name.strip();
            epoch = epoch == null ? "" : epoch.strip();
            version = version == null ? "" : version.strip();
            release = release == null ? "" : release.strip();
            arch = arch == null ? "" : arch.strip();
            module = module.filter(m -> !m.isEmpty());
        }

        /** {@code epoch:version-release}, the epoch left out when it is 0 or absent, as rpm prints it. */
        public String evr() {
            String vr = release.isEmpty() ? version : version + "-" + release;
            return epoch.isEmpty() || epoch.equals("0") ? vr : epoch + ":" + vr;
        }

        /** Enough to be a row: a name and a version. */
        boolean isComplete() {
            return !name.isEmpty() && !version.isEmpty();
        }
    }
}
