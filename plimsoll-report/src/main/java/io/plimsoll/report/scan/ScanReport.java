package io.plimsoll.report.scan;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.store.DataFreshness;
import java.util.List;
import java.util.Optional;

/**
 * Everything a report renders, independent of the command that produced it: the inventory, the findings shown
 * (after {@code --only-fixed}/{@code --severity}), the state of the vulnerability data and the policy result.
 *
 * @param toolVersion Plimsoll's version, for the SARIF driver and report headers
 * @param suppressed  findings VEX statements cleared, with the statement
 * @param advice      the fix advice for the findings shown, when the data to compute it was at hand
 */
public record ScanReport(Inventory inventory, List<Finding> findings, DataFreshness data, Optional<String> dataProblem,
                         List<String> notes, Optional<PolicyResult> policy, String toolVersion,
                         List<io.plimsoll.vuln.suppress.Suppressed> suppressed,
                         Optional<io.plimsoll.vuln.advice.Advice> advice) {

    /** How to get data when it is missing, said the same way everywhere (reports, gate refusals, db status). */
    public static final String HOW_TO_GET_DATA = "run 'plimsoll db update' (needs access to the feeds' hosts or a "
            + "mirror), 'plimsoll db update --from DIR' with downloaded feed files, or 'plimsoll db import FILE' with "
            + "a bundle made by 'plimsoll db export'";

    public ScanReport {
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
        suppressed = List.copyOf(suppressed);
    }

    /** A report without advice. */
    public ScanReport(Inventory inventory, List<Finding> findings, DataFreshness data, Optional<String> dataProblem,
                      List<String> notes, Optional<PolicyResult> policy, String toolVersion,
                      List<io.plimsoll.vuln.suppress.Suppressed> suppressed) {
        this(inventory, findings, data, dataProblem, notes, policy, toolVersion, suppressed, Optional.empty());
    }

    /** The image as reports name it: its first tag, else the name it was opened by. */
    public String imageName() {
        List<String> tags = inventory.image().tags();
        return tags.isEmpty() ? inventory.image().name() : tags.get(0);
    }
}
