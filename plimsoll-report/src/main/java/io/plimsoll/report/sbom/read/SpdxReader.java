package io.plimsoll.report.sbom.read;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.report.sbom.SbomProperties;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads SPDX 2.3 JSON: packages with a {@code purl} external reference, the OS package, the described package. */
final class SpdxReader {

    private SpdxReader() {
    }

    static SbomDocument read(JsonNode doc) {
        Set<String> described = new java.util.HashSet<>();
        doc.path("documentDescribes").forEach(n -> described.add(n.asText()));
        doc.path("relationships").forEach(r -> {
            if (r.path("spdxElementId").asText().equals("SPDXRef-DOCUMENT")
                    && r.path("relationshipType").asText().equals("DESCRIBES")) {
                described.add(r.path("relatedSpdxElement").asText());
            }
        });
        Map<String, String> extracted = new HashMap<>();
        doc.path("hasExtractedLicensingInfos").forEach(i ->
                extracted.put(i.path("licenseId").asText(), i.path("name").asText(i.path("licenseId").asText())));
        Optional<SbomDocument.Entry> image = Optional.empty();
        Optional<SbomDocument.Entry> os = Optional.empty();
        List<SbomDocument.Entry> packages = new ArrayList<>();
        int skipped = 0;
        for (JsonNode p : doc.path("packages")) {
            String purpose = p.path("primaryPackagePurpose").asText("");
            SbomDocument.Entry e = entry(p, extracted);
            if (purpose.equals("OPERATING_SYSTEM") || purpose.equals("OPERATING-SYSTEM")) { // schema vs spec text
                if (os.isEmpty()) {
                    os = Optional.of(e);
                }
            } else if (!e.purl().isEmpty()) {
                packages.add(e);
            } else if (described.contains(p.path("SPDXID").asText()) || purpose.equals("CONTAINER")) {
                if (image.isEmpty()) {
                    image = Optional.of(e);
                }
            } else {
                skipped++;
            }
        }
        return new SbomDocument("SPDX 2.3 (JSON)", image, os, packages, skipped);
    }

    private static SbomDocument.Entry entry(JsonNode p, Map<String, String> extracted) {
        String purl = "";
        String cpe = "";
        for (JsonNode ref : p.path("externalRefs")) {
            String type = ref.path("referenceType").asText();
            if (type.equals("purl") && purl.isEmpty()) {
                purl = ref.path("referenceLocator").asText();
            } else if (type.startsWith("cpe") && cpe.isEmpty()) {
                cpe = ref.path("referenceLocator").asText();
            }
        }
        Map<String, String> props = new LinkedHashMap<>();
        for (JsonNode a : p.path("annotations")) {
            String comment = a.path("comment").asText("");
            int eq = comment.indexOf('=');
            if (comment.startsWith(SbomProperties.PREFIX) && eq > 0) {
                props.putIfAbsent(comment.substring(0, eq), comment.substring(eq + 1));
            }
        }
        return new SbomDocument.Entry(p.path("name").asText(""), p.path("versionInfo").asText(""), purl,
                licenses(p.path("licenseDeclared").asText(""), extracted), p.path("description").asText(""), cpe,
                props);
    }

    /**
     * The terms of a declared license expression, LicenseRefs replaced by the names they stand for. An expression
     * with OR is kept whole: splitting it would claim the package is under every choice.
     */
    static List<String> licenses(String expression, Map<String, String> extracted) {
        String e = expression.trim();
        if (e.isEmpty() || e.equals("NOASSERTION") || e.equals("NONE")) {
            return List.of();
        }
        if (e.contains(" OR ") || e.contains("(")) {
            return List.of(e);
        }
        List<String> out = new ArrayList<>();
        for (String term : e.split(" AND ")) {
            String t = term.trim();
            out.add(extracted.getOrDefault(t, t));
        }
        return out;
    }
}
