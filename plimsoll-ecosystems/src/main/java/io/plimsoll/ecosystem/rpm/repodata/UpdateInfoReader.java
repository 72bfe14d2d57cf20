package io.plimsoll.ecosystem.rpm.repodata;

import io.plimsoll.ecosystem.FeedXml;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.CappedFeedInput;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams the errata of an {@code updateinfo.xml} (yum's format, as Rocky Linux and Amazon Linux publish it) one
 * {@code <update>} at a time, so a large file is never held whole. Bounded like the other feed parsers: the XML is
 * read without DTDs or external entities, the decompressed input, the number of updates and of packages per update
 * are capped, and long texts are cut (a description is for reading, not matching).
 */
public final class UpdateInfoReader {

    /** The caps; {@link #DEFAULT} is far above any real repository (Rocky 9 AppStream: ~2,000 errata, ~40 MB). */
    public record Limits(long maxBytes, int maxUpdates, int maxPackagesPerUpdate, int maxTextChars) {
        public static final Limits DEFAULT = new Limits(2L << 30, 1_000_000, 200_000, 1 << 16);
    }

    /** Receives each erratum in document order. */
    @FunctionalInterface
    public interface ErratumConsumer {
        void accept(Erratum erratum) throws FeedException;
    }

    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");

    private static final XMLInputFactory FACTORY = FeedXml.factory(true);

    private UpdateInfoReader() {
    }

    /** Reads every {@code <update>} of {@code in}; returns how many. {@code name} is used in messages. */
    public static int read(String source, String name, InputStream in, Limits limits, ErratumConsumer consumer)
            throws FeedException {
        XMLStreamReader xml = open(source, name, new CappedFeedInput(in, limits.maxBytes(), source, name,
                "not an updateinfo file (or a decompression bomb)"));
        int count = 0;
        try {
            boolean root = true;
            while (xml.hasNext()) {
                if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                String el = xml.getLocalName();
                if (root) {
                    if (!el.equals("updates")) {
                        throw new FeedException(source, name, "expected updateinfo XML (<updates>) but the document is <"
                                + el + ">");
                    }
                    root = false;
                } else if (el.equals("update")) {
                    if (++count > limits.maxUpdates()) {
                        throw new FeedException(source, name, "more than " + limits.maxUpdates() + " updates");
                    }
                    consumer.accept(update(source, name, xml, limits));
                }
            }
            if (root) {
                throw new FeedException(source, name, "the file is empty");
            }
            return count;
        } catch (XMLStreamException e) {
            throw xmlError(source, name, e);
        } finally {
            close(xml);
        }
    }

    /** One {@code <update>}, the reader on its start tag; returns at its end tag. */
    private static Erratum update(String source, String name, XMLStreamReader xml, Limits limits)
            throws XMLStreamException, FeedException {
        String type = attribute(xml, "type");
        String id = "";
        String title = "";
        String severity = "";
        String description = "";
        Optional<Instant> issued = Optional.empty();
        Optional<Instant> updated = Optional.empty();
        Set<String> cves = new LinkedHashSet<>();
        Set<String> references = new LinkedHashSet<>();
        List<Erratum.Package> packages = new ArrayList<>();
        Optional<String> module = Optional.empty();
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                if (xml.getLocalName().equals("collection")) {
                    module = Optional.empty();
                }
                continue;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            depth++;
            switch (xml.getLocalName()) {
                case "id" -> {
                    id = text(xml).strip();
                    depth--;
                }
                case "title" -> {
                    title = cut(text(xml).strip(), limits);
                    depth--;
                }
                case "severity" -> {
                    severity = text(xml).strip();
                    depth--;
                }
                case "description" -> {
                    description = cut(text(xml), limits);
                    depth--;
                }
                case "issued" -> issued = date(attribute(xml, "date"));
                case "updated" -> updated = date(attribute(xml, "date"));
                case "reference" -> {
                    String refId = attribute(xml, "id").strip();
                    String refType = attribute(xml, "type");
                    if (refType.equalsIgnoreCase("cve") && CVE.matcher(refId).matches()) {
                        cves.add(refId);
                    }
                    String href = attribute(xml, "href").strip();
                    if (!href.isEmpty()) {
                        references.add(cut(href, limits));
                    }
                }
                case "module" -> {
                    String moduleName = attribute(xml, "name").strip();
                    String stream = attribute(xml, "stream").strip();
                    module = moduleName.isEmpty() || stream.isEmpty() ? Optional.empty()
                            : Optional.of(moduleName + ":" + stream);
                }
                case "package" -> {
                    if (packages.size() >= limits.maxPackagesPerUpdate()) {
                        throw new FeedException(source, name, (id.isEmpty() ? "an update" : id) + " lists more than "
                                + limits.maxPackagesPerUpdate() + " packages");
                    }
                    packages.add(new Erratum.Package(attribute(xml, "name"), attribute(xml, "epoch"),
                            attribute(xml, "version"), attribute(xml, "release"), attribute(xml, "arch"), module));
                }
                default -> {
                    // other elements (filename, sum, rights, pushcount, …) say nothing the matcher needs
                }
            }
        }
        return new Erratum(id, type, title, severity, issued, updated, description, List.copyOf(cves),
                List.copyOf(references), packages);
    }

    /** The element's text, the reader left on its end tag. Nested markup is skipped, its text kept. */
    static String text(XMLStreamReader xml) throws XMLStreamException {
        StringBuilder out = new StringBuilder();
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> depth++;
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (out.length() < Limits.DEFAULT.maxTextChars()) {
                        out.append(xml.getText());
                    }
                }
                default -> {
                }
            }
        }
        return out.toString();
    }

    private static String attribute(XMLStreamReader xml, String name) {
        String v = xml.getAttributeValue(null, name);
        return v == null ? "" : v;
    }

    private static String cut(String s, Limits limits) {
        return s.length() <= limits.maxTextChars() ? s : s.substring(0, limits.maxTextChars());
    }

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /**
     * The forms repositories write: {@code 2021-07-22 18:25:24}, {@code 2018-01-11 21:05}, a date alone, or seconds
     * since the epoch; anything else is no date rather than an error (the date is shown, never matched on).
     */
    static Optional<Instant> date(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (s.chars().allMatch(Character::isDigit) && s.length() <= 12) {
                return Optional.of(Instant.ofEpochSecond(Long.parseLong(s)));
            }
            if (s.length() == 10) {
                return Optional.of(LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC));
            }
            DateTimeFormatter f = s.length() == 16 ? MINUTES : SECONDS;
            return Optional.of(LocalDateTime.parse(s.length() > 19 ? s.substring(0, 19) : s, f)
                    .toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static XMLStreamReader open(String source, String name, InputStream in) throws FeedException {
        try {
            return FACTORY.createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            throw xmlError(source, name, e);
        }
    }

    /** A parse error as one line naming the file and position; a cut-off download says so. */
    static FeedException xmlError(String source, String name, XMLStreamException e) {
        if (e.getNestedException() instanceof FeedException fe) {
            return fe;
        }
        if (e.getCause() instanceof FeedException fe) {
            return fe;
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        int nl = message.lastIndexOf("Message: ");
        String reason = nl >= 0 ? message.substring(nl + 9) : message;
        reason = reason.lines().findFirst().orElse("").strip();
        boolean truncated = reason.contains("XML document structures must start and end")
                || reason.toLowerCase(java.util.Locale.ROOT).contains("premature end of file")
                || reason.toLowerCase(java.util.Locale.ROOT).contains("unexpected eof");
        Location at = e.getLocation();
        String where = at == null || at.getLineNumber() <= 0 ? ""
                : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber();
        return new FeedException(source, name, (truncated ? "truncated XML (download cut short?)"
                : "invalid XML: " + reason) + where, e);
    }

    static void close(XMLStreamReader xml) {
        try {
            xml.close();
        } catch (XMLStreamException ignored) {
            // the document was read or its error is already being reported
        }
    }

}
