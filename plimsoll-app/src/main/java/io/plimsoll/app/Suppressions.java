package io.plimsoll.app;

import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.suppress.Filtered;
import io.plimsoll.vuln.suppress.IgnoreEntry;
import io.plimsoll.vuln.suppress.IgnoreFile;
import io.plimsoll.vuln.vex.VexFilter;
import io.plimsoll.vuln.vex.VexStatement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** VEX first, then the ignore file: what each takes out is kept as suppressed, so reports can still show it. */
final class Suppressions {

    private Suppressions() {
    }

    /**
     * Expired ignore entries no longer apply; each is a warning and a note, as is the number of findings ignored.
     */
    static Filtered apply(List<Finding> findings, List<VexStatement> vex, Optional<IgnoreFile> ignores,
                          List<String> notes, Consumer<String> warnings) {
        Filtered afterVex = new VexFilter(vex).apply(findings);
        if (ignores.isEmpty()) {
            return afterVex;
        }
        IgnoreFile file = ignores.get();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (IgnoreEntry e : file.expired(today)) {
            String note = file.where(e) + ": the entry for " + e.id() + " expired on " + e.expires().orElseThrow()
                    + " and no longer ignores it";
            warnings.accept(note);
            notes.add(note);
        }
        Filtered ignored = file.apply(afterVex.kept(), today);
        if (!ignored.suppressed().isEmpty()) {
            int n = ignored.suppressed().size();
            notes.add(n + " finding" + (n == 1 ? "" : "s") + " ignored by " + file.name()
                    + " (listed as suppressed, not counted by the gate)");
        }
        return afterVex.then(ignored);
    }
}
