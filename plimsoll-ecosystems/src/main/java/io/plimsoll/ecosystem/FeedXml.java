package io.plimsoll.ecosystem;

import io.plimsoll.vuln.FeedException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * What the XML feed readers (OVAL, CVRF, updateinfo) share: a StAX factory that a document from the network cannot
 * turn against us, and reading an element's text within a bound, so one huge text node is an error naming the file
 * rather than an out-of-memory.
 */
public final class FeedXml {

    /** An advisory's description runs to a few KB; 4 Mi characters is far beyond any real one. */
    public static final int MAX_TEXT_CHARS = 4 << 20;

    private FeedXml() {
    }

    /** A StAX factory with no DTDs and no entities that reach for files or URLs; {@code coalescing} as asked. */
    public static XMLInputFactory factory(boolean coalescing) {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, coalescing);
        return f;
    }

    /**
     * The text of the element {@code r} is at, up to its end tag, skipping any markup inside it; longer than
     * {@link #MAX_TEXT_CHARS} is a {@link FeedException} naming {@code source} and {@code name}.
     */
    public static String text(XMLStreamReader r, String source, String name) throws XMLStreamException, FeedException {
        StringBuilder out = new StringBuilder();
        int depth = 1;
        while (depth > 0) {
            switch (r.next()) {
                case XMLStreamConstants.START_ELEMENT -> depth++;
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (out.length() + r.getTextLength() > MAX_TEXT_CHARS) {
                        throw new FeedException(source, name, "an element's text is longer than "
                                + MAX_TEXT_CHARS + " characters");
                    }
                    out.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                }
                default -> {
                }
            }
        }
        return out.toString();
    }

    /** The value of the attribute {@code local} (any namespace) of the element {@code r} is at, or "". */
    public static String attr(XMLStreamReader r, String local) {
        for (int i = 0; i < r.getAttributeCount(); i++) {
            if (r.getAttributeLocalName(i).equals(local)) {
                return r.getAttributeValue(i);
            }
        }
        return "";
    }
}
