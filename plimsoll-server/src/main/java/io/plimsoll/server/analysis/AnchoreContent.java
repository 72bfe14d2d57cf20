package io.plimsoll.server.analysis;

import io.plimsoll.catalog.Package;
import io.plimsoll.image.HistoryStep;
import io.plimsoll.image.Image;
import io.plimsoll.image.Layer;
import io.plimsoll.image.tree.FileNode;
import io.plimsoll.server.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Anchore's content and metadata views of a stored analysis ({@code GET /v1/images/{digest}/content/{type}},
 * {@code .../metadata/{type}}), read from the inventory the analysis kept: nothing is pulled again.
 */
final class AnchoreContent {

    /** The content types the swagger names, in the order anchore-cli lists them. */
    static final List<String> CONTENT_TYPES = List.of("os", "files", "npm", "gem", "python", "java", "go", "binary",
            "nuget", "malware");
    static final List<String> METADATA_TYPES = List.of("manifest", "docker_history", "dockerfile");

    /** Which PURL types each language content type lists. */
    private static final Map<String, String> LANGUAGE_TYPES = Map.of("npm", "npm", "gem", "gem", "python", "pypi",
            "go", "golang", "nuget", "nuget");

    private AnchoreContent() {
    }

    static Map<String, Object> content(String digest, String type, AnalysisDocument doc) {
        List<Object> rows = new ArrayList<>();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("imageDigest", digest);
        out.put("content_type", type);
        out.put("content", rows);
        List<Package> packages = doc.inventory().packages();
        switch (type) {
            case "os" -> packages(packages, AnchoreViews::isOsPackage).forEach(p -> rows.add(osRow(p)));
            case "java" -> packages(packages, p -> p.type().equals("maven")).forEach(p -> rows.add(javaRow(p)));
            case "files" -> doc.inventory().walk().tree().nodes().stream().filter(n -> !n.implicit())
                    .forEach(n -> rows.add(fileRow(n)));
            // Plimsoll has no binary cataloger of its own (Go binaries are listed under go) and no malware scanner
            case "binary" -> out.put("note", "not inventoried: Plimsoll lists Go binaries under go and does not"
                    + " catalog other binaries");
            case "malware" -> {
                Map<String, Object> scan = new LinkedHashMap<>();
                scan.put("scanner", "none");
                scan.put("enabled", false);
                scan.put("findings", List.of());
                scan.put("metadata", Map.of("note", "not scanned: Plimsoll does not scan images for malware"));
                rows.add(scan);
            }
            default -> {
                String purlType = LANGUAGE_TYPES.get(type);
                if (purlType == null) {
                    throw ApiException.badRequest("content type must be one of " + String.join(", ", CONTENT_TYPES)
                            + ", got '" + type + "'");
                }
                packages(packages, p -> p.type().equals(purlType)).forEach(p -> rows.add(languageRow(p, type)));
            }
        }
        return out;
    }

    private static List<Package> packages(List<Package> all, Predicate<Package> which) {
        return all.stream().filter(which).toList();
    }

    private static Map<String, Object> osRow(Package p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("package", p.name());
        m.put("version", p.version());
        m.put("type", AnchoreViews.anchoreType(p.type()));
        m.put("origin", p.sourceName() == null || p.sourceName().isEmpty() ? p.name() : p.sourceName());
        m.put("licenses", p.licenses());
        m.put("license", String.join(" ", p.licenses()));
        m.put("location", location(p));
        return m;
    }

    private static Map<String, Object> javaRow(Package p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("package", p.name());
        // a jar's manifest versions are not kept apart from the version the cataloger settled on
        m.put("specification-version", "N/A");
        m.put("implementation-version", p.version());
        m.put("maven-version", p.version());
        m.put("location", location(p));
        m.put("type", "JAVA-JAR");
        m.put("origin", p.metadata().getOrDefault("groupId", "N/A"));
        return m;
    }

    private static Map<String, Object> languageRow(Package p, String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("package", p.name());
        m.put("version", p.version());
        m.put("type", type.toUpperCase(java.util.Locale.ROOT));
        m.put("location", location(p));
        m.put("licenses", p.licenses());
        m.put("origin", "N/A");
        return m;
    }

    private static String location(Package p) {
        if (p.location() != null && !p.location().isEmpty()) {
            return p.location();
        }
        return p.files().isEmpty() ? "pkgdb" : p.files().get(0);
    }

    private static Map<String, Object> fileRow(FileNode n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("filename", n.path().startsWith("/") ? n.path() : "/" + n.path());
        m.put("type", switch (n.type()) {
            case REGULAR -> "file";
            case DIRECTORY -> "dir";
            case SYMLINK -> "slink";
            case HARDLINK -> "hlink";
            default -> n.type().name().toLowerCase(java.util.Locale.ROOT);
        });
        m.put("size", n.size());
        m.put("mode", Integer.toOctalString(n.mode()));
        m.put("uid", n.uid());
        m.put("gid", n.gid());
        m.put("linkdest", n.linkTarget() == null || n.linkTarget().isEmpty() ? null : n.linkTarget());
        m.put("sha256", null);
        return m;
    }

    /**
     * Anchore's metadata record; the content is base64 as anchore-cli decodes it. The manifest is rebuilt from what
     * the analysis kept (config and layer digests, media types, sizes): the registry's bytes are not stored. A
     * Dockerfile not submitted with the image is guessed from the config's history, as Anchore does.
     */
    static Map<String, Object> metadata(ImageRecord r, String type, AnalysisDocument doc) {
        Image image = doc.inventory().image();
        String text = switch (type) {
            case "manifest" -> json(manifest(image));
            case "docker_history" -> json(history(image));
            case "dockerfile" -> r.dockerfile()
                    .map(b -> new String(Base64.getMimeDecoder().decode(b), StandardCharsets.UTF_8))
                    .orElseGet(() -> guessedDockerfile(image));
            default -> throw ApiException.badRequest("metadata type must be one of "
                    + String.join(", ", METADATA_TYPES) + ", got '" + type + "'");
        };
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("imageDigest", r.digest().orElse(null));
        out.put("metadata_type", type);
        out.put("metadata", Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    private static Map<String, Object> manifest(Image image) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemaVersion", 2);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("digest", image.configDigest().map(Object::toString).orElse(null));
        m.put("config", config);
        List<Object> layers = new ArrayList<>();
        for (Layer l : image.layers()) {
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("mediaType", l.mediaType());
            layer.put("size", l.size());
            layer.put("digest", l.digest().map(Object::toString).orElse(null));
            layers.add(layer);
        }
        m.put("layers", layers);
        return m;
    }

    private static List<Object> history(Image image) {
        List<Object> out = new ArrayList<>();
        for (HistoryStep h : image.config().history()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Created", h.created().map(Instant::toString).orElse(null));
            m.put("CreatedBy", h.createdBy());
            m.put("Comment", h.comment());
            Optional<Layer> layer = h.layer().isPresent() && h.layer().getAsInt() < image.layers().size()
                    ? Optional.of(image.layers().get(h.layer().getAsInt())) : Optional.empty();
            m.put("Id", layer.flatMap(Layer::digest).map(Object::toString).orElse("<missing>"));
            m.put("Size", layer.map(Layer::size).orElse(0L));
            m.put("Tags", List.of());
            out.add(m);
        }
        return out;
    }

    private static String guessedDockerfile(Image image) {
        StringBuilder sb = new StringBuilder("FROM scratch\n");
        for (HistoryStep h : image.config().history()) {
            String by = h.createdBy().strip();
            if (by.isEmpty()) {
                continue;
            }
            sb.append(by.startsWith("/bin/sh -c #(nop) ") ? by.substring("/bin/sh -c #(nop) ".length()).strip()
                    : by.startsWith("/bin/sh -c ") ? "RUN " + by.substring("/bin/sh -c ".length()) : by).append('\n');
        }
        return sb.toString();
    }

    private static String json(Object value) {
        try {
            return AnchoreViews.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
