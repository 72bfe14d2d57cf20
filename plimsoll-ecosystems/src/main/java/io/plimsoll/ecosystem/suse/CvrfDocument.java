package io.plimsoll.ecosystem.suse;

import io.plimsoll.ecosystem.FeedXml;
import io.plimsoll.vuln.FeedException;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * One SUSE CVRF 1.1 advisory ({@code cvrf-opensuse-su-2018-1633-1.xml}) as far as Plimsoll reads it: its id, title,
 * release date and details, the product tree's relationships ({@code openSUSE Leap 15.0:glibc-2.26-lp150.11.3.2} is
 * the package {@code glibc-2.26-lp150.11.3.2} in the product {@code openSUSE Leap 15.0}), and per vulnerability its
 * CVE, SUSE's impact rating and the product ids it is fixed in.
 *
 * <p>Old documents are not always valid UTF-8 (a Latin-1 name in a changelog): bytes that do not decode are read as
 * U+FFFD rather than failing the advisory, as SUSE's own tools do. No DTD or external entities are read.
 */
record CvrfDocument(String id, String title, String type, String released, String details,
                    Map<String, ProductPackage> relationships, List<Vulnerability> vulnerabilities) {

    /** A package build in a product: {@code product} + {@code glibc-2.26-lp150.11.3.2}. */
    record ProductPackage(String product, String nevr) {
    }

    record Vulnerability(String cve, String impact, String description, List<String> fixed) {
    }

    private static final XMLInputFactory FACTORY = FeedXml.factory(false);

    /** Longer than any real element (the largest changelogs are a few hundred KB). */


    static CvrfDocument parse(String source, String name, byte[] content) throws FeedException {
        Reader reader = new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
        XMLStreamReader r;
        try {
            r = FACTORY.createXMLStreamReader(reader);
        } catch (XMLStreamException e) {
            throw new FeedException(source, name, "not a CVRF XML document: " + firstLine(e.getMessage()), e);
        }
        try {
            return new Run(source, name, r).read();
        } catch (XMLStreamException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            int m = message.indexOf("Message: ");
            String reason = firstLine(m >= 0 ? message.substring(m + 9) : message);
            String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNumber();
            throw new FeedException(source, name, "invalid XML" + at + ": " + reason, e);
        } finally {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // read, or already failing
            }
        }
    }

    private static String firstLine(String s) {
        String t = s == null ? "" : s;
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    private static final class Run {
        private final String source;
        private final String name;
        private final XMLStreamReader r;

        Run(String source, String name, XMLStreamReader r) {
            this.source = source;
            this.name = name;
            this.r = r;
        }

        CvrfDocument read() throws XMLStreamException, FeedException {
            String id = "";
            String title = "";
            String type = "";
            String released = "";
            String details = "";
            Map<String, ProductPackage> relationships = new HashMap<>();
            List<Vulnerability> vulnerabilities = new ArrayList<>();
            boolean root = false;
            while (r.hasNext()) {
                if (r.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                String local = r.getLocalName();
                if (!root) {
                    if (!local.equals("cvrfdoc")) {
                        throw new FeedException(source, name, "expected a CVRF document (<cvrfdoc>) but the root "
                                + "element is <" + local + ">");
                    }
                    root = true;
                    continue;
                }
                switch (local) {
                    case "DocumentTitle" -> title = text().strip();
                    case "DocumentType" -> type = text().strip();
                    case "ID" -> id = text().strip();
                    case "InitialReleaseDate" -> released = text().strip();
                    case "Note" -> {
                        boolean isDetails = "Details".equals(attr("Title"));
                        String text = text();
                        if (isDetails && details.isEmpty()) {
                            details = text.strip();
                        }
                    }
                    case "Relationship" -> relationships.put(attr("RelatesToProductReference") + ":"
                            + attr("ProductReference"), new ProductPackage(attr("RelatesToProductReference"),
                            attr("ProductReference")));
                    case "Vulnerability" -> vulnerabilities.add(vulnerability());
                    default -> {
                    }
                }
            }
            if (!root) {
                throw new FeedException(source, name, "the file is empty");
            }
            return new CvrfDocument(id, title, type, released, details, relationships, vulnerabilities);
        }

        private Vulnerability vulnerability() throws XMLStreamException, FeedException {
            String cve = "";
            String impact = "";
            String description = "";
            List<String> fixed = new ArrayList<>();
            String status = "";
            String threat = "";
            int depth = 1;
            while (depth > 0) {
                int event = r.next();
                if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                    continue;
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (r.getLocalName()) {
                    case "CVE" -> cve = text().strip();
                    case "Status" -> {
                        status = attr("Type");
                        depth++;
                    }
                    case "ProductID" -> {
                        String product = text().strip();
                        if (status.equals("Fixed")) {
                            fixed.add(product);
                        }
                    }
                    case "Threat" -> {
                        threat = attr("Type");
                        depth++;
                    }
                    case "Description" -> {
                        String text = text().strip();
                        if (threat.equals("Impact") && impact.isEmpty()) {
                            impact = text;
                        }
                    }
                    case "Note" -> {
                        String text = text().strip();
                        if (description.isEmpty()) {
                            description = text;
                        }
                    }
                    default -> depth++;
                }
            }
            return new Vulnerability(cve, impact, description, fixed);
        }

        private String text() throws XMLStreamException, FeedException {
            return FeedXml.text(r, source, name);
        }

        private String attr(String local) {
            return FeedXml.attr(r, local);
        }
    }
}
