package io.plimsoll.ecosystem.oval;

import io.plimsoll.ecosystem.oval.OvalDefinition.Criteria;
import io.plimsoll.ecosystem.oval.OvalDefinition.Criterion;
import io.plimsoll.ecosystem.oval.OvalDefinition.Cve;
import io.plimsoll.ecosystem.oval.OvalDefinition.Reference;
import io.plimsoll.ecosystem.FeedXml;
import io.plimsoll.vuln.FeedException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams an OVAL definitions document: each {@code <definition>} goes to the handler as soon as it is read (Oracle's
 * file is hundreds of megabytes once decompressed, so definitions are never all held), and the {@code rpminfo}
 * tests, objects and states, which follow the definitions, are returned resolved at the end (a few short strings
 * each).
 *
 * <p>Bounded like the other feed parsers: no DTD or external entities (an OVAL file has neither), text of one element
 * up to {@link FeedXml#MAX_TEXT_CHARS}, criteria nested up to {@link #MAX_DEPTH} levels, and up to {@link #MAX_DEFINITIONS}
 * definitions; past a bound the file is refused with a one-line error naming it, never an out-of-memory. Element
 * names are matched without their namespace, which vendors spell differently.
 */
public final class OvalReader {

    /** Real criteria nest 4 levels (release, OR of packages, AND of package and key). */
    static final int MAX_DEPTH = 64;
    /** Oracle's whole history is ~10,000 definitions, Azure Linux 3.0 ~20,000. */
    static final int MAX_DEFINITIONS = 2_000_000;

    /** Receives each definition as it is read. */
    @FunctionalInterface
    public interface DefinitionHandler {
        void definition(OvalDefinition definition) throws FeedException;
    }

    private static final XMLInputFactory FACTORY = FeedXml.factory(false);

    private OvalReader() {
    }


    /**
     * Reads {@code in} (named {@code name} in messages) for {@code source}, handing each definition to
     * {@code handler}; returns the rpminfo tests by id.
     */
    public static Map<String, RpmInfoTest> read(String source, String name, InputStream in, DefinitionHandler handler)
            throws FeedException {
        XMLStreamReader r;
        try {
            r = FACTORY.createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            throw new FeedException(source, name, "not an OVAL XML document: " + firstLine(e.getMessage()), e);
        }
        Run run = new Run(source, name, r);
        try {
            run.document(handler);
        } catch (XMLStreamException e) {
            throw new FeedException(source, name, xmlError(e), e);
        } catch (RuntimeException e) {
            // StAX reports some I/O and decoding failures (a truncated bzip2 stream) unchecked
            throw new FeedException(source, name, "cannot read: " + firstLine(String.valueOf(e.getMessage())), e);
        } finally {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // the document was read or the error is already on its way
            }
        }
        return run.resolvedTests();
    }

    private static String xmlError(XMLStreamException e) {
        String message = firstLine(String.valueOf(e.getMessage()));
        // the JDK prefixes "ParseError at [row,col]:[12,3]\nMessage: ..."; keep the position and the message
        if (e.getLocation() != null) {
            String text = e.getMessage() == null ? "" : e.getMessage();
            int m = text.indexOf("Message: ");
            String reason = m >= 0 ? firstLine(text.substring(m + 9)) : message;
            return "invalid XML at line " + e.getLocation().getLineNumber() + ": " + reason;
        }
        return "invalid XML: " + message;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** One pass over one document. */
    private static final class Run {
        private final String source;
        private final String name;
        private final XMLStreamReader r;
        private final Map<String, String[]> tests = new LinkedHashMap<>();   // id -> {objectRef, stateRef}
        private final Map<String, String> objects = new HashMap<>();         // id -> package name
        private final Map<String, String[]> states = new HashMap<>();        // id -> {operation, evr, arch}
        private int definitions;

        Run(String source, String name, XMLStreamReader r) {
            this.source = source;
            this.name = name;
            this.r = r;
        }

        void document(DefinitionHandler handler) throws XMLStreamException, FeedException {
            boolean root = false;
            while (r.hasNext()) {
                if (r.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                String local = r.getLocalName();
                if (!root) {
                    if (!local.equals("oval_definitions")) {
                        throw new FeedException(source, name, "expected an OVAL document (<oval_definitions>) but "
                                + "the root element is <" + local + ">");
                    }
                    root = true;
                    continue;
                }
                switch (local) {
                    case "definition" -> {
                        if (++definitions > MAX_DEFINITIONS) {
                            throw new FeedException(source, name, "more than " + MAX_DEFINITIONS + " definitions");
                        }
                        handler.definition(definition());
                    }
                    case "rpminfo_test" -> test();
                    case "rpminfo_object" -> object();
                    case "rpminfo_state" -> state();
                    default -> {
                        // generator, other test kinds: nothing Plimsoll reads
                    }
                }
            }
            if (!root) {
                throw new FeedException(source, name, "the file is empty");
            }
        }

        Map<String, RpmInfoTest> resolvedTests() {
            Map<String, RpmInfoTest> out = new HashMap<>(tests.size() * 2);
            tests.forEach((id, refs) -> {
                String pkg = objects.get(refs[0]);
                String[] state = states.get(refs[1]);
                if (pkg != null && state != null) {
                    out.put(id, new RpmInfoTest(id, pkg, state[0], state[1], state[2]));
                }
            });
            return out;
        }

        private OvalDefinition definition() throws XMLStreamException, FeedException {
            String id = attr("id");
            String cls = attr("class");
            String title = "";
            String severity = "";
            String issued = "";
            String advisoryId = "";
            String patchable = "";
            String description = "";
            List<String> platforms = new ArrayList<>();
            List<Reference> references = new ArrayList<>();
            List<Cve> cves = new ArrayList<>();
            Criteria root = Criteria.EMPTY;
            Deque<CriteriaBuilder> open = new ArrayDeque<>();
            int depth = 1;
            while (depth > 0) {
                int event = r.next();
                if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                    if (r.getLocalName().equals("criteria") && !open.isEmpty()) {
                        Criteria done = open.pop().build();
                        if (open.isEmpty()) {
                            root = done;
                        } else {
                            open.peek().criteria.add(done);
                        }
                    }
                    continue;
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (r.getLocalName()) {
                    case "title" -> title = collapse(text());
                    case "platform" -> platforms.add(text().strip());
                    case "reference" -> {
                        references.add(new Reference(attr("source"), attr("ref_id"), attr("ref_url")));
                        depth++;
                    }
                    case "cve" -> {
                        String cvss3 = attr("cvss3");
                        String href = attr("href");
                        cves.add(new Cve(text().strip(), cvss3, href));
                    }
                    case "severity" -> severity = text().strip();
                    case "issued" -> {
                        issued = attr("date");
                        depth++;
                    }
                    case "advisory_date" -> issued = text().strip();
                    case "advisory_id" -> advisoryId = text().strip();
                    case "patchable" -> patchable = text().strip();
                    case "description" -> description = text().strip();
                    case "criteria" -> {
                        if (open.size() >= MAX_DEPTH) {
                            throw new FeedException(source, name, "definition " + id + ": criteria nested deeper than "
                                    + MAX_DEPTH + " levels");
                        }
                        String op = attr("operator");
                        open.push(new CriteriaBuilder(op.isEmpty() ? "AND" : op));
                        depth++;
                    }
                    case "criterion" -> {
                        if (!open.isEmpty()) {
                            open.peek().criterions.add(new Criterion(attr("test_ref"), attr("comment")));
                        }
                        depth++;
                    }
                    default -> depth++;
                }
            }
            return new OvalDefinition(id, cls, title, platforms, references, cves, severity, issued, advisoryId,
                    patchable, description, root);
        }

        private void test() throws XMLStreamException, FeedException {
            String id = attr("id");
            String[] refs = {"", ""};
            int depth = 1;
            while (depth > 0) {
                int event = r.next();
                if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                } else if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    if (r.getLocalName().equals("object")) {
                        refs[0] = attr("object_ref");
                    } else if (r.getLocalName().equals("state")) {
                        refs[1] = attr("state_ref");
                    }
                }
            }
            tests.put(id, refs);
            bound(tests.size());
        }

        private void object() throws XMLStreamException, FeedException {
            String id = attr("id");
            int depth = 1;
            while (depth > 0) {
                int event = r.next();
                if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                } else if (event == XMLStreamConstants.START_ELEMENT) {
                    if (r.getLocalName().equals("name")) {
                        objects.put(id, text().strip());
                    } else {
                        depth++;
                    }
                }
            }
            bound(objects.size());
        }

        private void state() throws XMLStreamException, FeedException {
            String id = attr("id");
            String[] state = {"", "", ""};
            int depth = 1;
            while (depth > 0) {
                int event = r.next();
                if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                } else if (event == XMLStreamConstants.START_ELEMENT) {
                    if (r.getLocalName().equals("evr")) {
                        state[0] = attr("operation");
                        state[1] = text().strip();
                    } else if (r.getLocalName().equals("arch")) {
                        state[2] = text().strip();
                    } else {
                        depth++;
                    }
                }
            }
            states.put(id, state);
            bound(states.size());
        }

        private void bound(int count) throws FeedException {
            if (count > MAX_DEFINITIONS) {
                throw new FeedException(source, name, "more than " + MAX_DEFINITIONS + " tests, objects or states");
            }
        }

        private String text() throws XMLStreamException, FeedException {
            return FeedXml.text(r, source, name);
        }

        private String attr(String local) {
            return FeedXml.attr(r, local);
        }

        private static String collapse(String s) {
            return s.strip().replaceAll("\\s+", " ");
        }
    }

    private static final class CriteriaBuilder {
        final String operator;
        final List<Criteria> criteria = new ArrayList<>();
        final List<Criterion> criterions = new ArrayList<>();

        CriteriaBuilder(String operator) {
            this.operator = operator;
        }

        Criteria build() {
            return new Criteria(operator, criteria, criterions);
        }
    }
}
