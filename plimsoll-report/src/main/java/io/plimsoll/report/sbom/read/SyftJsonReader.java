package io.plimsoll.report.sbom.read;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.report.sbom.SbomProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads syft's own JSON ({@code syft -o json}, Anchore's import format): {@code artifacts} with name, version, type,
 * purl, licenses and locations; {@code source} (for an image: the user input, manifest digest, image id and tags);
 * {@code distro} (os-release's fields). An artifact without a purl cannot be matched and is counted as skipped.
 */
final class SyftJsonReader {

    private SyftJsonReader() {
    }

    /** Whether a JSON document is syft's: artifacts beside a source, or syft named as its writer. */
    static boolean isSyft(JsonNode root) {
        return root.path("artifacts").isArray() && (root.has("source")
                || root.path("descriptor").path("name").asText("").equals("syft"));
    }

    static SbomDocument read(JsonNode doc) {
        List<SbomDocument.Entry> packages = new ArrayList<>();
        int skipped = 0;
        for (JsonNode a : doc.path("artifacts")) {
            String purl = a.path("purl").asText("");
            if (purl.isEmpty()) {
                skipped++;
                continue;
            }
            Map<String, String> props = new LinkedHashMap<>();
            String path = a.path("locations").path(0).path("path").asText("");
            if (!path.isEmpty()) {
                props.put(SbomProperties.LOCATION, path);
            }
            packages.add(new SbomDocument.Entry(a.path("name").asText(""), a.path("version").asText(""), purl,
                    licenses(a.path("licenses")), "", cpe(a.path("cpes")), props));
        }
        String version = doc.path("schema").path("version").asText("");
        return new SbomDocument("syft JSON" + (version.isEmpty() ? "" : " " + version), image(doc.path("source")),
                os(doc.path("distro")), packages, skipped);
    }

    /** The image syft read, with its digests and tags as Plimsoll's properties; empty for a directory or a file. */
    private static Optional<SbomDocument.Entry> image(JsonNode source) {
        if (!source.path("type").asText("").equals("image")) {
            return Optional.empty();
        }
        JsonNode m = source.path("metadata");
        Map<String, String> props = new LinkedHashMap<>();
        put(props, SbomProperties.IMAGE_MANIFEST_DIGEST, m.path("manifestDigest").asText(""));
        put(props, SbomProperties.IMAGE_ID, m.path("imageID").asText(""));
        String os = m.path("os").asText("");
        String arch = m.path("architecture").asText("");
        if (!os.isEmpty() && !arch.isEmpty()) {
            props.put(SbomProperties.IMAGE_PLATFORM, os + "/" + arch);
        }
        int i = 0;
        for (JsonNode tag : m.path("tags")) {
            props.put(SbomProperties.IMAGE_TAG + ":" + i++, tag.asText());
        }
        String name = m.path("userInput").asText(source.path("name").asText(""));
        return Optional.of(new SbomDocument.Entry(name, source.path("version").asText(""), "", List.of(), "", "",
                props));
    }

    /** os-release as syft records it: id, versionID, prettyName, idLike. */
    private static Optional<SbomDocument.Entry> os(JsonNode distro) {
        String id = distro.path("id").asText("");
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> props = new LinkedHashMap<>();
        put(props, SbomProperties.DISTRO_PRETTY_NAME, distro.path("prettyName").asText(""));
        List<String> like = new ArrayList<>();
        distro.path("idLike").forEach(n -> like.add(n.asText()));
        put(props, SbomProperties.DISTRO_ID_LIKE, String.join(" ", like));
        put(props, SbomProperties.DISTRO_CODENAME, distro.path("versionCodename").asText(""));
        return Optional.of(new SbomDocument.Entry(id, distro.path("versionID").asText(""), "", List.of(),
                distro.path("prettyName").asText(""), distro.path("cpeName").asText(""), props));
    }

    /** Licenses: objects with {@code value} (schema 8 and later) or plain strings (earlier schemas). */
    private static List<String> licenses(JsonNode licenses) {
        List<String> out = new ArrayList<>();
        for (JsonNode l : licenses) {
            String v = l.isTextual() ? l.asText() : l.path("value").asText("");
            if (!v.isEmpty()) {
                out.add(v);
            }
        }
        return out;
    }

    /** The first CPE: an object with {@code cpe} (schema 12 and later) or a plain string. */
    private static String cpe(JsonNode cpes) {
        JsonNode first = cpes.path(0);
        return first.isTextual() ? first.asText() : first.path("cpe").asText("");
    }

    private static void put(Map<String, String> props, String key, String value) {
        if (!value.isEmpty()) {
            props.put(key, value);
        }
    }
}
