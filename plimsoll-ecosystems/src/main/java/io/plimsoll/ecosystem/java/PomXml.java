package io.plimsoll.ecosystem.java;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The coordinates and licenses in a jar's {@code META-INF/maven/G/A/pom.xml}, for jars that ship a pom.xml without a
 * pom.properties (Gradle-published ones). The group and version fall back to the parent's, as Maven inherits them.
 * The parser refuses DTDs: a pom inside an image is untrusted input (XXE).
 */
final class PomXml {

    private PomXml() {
    }

    /** A parser and the nesting bound it was made with. */
    private record Builder(int maxDepth, DocumentBuilder parser) {
    }

    /**
     * One parser per thread, remade when the nesting bound changes: finding and configuring a parser factory costs
     * more than parsing a pom, and a jar layer has hundreds of them.
     */
    private static final ThreadLocal<Builder> BUILDERS = new ThreadLocal<>();

    /** A handler of our own: the default one prints "[Fatal Error] …" on standard error for a bad pom. */
    private static final org.xml.sax.ErrorHandler QUIET = new org.xml.sax.helpers.DefaultHandler() {
        @Override
        public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private static DocumentBuilder builder() throws javax.xml.parsers.ParserConfigurationException {
        int depth = io.plimsoll.ecosystem.CatalogLimits.current().maxNestingDepth();
        Builder kept = BUILDERS.get();
        if (kept != null && kept.maxDepth() == depth) {
            kept.parser().reset(); // also puts back the default error handler
            kept.parser().setErrorHandler(QUIET);
            return kept.parser();
        }
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        // the DOM is built iteratively but read recursively (getTextContent): a property nested 200,000 deep
        // overflowed the stack, so nesting is bounded as for every other structured package file
        f.setAttribute("jdk.xml.maxElementDepth", String.valueOf(depth));
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(QUIET);
        BUILDERS.set(new Builder(depth, b));
        return b;
    }

    static Optional<Map<String, String>> read(byte[] xml, List<String> licensesOut) {
        try {
            DocumentBuilder b = builder();
            Document doc = b.parse(new ByteArrayInputStream(xml));
            Element project = doc.getDocumentElement();
            Element parent = child(project, "parent");
            Map<String, String> props = new LinkedHashMap<>();
            Element properties = child(project, "properties");
            if (properties != null) {
                for (Node n = properties.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element p) {
                        props.put(p.getTagName(), p.getTextContent().strip());
                    }
                }
            }
            String parentVersion = parent == null ? "" : text(parent, "version");
            props.put("project.parent.version", parentVersion);
            Map<String, String> m = new LinkedHashMap<>();
            String group = text(project, "groupId");
            String version = text(project, "version");
            m.put("groupId", resolve(!group.isEmpty() ? group : parent == null ? "" : text(parent, "groupId"), props));
            m.put("artifactId", resolve(text(project, "artifactId"), props));
            props.put("project.version", !version.isEmpty() ? version : parentVersion);
            m.put("version", resolve(!version.isEmpty() ? version : parentVersion, props));
            Element licenses = child(project, "licenses");
            if (licenses != null) {
                NodeList ls = licenses.getElementsByTagName("license");
                for (int i = 0; i < ls.getLength(); i++) {
                    String name = text((Element) ls.item(i), "name");
                    if (!name.isEmpty()) {
                        licensesOut.add(name);
                    }
                }
            }
            return m.get("artifactId").isEmpty() ? Optional.empty() : Optional.of(m);
        } catch (ParserConfigurationException | SAXException | IOException e) {
            // not a pom we can read: the jar is still named by its pom.properties, manifest or file name; an
            // unchecked exception is a defect and is left to the archive reader, which reports it as a warning
            return Optional.empty();
        }
    }

    /**
     * Substitutes {@code ${name}} from the pom's own properties (a few levels deep); a value that still refers to
     * something defined elsewhere (a parent pom we do not have) is unknown, never reported as a version.
     */
    static String resolve(String value, Map<String, String> props) {
        String v = value;
        for (int i = 0; i < 5 && v.contains("${"); i++) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{([^}]+)}").matcher(v);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String r = props.get(m.group(1));
                m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(r == null ? m.group(0) : r));
            }
            m.appendTail(sb);
            v = sb.toString();
        }
        return v.contains("${") ? "" : v;
    }

    private static Element child(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private static String text(Element e, String name) {
        Element c = child(e, name);
        return c == null ? "" : c.getTextContent().strip();
    }

}
