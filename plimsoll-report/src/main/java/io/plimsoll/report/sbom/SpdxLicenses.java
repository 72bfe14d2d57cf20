package io.plimsoll.report.sbom;

import java.util.Optional;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.util.LicenseResolver;

/**
 * Tells an SPDX license id from a free-text license name. Packages declare licenses as their package manager records
 * them ({@code GPL-2+}, {@code Apache-2.0}, {@code BSD}); only real SPDX ids may go where SBOM formats expect one.
 */
final class SpdxLicenses {

    private SpdxLicenses() {
    }

    /** The SPDX id {@code license} is, matched case-insensitively against the SPDX list cyclonedx-core-java ships. */
    static Optional<String> id(String license) {
        if (license == null || license.isBlank() || !license.matches("[A-Za-z0-9.+-]+")) {
            return Optional.empty();
        }
        // resolve(…, false): no license text; it also maps well-known names, so insist the id is what was written
        LicenseChoice choice = LicenseResolver.resolve(license, false);
        if (choice == null || choice.getLicenses() == null) {
            return Optional.empty();
        }
        return choice.getLicenses().stream().map(License::getId)
                .filter(id -> id != null && id.equalsIgnoreCase(license)).findFirst();
    }
}
