package io.plimsoll.report.scan;

import io.plimsoll.catalog.Package;
import io.plimsoll.policy.Action;
import io.plimsoll.policy.eval.EvaluatedHit;
import io.plimsoll.policy.eval.Evaluation;
import io.plimsoll.vuln.match.Finding;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML for CI test reports: one {@code <testsuite>}.
 * <ul>
 *   <li>With a policy: one test case per rule of the mapped policies. A rule with a hit that counts as STOP fails,
 *       the failure listing its hits. WARN hits do not break the build, so their case <em>passes</em> with the hits
 *       in {@code system-out} (CI UIs show it, and "skipped" would wrongly say the rule was not checked). Allowlisted
 *       and baseline hits are listed there too. Rules skipped by {@code --lenient} are skipped cases; a denied image
 *       adds a failing case, since no rule explains the STOP.</li>
 *   <li>Without a policy: one test case per package with findings, failing with the findings; a scan without
 *       findings gives one passing case, so the report is never empty.</li>
 * </ul>
 * Written with StAX, which escapes text and attributes; characters XML 1.0 cannot hold are replaced.
 */
public final class JunitReport {

    private JunitReport() {
    }

    /** One test case before writing. */
    private record Case(String classname, String name, String failureMessage, String failureText, String skipped,
                        String systemOut) {
    }

    public static String render(ScanReport r) {
        // --fail-on is a one-rule policy about packages: one case per package says which packages broke the build
        List<Case> cases = r.policy().map(p -> p.bundle().bundle().id().startsWith(FAIL_ON_BUNDLE)
                ? failOnCases(r, p) : policyCases(p)).orElseGet(() -> packageCases(r));
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("testsuite");
            w.writeAttribute("name", "plimsoll scan " + clean(r.imageName()));
            w.writeAttribute("tests", Integer.toString(cases.size()));
            w.writeAttribute("failures", Long.toString(cases.stream().filter(c -> c.failureMessage() != null).count()));
            w.writeAttribute("errors", "0");
            w.writeAttribute("skipped", Long.toString(cases.stream().filter(c -> c.skipped() != null).count()));
            w.writeCharacters("\n");
            w.writeStartElement("properties");
            property(w, "image", r.imageName());
            property(w, "packages", Integer.toString(r.inventory().packages().size()));
            property(w, "findings", Integer.toString(r.findings().size()));
            r.policy().ifPresent(p -> {
                try {
                    property(w, "policy", p.bundle().bundle().name());
                    property(w, "policy.finalAction", p.finalAction().name());
                } catch (XMLStreamException e) {
                    throw new IllegalStateException(e);
                }
            });
            w.writeEndElement();
            w.writeCharacters("\n");
            for (Case c : cases) {
                w.writeStartElement("testcase");
                w.writeAttribute("classname", clean(c.classname()));
                w.writeAttribute("name", clean(c.name()));
                if (c.failureMessage() != null) {
                    w.writeStartElement("failure");
                    w.writeAttribute("message", clean(c.failureMessage()));
                    w.writeAttribute("type", "STOP");
                    w.writeCharacters(clean(c.failureText()));
                    w.writeEndElement();
                }
                if (c.skipped() != null) {
                    w.writeStartElement("skipped");
                    w.writeAttribute("message", clean(c.skipped()));
                    w.writeEndElement();
                }
                if (c.systemOut() != null) {
                    w.writeStartElement("system-out");
                    w.writeCharacters(clean(c.systemOut()));
                    w.writeEndElement();
                }
                w.writeEndElement();
                w.writeCharacters("\n");
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out + "\n";
    }

    private static List<Case> policyCases(PolicyResult p) {
        Evaluation e = p.evaluation();
        Map<String, List<EvaluatedHit>> hitsByRule = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (PolicyResult.PolicyRule pr : p.mappedRules()) {
            String key = pr.policyId() + "/" + pr.rule().id();
            hitsByRule.put(key, new ArrayList<>());
            names.put(key, pr.rule().gate() + "/" + pr.rule().trigger() + " (" + pr.rule().action() + ")");
        }
        for (EvaluatedHit h : e.hits()) {
            String key = h.policyId() + "/" + h.ruleId();
            names.putIfAbsent(key, h.gate() + "/" + h.trigger() + " (" + h.action() + ")");
            hitsByRule.computeIfAbsent(key, k -> new ArrayList<>()).add(h);
        }
        List<Case> cases = new ArrayList<>();
        for (var entry : hitsByRule.entrySet()) {
            String classname = "policy." + entry.getKey().substring(0, entry.getKey().indexOf('/'));
            String name = entry.getKey().substring(entry.getKey().indexOf('/') + 1) + " " + names.get(entry.getKey());
            List<EvaluatedHit> hits = entry.getValue();
            List<EvaluatedHit> stops = hits.stream().filter(h -> p.counted(h) == Action.STOP).toList();
            StringBuilder others = new StringBuilder();
            for (EvaluatedHit h : hits) {
                if (p.counted(h) != Action.STOP) {
                    others.append(line(h, p)).append('\n');
                }
            }
            String out = others.isEmpty() ? null : others.toString();
            if (stops.isEmpty()) {
                cases.add(new Case(classname, name, null, null, null, out));
            } else {
                StringBuilder text = new StringBuilder();
                stops.forEach(h -> text.append(line(h, p)).append('\n'));
                cases.add(new Case(classname, name, stops.size() + " STOP hit" + (stops.size() == 1 ? "" : "s") + ": "
                        + stops.get(0).message(), text.toString(), null, out));
            }
        }
        e.skipped().forEach(s -> cases.add(new Case("policy." + s.policyId(), s.ruleId(), null, null,
                "not evaluated: " + s.reason(), null)));
        if (e.reason().startsWith(Evaluation.DENIED)) {
            cases.add(new Case("policy", "image not denied", e.reason(), e.reason(), null, null));
        }
        return cases;
    }

    private static String line(EvaluatedHit h, PolicyResult p) {
        String state = h.allowlisted() ? "GO (allowlisted by " + h.allowlistedBy().get().id() + ")"
                : p.inBaseline(h) ? h.effectiveAction() + " (in baseline)" : h.effectiveAction().name();
        return state + " " + h.gate() + "/" + h.trigger() + " [" + PolicyResult.triggerIdWithAliases(h) + "] "
                + h.message();
    }

    /** The id PolicyCheck gives the --fail-on shortcut's bundle. */
    static final String FAIL_ON_BUNDLE = "fail-on-";

    /**
     * One case per package with findings: it fails when the --fail-on rule stopped on one of its findings (a STOP
     * hit, not allowlisted, whose trigger id or one of its aliases is the finding's id plus the package name), else it
     * passes with its findings below the threshold in system-out.
     */
    private static List<Case> failOnCases(ScanReport r, PolicyResult p) {
        java.util.Set<String> stopping = new java.util.HashSet<>();
        for (EvaluatedHit h : p.evaluation().hits()) {
            if (h.effectiveAction() == io.plimsoll.policy.Action.STOP && !p.inBaseline(h)) {
                stopping.addAll(h.triggerIds());
            }
        }
        List<Case> cases = new ArrayList<>();
        for (Case c : packageCases(r)) {
            if (c.failureText() == null) {
                cases.add(c);
                continue;
            }
            String name = c.name().substring(0, c.name().indexOf(' '));
            StringBuilder failing = new StringBuilder();
            StringBuilder passing = new StringBuilder();
            for (String line : c.failureText().split("\n")) {
                String id = line.substring(0, line.indexOf(' '));
                // a hit is also known by every other id of its findings, so the finding's own id is enough
                boolean stops = stopping.contains(id + "+" + name);
                (stops ? failing : passing).append(line).append('\n');
            }
            cases.add(failing.length() == 0
                    ? new Case(c.classname(), c.name(), null, null, null, "below the --fail-on threshold:\n" + passing)
                    : new Case(c.classname(), c.name(), "at or above the --fail-on threshold", failing.toString(), null,
                    passing.length() == 0 ? null : "below the threshold:\n" + passing));
        }
        return cases;
    }

    private static List<Case> packageCases(ScanReport r) {
        Map<String, List<Finding>> byPackage = new LinkedHashMap<>();
        for (Finding f : r.findings()) {
            Package p = f.pkg();
            byPackage.computeIfAbsent(p.type() + "\u0000" + p.name() + "\u0000" + p.version() + "\u0000" + p.location(),
                    k -> new ArrayList<>()).add(f);
        }
        List<Case> cases = new ArrayList<>();
        for (List<Finding> group : byPackage.values()) {
            Package p = group.get(0).pkg();
            StringBuilder text = new StringBuilder();
            for (Finding f : group) {
                text.append(f.advisory().ids().compact()).append(' ').append(f.severity().label()).append(' ')
                        .append(f.nearestFix().map(v -> "fixed in " + v).orElse(f.status().label()))
                        .append(f.advisory().title().isBlank() ? "" : " " + f.advisory().title().strip()).append('\n');
            }
            String worst = group.stream().map(Finding::severity).max(Enum::compareTo).get().label();
            cases.add(new Case("packages." + p.type(), p.name() + " " + p.version() + " (" + p.location() + ")",
                    group.size() + " vulnerabilit" + (group.size() == 1 ? "y" : "ies") + ", worst " + worst,
                    text.toString(), null, null));
        }
        if (cases.isEmpty()) {
            cases.add(new Case("packages", "no known vulnerabilities in " + r.inventory().packages().size()
                    + " packages", null, null, null, null));
        }
        return cases;
    }

    private static void property(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeEmptyElement("property");
        w.writeAttribute("name", name);
        w.writeAttribute("value", clean(value));
    }

    /** XML 1.0 cannot carry most control characters even escaped: replace them so the report always parses. */
    static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000 ? c : 0xFFFD));
        return b.toString();
    }
}
