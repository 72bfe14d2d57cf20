package io.plimsoll.report.diff;

import static io.plimsoll.report.scan.HtmlReport.esc;

import io.plimsoll.catalog.Package;
import io.plimsoll.policy.Action;
import io.plimsoll.report.scan.HtmlReport;
import io.plimsoll.vuln.match.Finding;
import java.util.List;
import java.util.Optional;

/**
 * An {@link ImageDiff} as one self-contained HTML page in the scan report's look ({@link HtmlReport#page}): the two
 * images and the counts, the policy before and after, then a table per list (packages added, removed and changed,
 * findings new and fixed). Every value from the images or the feeds is escaped.
 */
public final class DiffHtml {

    private DiffHtml() {
    }

    public static String render(ImageDiff d) {
        String title = "Plimsoll diff: " + d.before().imageName() + " → " + d.after().imageName();
        return HtmlReport.page(title, d.after().toolVersion(), b -> {
            summary(d, b);
            packages(b, "added", "Packages added", d.added().stream().map(p -> row(p, "", p.version())).toList());
            packages(b, "removed", "Packages removed",
                    d.removed().stream().map(p -> row(p, p.version(), "")).toList());
            packages(b, "changed", "Packages changed", d.changed().stream()
                    .map(c -> row(c.after(), c.before().version(), c.after().version())).toList());
            findings(b, "new", "New findings", d.newFindings());
            findings(b, "fixed", "Fixed findings", d.fixedFindings());
        });
    }

    private static void summary(ImageDiff d, StringBuilder b) {
        b.append("<section id=\"summary\">\n<h2>Summary</h2>\n<table class=\"facts\"><tbody>\n");
        fact(b, "Old", d.before().imageName());
        fact(b, "New", d.after().imageName());
        fact(b, "Packages", d.added().size() + " added, " + d.removed().size() + " removed, " + d.changed().size()
                + " changed");
        fact(b, "Findings", d.newFindings().size() + " new, " + d.fixedFindings().size() + " fixed");
        if (d.policyBefore().isPresent() || d.policyAfter().isPresent()) {
            b.append("<tr><th>Policy</th><td id=\"policy-result\">");
            action(b, d.policyBefore());
            b.append(" → ");
            action(b, d.policyAfter());
            b.append("</td></tr>\n");
        }
        b.append("</tbody></table>\n</section>\n");
    }

    private record Row(Package pkg, String oldVersion, String newVersion) {
    }

    private static Row row(Package p, String oldVersion, String newVersion) {
        return new Row(p, oldVersion, newVersion);
    }

    private static void packages(StringBuilder b, String id, String title, List<Row> rows) {
        b.append("<section id=\"packages-").append(id).append("\">\n<h2>").append(title).append(" (")
                .append(rows.size()).append(")</h2>\n");
        if (rows.isEmpty()) {
            b.append("<p class=\"muted\">None.</p>\n</section>\n");
            return;
        }
        b.append("<table class=\"sortable packages\"><thead><tr><th class=\"sortable\">Package</th>"
                + "<th class=\"sortable\">Type</th><th>Old version</th><th>New version</th>"
                + "<th class=\"sortable\">Layer</th><th>Dockerfile step</th></tr></thead>\n<tbody>\n");
        for (Row r : rows) {
            Package p = r.pkg();
            b.append("<tr class=\"package\">");
            td(b, p.name());
            td(b, p.type());
            td(b, r.oldVersion());
            td(b, r.newVersion());
            if (p.provenance() == null) {
                b.append("<td></td><td></td>");
            } else {
                b.append("<td data-sort=\"").append(p.provenance().layer()).append("\">")
                        .append(p.provenance().layer()).append("</td><td><code>")
                        .append(esc(p.provenance().createdBy().orElse(""))).append("</code></td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table>\n</section>\n");
    }

    private static void findings(StringBuilder b, String id, String title, List<Finding> findings) {
        b.append("<section id=\"findings-").append(id).append("\">\n<h2>").append(title).append(" (")
                .append(findings.size()).append(")</h2>\n");
        if (findings.isEmpty()) {
            b.append("<p class=\"muted\">None.</p>\n</section>\n");
            return;
        }
        b.append("<table class=\"sortable findings\"><thead><tr><th class=\"sortable\">Vulnerability</th>"
                + "<th class=\"sortable\">Severity</th><th class=\"sortable\">Package</th><th>Version</th>"
                + "<th>Fixed in</th><th>Title</th></tr></thead>\n<tbody>\n");
        for (Finding f : findings) {
            b.append("<tr class=\"finding\" data-id=\"").append(esc(f.advisory().id())).append("\">");
            td(b, f.advisory().id());
            HtmlReport.severityCell(b, f.severity());
            td(b, f.pkg().name());
            td(b, f.pkg().version());
            td(b, f.nearestFix().orElse(f.status().label()));
            td(b, f.advisory().title());
            b.append("</tr>\n");
        }
        b.append("</tbody></table>\n</section>\n");
    }

    private static void action(StringBuilder b, Optional<Action> a) {
        String name = a.map(Action::name).orElse("none");
        b.append("<span class=\"").append(name).append("\">").append(name).append("</span>");
    }

    private static void fact(StringBuilder b, String name, String value) {
        b.append("<tr><th>").append(esc(name)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
    }

    private static void td(StringBuilder b, String text) {
        b.append("<td>").append(esc(text)).append("</td>");
    }
}
