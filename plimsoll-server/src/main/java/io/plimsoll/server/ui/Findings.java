package io.plimsoll.server.ui;

import io.plimsoll.catalog.Package;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.match.Finding;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** How the UI shows, counts and orders findings. */
public final class Findings {

    private Findings() {
    }

    /** One finding as a table row: the advisory, the package and the layer and Dockerfile step that brought it. */
    public record Row(String id, String aliases, String severity, String packageName, String version, String type,
                      String fix, String status, String epss, boolean kev, String layer, String step) {
    }

    static final Comparator<Finding> BY_SEVERITY = Comparator.comparing(Finding::severity).reversed()
            .thenComparing(f -> f.advisory().id());
    static final Comparator<Finding> BY_EPSS = Comparator.comparingDouble(
            (Finding f) -> f.epss().map(e -> e.score()).orElse(-1.0)).reversed().thenComparing(BY_SEVERITY);
    static final Comparator<Finding> BY_KEV = Comparator.comparing((Finding f) -> f.kev().isEmpty())
            .thenComparing(BY_SEVERITY);
    static final Comparator<Finding> BY_FIX = Comparator.comparing((Finding f) -> !f.hasFix())
            .thenComparing(BY_SEVERITY);

    /** The orders a {@code sort} parameter may name. */
    static final List<String> SORTS = List.of("severity", "epss", "kev", "fix", "package");

    /** The order a {@code sort} parameter names; severity (worst first) by default. */
    static Comparator<Finding> order(String sort) {
        return switch (sort) {
            case "epss" -> BY_EPSS;
            case "kev" -> BY_KEV;
            case "fix" -> BY_FIX;
            case "package" -> Finding.REPORT_ORDER;
            default -> BY_SEVERITY;
        };
    }

    static Row row(Finding f) {
        Package p = f.pkg();
        String layer = p.provenance() == null ? "" : Integer.toString(p.provenance().layer());
        String step = p.provenance() == null ? "" : p.provenance().createdBy().orElse("");
        return new Row(f.advisory().id(), String.join(", ", f.advisory().aliases()), f.severity().label(), p.name(),
                p.version(), p.type(), f.nearestFix().orElse(""), f.status().name().toLowerCase(Locale.ROOT)
                .replace('_', ' '), f.epss().map(e -> String.format(Locale.ROOT, "%.3f", e.score())).orElse(""),
                f.kev().isPresent(), layer, step);
    }
}
