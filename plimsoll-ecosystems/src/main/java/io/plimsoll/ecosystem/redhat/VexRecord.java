package io.plimsoll.ecosystem.redhat;

import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.Advisory;
import java.util.List;

/**
 * What one VEX document says: its advisory and affected-package rows, or that Red Hat withdrew it.
 *
 * @param id       the document's tracking id, a CVE id
 * @param advisory null when {@code deleted}
 * @param skipped  rpm components that could not be read (an {@code rpmmod} that is not name:stream, a fixed
 *                 component without a version), with the first reason, for the update's progress line
 */
record VexRecord(String id, boolean deleted, Advisory advisory, List<AffectedPackage> affected, int skipped,
                 String firstSkipReason) {

    VexRecord {
        affected = List.copyOf(affected);
    }

    static VexRecord deleted(String id) {
        return new VexRecord(id, true, null, List.of(), 0, null);
    }
}
