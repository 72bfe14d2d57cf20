package io.plimsoll.report.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.catalog.Package;
import io.plimsoll.image.Layer;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.advice.Advice;
import io.plimsoll.vuln.advice.BaseImage;
import io.plimsoll.vuln.advice.LayerOrigin;
import io.plimsoll.vuln.advice.PackageAdvice;
import io.plimsoll.vuln.advice.UpgradeTarget;
import io.plimsoll.vuln.match.Finding;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fix advice as a table ({@code plimsoll advise}) and as JSON (its own document, and the section of a scan's). */
public final class AdviceView {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AdviceView() {
    }

    /** The table: one block per package with a target, the packages without a fix, then the summary line. */
    public static String table(ScanReport report, Advice advice) {
        StringWriter buffer = new StringWriter();
        PrintWriter out = new PrintWriter(buffer);
        out.println("Image: " + report.imageName());
        out.println("Base:  " + base(advice.base()));
        report.dataProblem().ifPresent(p -> out.println("Data:  " + p));
        out.println();
        for (PackageAdvice p : advice.packages()) {
            if (p.target().isEmpty()) {
                continue;
            }
            var t = p.target().get();
            out.println(p.pkg().name() + " " + p.pkg().version() + " → " + t.version()
                    + "  (" + p.pkg().type() + (p.name().equals(p.pkg().name()) ? "" : ", " + p.name()) + ")");
            out.println("  clears " + t.clears().size() + " of " + p.findings().size() + ": "
                    + String.join(" ", t.clears()));
            if (!t.clean()) {
                out.println("  still affected by: " + String.join(" ", t.remaining()));
            }
            p.nearestFix().filter(n -> !n.equals(t.version()))
                    .ifPresent(n -> out.println("  the nearest fix " + n + " is not enough"));
            out.println("  where:  " + p.origin().action());
            p.command().ifPresent(c -> out.println("  run:    " + c));
        }
        List<PackageAdvice> noFix = advice.packages().stream().filter(p -> p.target().isEmpty()).toList();
        if (!noFix.isEmpty()) {
            out.println("No fix in the data:");
            for (PackageAdvice p : noFix) {
                out.println("  " + p.pkg().name() + " " + p.pkg().version() + ": " + String.join(" ",
                        p.findings().stream().map(f -> f.advisory().id()).toList()) + "  (" + p.origin().action()
                        + ")");
            }
        }
        out.println();
        out.println(advice.summary());
        out.flush();
        return buffer.toString();
    }

    /** The HTML report's section: the summary, then one row per package with an upgrade. */
    static void html(Advice advice, StringBuilder b) {
        b.append("<section id=\"advice\">\n<h2>Fix advice</h2>\n<p>").append(HtmlReport.esc(advice.summary()))
                .append("</p>\n<table class=\"sortable\"><thead><tr><th class=\"sortable\">Package</th>"
                        + "<th>Installed</th><th>Upgrade to</th><th class=\"sortable\">Clears</th><th>Where</th>"
                        + "<th>Command</th></tr></thead>\n<tbody>\n");
        for (PackageAdvice p : advice.packages()) {
            if (p.target().isEmpty()) {
                continue;
            }
            var t = p.target().get();
            b.append("<tr>");
            for (String cell : List.of(p.pkg().name(), p.pkg().version(),
                    t.version() + (t.clean() ? "" : " (still: " + String.join(" ", t.remaining()) + ")"))) {
                b.append("<td>").append(HtmlReport.esc(cell)).append("</td>");
            }
            b.append("<td data-sort=\"").append(t.clears().size()).append("\">").append(t.clears().size())
                    .append("</td><td>").append(HtmlReport.esc(p.origin().action())).append("</td><td><code>")
                    .append(HtmlReport.esc(p.command().orElse(""))).append("</code></td></tr>\n");
        }
        b.append("</tbody></table>\n</section>\n");
    }

    /** The {@code plimsoll-advice/1} document: the image, then the advice as {@link #json} writes it. */
    public static String document(ScanReport report, Advice advice) {
        return document(report.inventory().image().name(),
                report.inventory().image().manifestDigest().map(Object::toString), report.dataProblem(), advice);
    }

    /**
     * The {@code plimsoll-advice/1} document of an image known by name and manifest digest: what {@code advise
     * --format json} prints and the server's advice routes answer, one writer for both.
     */
    public static String document(String imageName, Optional<String> manifestDigest, Optional<String> dataProblem,
                                  Advice advice) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        ObjectNode image = root.putObject("image");
        image.put("name", imageName);
        image.put("manifestDigest", manifestDigest.orElse(null));
        dataProblem.ifPresent(p -> root.put("dataProblem", p));
        json(advice, root);
        try {
            return MAPPER.writeValueAsString(root) + System.lineSeparator();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The advice a {@code plimsoll-advice/1} document gives (a server's, computed with its data), laid onto this
     * side's {@code findings} of the same image: targets, what they leave, nearest fixes and commands as the
     * document says. Only the findings given count (a package none of them is on is left out, and a target clears
     * only those); where each package came from is told again from {@code layers} and {@code base}, which the
     * document's writer may not have known (a server has no image history for a manifest it indexed).
     *
     * @throws IllegalArgumentException when {@code doc} is not such a document
     */
    public static Advice read(JsonNode doc, List<Finding> findings, List<Layer> layers, BaseImage base) {
        if (!SCHEMA.equals(doc.path("schema").asText()) || !doc.path("packages").isArray()) {
            throw new IllegalArgumentException("not a " + SCHEMA + " document");
        }
        // this side's findings, per package and the name and version the data files it under, in report order
        Map<String, Deque<List<Finding>>> local = new LinkedHashMap<>();
        Map<Package, Map<String, List<Finding>>> byPackage = new IdentityHashMap<>();
        for (Finding f : findings) {
            String key = subject(f.pkg().purl(), f.namespace(), f.matchedName(), f.matchedVersion());
            byPackage.computeIfAbsent(f.pkg(), p -> new LinkedHashMap<>()).computeIfAbsent(key, k -> {
                List<Finding> group = new ArrayList<>();
                local.computeIfAbsent(k, x -> new ArrayDeque<>()).add(group);
                return group;
            }).add(f);
        }
        List<PackageAdvice> out = new ArrayList<>();
        for (JsonNode p : doc.path("packages")) {
            JsonNode match = p.path("match");
            Deque<List<Finding>> groups = local.get(subject(p.path("purl").asText(),
                    match.path("namespace").asText(), match.path("name").asText(), match.path("version").asText()));
            if (groups == null || groups.isEmpty()) {
                continue;
            }
            List<String> ids = texts(p.path("findings"));
            List<Finding> mine = groups.poll().stream().filter(f -> ids.contains(f.advisory().id())).toList();
            if (mine.isEmpty()) {
                continue;
            }
            Optional<UpgradeTarget> target = Optional.empty();
            JsonNode t = p.path("target");
            if (t.isObject()) {
                List<String> shown = mine.stream().map(f -> f.advisory().id()).toList();
                target = Optional.of(new UpgradeTarget(t.path("version").asText(),
                        texts(t.path("clears")).stream().filter(shown::contains).toList(),
                        texts(t.path("remaining"))));
            }
            Package pkg = mine.get(0).pkg();
            out.add(new PackageAdvice(pkg, match.path("namespace").asText(), match.path("name").asText(),
                    match.path("version").asText(), mine, target, text(p.path("nearestFix")),
                    LayerOrigin.of(layers, pkg, base), text(p.path("command"))));
        }
        return new Advice(base, out);
    }

    private static final String SCHEMA = "plimsoll-advice/1";

    private static String subject(String purl, String namespace, String name, String version) {
        return purl + "\u0000" + namespace + "\u0000" + name + "\u0000" + version;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Optional<String> text(JsonNode n) {
        return n.isTextual() ? Optional.of(n.asText()) : Optional.empty();
    }

    /** Writes the advice's fields into {@code o}. */
    public static void json(Advice advice, ObjectNode o) {
        ObjectNode base = o.putObject("base");
        BaseImage b = advice.base();
        base.put("name", b.name().orElse(null));
        base.put("digest", b.digest().orElse(null));
        if (b.layers().isPresent()) {
            base.put("layers", b.layers().getAsInt());
        } else {
            base.putNull("layers");
        }
        base.put("from", b.how());
        ObjectNode summary = o.putObject("summary");
        summary.put("upgrades", advice.upgrades());
        summary.put("cleared", advice.cleared());
        summary.put("fixable", advice.fixable());
        ObjectNode none = summary.putObject("noFix");
        for (Map.Entry<Severity, Long> e : advice.noFix().entrySet()) {
            none.put(e.getKey().label(), e.getValue());
        }
        summary.put("text", advice.summary());
        ArrayNode packages = o.putArray("packages");
        for (PackageAdvice p : advice.packages()) {
            ObjectNode po = packages.addObject();
            po.put("name", p.pkg().name());
            po.put("version", p.pkg().version());
            po.put("type", p.pkg().type());
            po.put("purl", p.pkg().purl());
            ObjectNode match = po.putObject("match");
            match.put("namespace", p.namespace());
            match.put("name", p.name());
            match.put("version", p.installed());
            strings(po.putArray("findings"), p.findings().stream().map(f -> f.advisory().id()).toList());
            po.put("nearestFix", p.nearestFix().orElse(null));
            if (p.target().isPresent()) {
                var t = p.target().get();
                ObjectNode to = po.putObject("target");
                to.put("version", t.version());
                to.put("clean", t.clean());
                strings(to.putArray("clears"), t.clears());
                strings(to.putArray("remaining"), t.remaining());
            } else {
                po.putNull("target");
            }
            strings(po.putArray("notCleared"), p.notCleared().stream().map(Finding::advisory)
                    .map(a -> a.id()).toList());
            ObjectNode origin = po.putObject("origin");
            origin.put("layer", p.origin().layer());
            origin.put("step", p.origin().step().orElse(null));
            if (p.origin().base().isPresent()) {
                origin.put("base", p.origin().base().get());
            } else {
                origin.putNull("base");
            }
            origin.put("action", p.origin().action());
            po.put("command", p.command().orElse(null));
        }
    }

    private static String base(BaseImage b) {
        String name = b.name().or(() -> b.digest()).orElse("unnamed");
        return switch (b.how()) {
            case "unknown" -> "unknown (no annotation, no history boundary; give --base IMAGE)";
            default -> name + ", " + b.layers().stream().mapToObj(n -> "the first " + n + " layer"
                    + (n == 1 ? "" : "s")).findFirst().orElse("its layers unknown") + " (from " + b.how() + ")";
        };
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }
}
