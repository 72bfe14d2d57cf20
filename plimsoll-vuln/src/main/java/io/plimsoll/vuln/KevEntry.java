package io.plimsoll.vuln;

import java.time.LocalDate;
import java.util.Optional;

/** A CVE in CISA's Known Exploited Vulnerabilities catalog. */
public record KevEntry(String cve, LocalDate dateAdded, Optional<LocalDate> dueDate, boolean knownRansomwareUse,
                       String vendorProject, String product, String name, String requiredAction) {
}
