package io.plimsoll.report.sbom.read;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Property;
import org.cyclonedx.parsers.JsonParser;
import org.cyclonedx.parsers.XmlParser;

/** Reads CycloneDX 1.4–1.6, JSON or XML, with cyclonedx-core-java's parsers. */
final class CycloneDxReader {

    static final Set<String> SUPPORTED = Set.of("1.4", "1.5", "1.6");
    private static final Pattern XML_NAMESPACE = Pattern.compile("http://cyclonedx\\.org/schema/bom/(\\d+\\.\\d+)");

    private CycloneDxReader() {
    }

    /** @param specVersion from the JSON document's {@code specVersion}; the caller has checked it is supported */
    static SbomDocument json(byte[] bytes, String specVersion) throws ParseException {
        return document(new JsonParser().parse(bytes), "CycloneDX " + specVersion + " (JSON)");
    }

    /** The spec version an XML document's namespace names, if it is a CycloneDX BOM at all. */
    static Optional<String> xmlVersion(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.UTF_8);
        Matcher m = XML_NAMESPACE.matcher(head);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    static SbomDocument xml(byte[] bytes, String specVersion) throws ParseException {
        return document(new XmlParser().parse(bytes), "CycloneDX " + specVersion + " (XML)");
    }

    private static SbomDocument document(Bom bom, String format) {
        Optional<SbomDocument.Entry> image = Optional.ofNullable(bom.getMetadata())
                .map(org.cyclonedx.model.Metadata::getComponent).map(CycloneDxReader::entry);
        List<Component> all = new ArrayList<>();
        flatten(bom.getComponents(), all);
        Optional<SbomDocument.Entry> os = Optional.empty();
        List<SbomDocument.Entry> packages = new ArrayList<>();
        int skipped = 0;
        for (Component c : all) {
            if (c.getType() == Component.Type.OPERATING_SYSTEM) {
                if (os.isEmpty()) {
                    os = Optional.of(entry(c));
                }
            } else if (c.getPurl() != null && !c.getPurl().isBlank()) {
                packages.add(entry(c));
            } else if (c.getType() != Component.Type.CONTAINER) {
                skipped++;
            }
        }
        return new SbomDocument(format, image, os, packages, skipped);
    }

    /** Components may nest (a jar inside a jar, an image's layers); all of them are in the image. */
    private static void flatten(List<Component> components, List<Component> out) {
        if (components == null) {
            return;
        }
        for (Component c : components) {
            out.add(c);
            flatten(c.getComponents(), out);
        }
    }

    private static SbomDocument.Entry entry(Component c) {
        Map<String, String> props = new LinkedHashMap<>();
        if (c.getProperties() != null) {
            for (Property p : c.getProperties()) {
                if (p.getName() != null && p.getValue() != null) {
                    props.putIfAbsent(p.getName(), p.getValue());
                }
            }
        }
        return new SbomDocument.Entry(c.getName(), c.getVersion(), c.getPurl(), licenses(c.getLicenses()),
                c.getDescription(), c.getCpe(), props);
    }

    private static List<String> licenses(LicenseChoice choice) {
        List<String> out = new ArrayList<>();
        if (choice == null) {
            return out;
        }
        if (choice.getLicenses() != null) {
            for (License l : choice.getLicenses()) {
                String v = l.getId() != null ? l.getId() : l.getName();
                if (v != null && !v.isBlank()) {
                    out.add(v);
                }
            }
        }
        if (choice.getExpression() != null && choice.getExpression().getValue() != null) {
            out.add(choice.getExpression().getValue());
        }
        return out;
    }
}
