package io.plimsoll.report.sbom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Package;
import io.plimsoll.image.Image;
import io.plimsoll.model.Distro;
import io.plimsoll.policy.gate.licenses.SpdxLicenses;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An inventory as an SPDX 2.3 JSON document. The image is the package the document describes (purpose CONTAINER)
 * and CONTAINS the distro (purpose OPERATING_SYSTEM) and every package. Licenses that are SPDX ids go into
 * {@code licenseDeclared} as they are; other names become {@code LicenseRef-…} with the name kept in
 * {@code hasExtractedLicensingInfos}. The layer and file path go into {@code sourceInfo} for people and into
 * {@code plimsoll:} annotations for tools (see {@link SbomProperties}).
 */
public final class SpdxWriter {

    /** The one SPDX license list: an id the policy's licenses gate knows is an id here too. */
    private static final SpdxLicenses SPDX = SpdxLicenses.get();

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String NOASSERTION = "NOASSERTION";

    private SpdxWriter() {
    }

    public static String json(Inventory inv, String toolVersion) {
        Image img = inv.image();
        String created = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String annotator = "Tool: plimsoll-" + toolVersion;
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("spdxVersion", "SPDX-2.3");
        doc.put("dataLicense", "CC0-1.0");
        doc.put("SPDXID", "SPDXRef-DOCUMENT");
        doc.put("name", img.name());
        doc.put("documentNamespace", "https://plimsoll.io/spdxdocs/" + spdxIdPart(img.name()) + "-" + UUID.randomUUID());
        ObjectNode creation = doc.putObject("creationInfo");
        creation.put("created", created);
        creation.putArray("creators").add(annotator);
        doc.putArray("documentDescribes").add("SPDXRef-Image");
        ArrayNode packages = doc.putArray("packages");
        ArrayNode relationships = MAPPER.createArrayNode();
        relate(relationships, "SPDXRef-DOCUMENT", "DESCRIBES", "SPDXRef-Image");

        ObjectNode image = packages.addObject();
        image.put("SPDXID", "SPDXRef-Image");
        image.put("name", img.name());
        img.manifestDigest().ifPresent(d -> image.put("versionInfo", d.toString()));
        noAssertions(image);
        image.put("primaryPackagePurpose", "CONTAINER");
        annotate(image, SbomProperties.of(img), annotator, created);

        if (inv.distro().isPresent()) {
            Distro d = inv.distro().get();
            ObjectNode os = packages.addObject();
            os.put("SPDXID", "SPDXRef-OperatingSystem");
            os.put("name", d.id());
            if (!d.versionId().isEmpty()) {
                os.put("versionInfo", d.versionId());
            }
            noAssertions(os);
            // the 2.3 JSON Schema spells it with an underscore (the spec text with a dash)
            os.put("primaryPackagePurpose", "OPERATING_SYSTEM");
            if (!d.prettyName().isEmpty()) {
                os.put("description", d.prettyName());
            }
            if (!d.cpe().isEmpty()) {
                ObjectNode ref = os.putArray("externalRefs").addObject();
                ref.put("referenceCategory", "SECURITY");
                ref.put("referenceType", d.cpe().startsWith("cpe:2.3:") ? "cpe23Type" : "cpe22Type");
                ref.put("referenceLocator", d.cpe());
            }
            annotate(os, SbomProperties.of(d), annotator, created);
            relate(relationships, "SPDXRef-Image", "CONTAINS", "SPDXRef-OperatingSystem");
        }

        Map<String, String> extracted = new LinkedHashMap<>();
        int n = 0;
        for (Package p : inv.packages()) {
            String id = "SPDXRef-Package-" + (n++) + "-" + spdxIdPart(p.type() + "-" + p.name());
            ObjectNode o = packages.addObject();
            o.put("SPDXID", id);
            o.put("name", p.name());
            if (!p.version().isEmpty()) {
                o.put("versionInfo", p.version());
            }
            noAssertions(o);
            o.put("licenseDeclared", licenseExpression(p.licenses(), extracted));
            o.put("primaryPackagePurpose", "LIBRARY");
            o.put("sourceInfo", sourceInfo(p));
            if (p.purl() != null && !p.purl().isEmpty()) {
                ObjectNode ref = o.putArray("externalRefs").addObject();
                ref.put("referenceCategory", "PACKAGE-MANAGER");
                ref.put("referenceType", "purl");
                ref.put("referenceLocator", p.purl());
            }
            annotate(o, SbomProperties.of(p), annotator, created);
            relate(relationships, "SPDXRef-Image", "CONTAINS", id);
        }
        if (!extracted.isEmpty()) {
            ArrayNode infos = doc.putArray("hasExtractedLicensingInfos");
            extracted.forEach((name, ref) -> {
                ObjectNode info = infos.addObject();
                info.put("licenseId", ref);
                info.put("name", name);
                info.put("extractedText", name); // the package manager records only the name, so that is the text
            });
        }
        doc.set("relationships", relationships);
        try {
            return MAPPER.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SPDX ids as they are, other names as LicenseRef-…, all ANDed: a package under several licenses. */
    static String licenseExpression(List<String> licenses, Map<String, String> extracted) {
        if (licenses.isEmpty()) {
            return NOASSERTION;
        }
        List<String> terms = new ArrayList<>();
        for (String l : licenses) {
            terms.add(SPDX.id(l).orElseGet(() -> extracted.computeIfAbsent(l, k -> {
                String ref = "LicenseRef-" + spdxIdPart(k);
                // "GPL 2" and "GPL-2" clean up to the same id; each name needs its own
                return extracted.containsValue(ref) ? ref + "-" + extracted.size() : ref;
            })));
        }
        return String.join(" AND ", terms);
    }

    private static String sourceInfo(Package p) {
        StringBuilder sb = new StringBuilder("found by ").append(p.foundBy()).append(" in ").append(p.location());
        if (p.provenance() != null) {
            sb.append("; added by layer ").append(p.provenance().layer());
            p.provenance().layerDigest().ifPresent(d -> sb.append(" (").append(d).append(')'));
            p.provenance().createdBy().ifPresent(c -> sb.append(": ").append(c));
        }
        return sb.toString();
    }

    private static void noAssertions(ObjectNode o) {
        o.put("downloadLocation", NOASSERTION);
        o.put("filesAnalyzed", false);
        o.put("licenseConcluded", NOASSERTION);
        o.put("licenseDeclared", NOASSERTION);
        o.put("copyrightText", NOASSERTION);
    }

    private static void annotate(ObjectNode pkg, Map<String, String> props, String annotator, String date) {
        if (props.isEmpty()) {
            return;
        }
        ArrayNode annotations = pkg.putArray("annotations");
        props.forEach((k, v) -> {
            ObjectNode a = annotations.addObject();
            a.put("annotator", annotator);
            a.put("annotationDate", date);
            a.put("annotationType", "OTHER");
            a.put("comment", k + "=" + v);
        });
    }

    private static void relate(ArrayNode rels, String from, String type, String to) {
        ObjectNode r = rels.addObject();
        r.put("spdxElementId", from);
        r.put("relationshipType", type);
        r.put("relatedSpdxElement", to);
    }

    /** SPDX ids allow letters, digits, '.' and '-' only. */
    static String spdxIdPart(String s) {
        String clean = s.replaceAll("[^A-Za-z0-9.-]+", "-");
        return clean.isEmpty() ? "x" : clean;
    }
}
