package io.plimsoll.vuln.vex;

import java.util.List;
import java.util.Set;

/**
 * One VEX statement: for these vulnerability ids (the id and its aliases), these products (package URLs) have this
 * status, for this reason.
 *
 * @param status        {@code not_affected}, {@code fixed}, {@code affected}, {@code under_investigation} (OpenVEX
 *                      words; CycloneDX analysis states are mapped onto them)
 * @param justification the machine-readable reason ({@code vulnerable_code_not_in_execute_path}, …), may be empty
 * @param detail        the human statement (impact statement, analysis detail), may be empty
 * @param document      the file it came from, for reports
 */
public record VexStatement(Set<String> vulnerabilities, List<String> products, String status, String justification,
                           String detail, String document) {

    public VexStatement {
        vulnerabilities = Set.copyOf(vulnerabilities);
        products = List.copyOf(products);
        justification = justification == null ? "" : justification;
        detail = detail == null ? "" : detail;
    }

    /** Statements that clear a finding: the product is not affected, or the vulnerability is fixed in it. */
    public boolean suppresses() {
        return status.equals("not_affected") || status.equals("fixed");
    }
}
