package io.plimsoll.ecosystem.rust;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.ecosystem.binary.BinaryFormatException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads cargo-auditable's JSON ({@code {"packages":[{"name","version","source","kind","root","dependencies"}]}}).
 * Optional fields take their documented defaults; an entry without a usable name or version is skipped with a warning.
 */
final class CargoAuditJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CargoAuditJson() {
    }

    static List<AuditedCrate> parse(byte[] json, Consumer<String> warnings) throws BinaryFormatException {
        JsonNode root;
        try {
            // the section is the binary's builder's word, as untrusted as any lockfile: the catalogers' limits
            com.fasterxml.jackson.core.JsonFactory bounded = com.fasterxml.jackson.core.JsonFactory.builder()
                    .streamReadConstraints(io.plimsoll.ecosystem.CatalogLimits.current().jacksonConstraints()).build();
            try (com.fasterxml.jackson.core.JsonParser p = bounded.createParser(json)) {
                root = JSON.readTree(p);
            }
        } catch (JsonProcessingException e) {
            throw new BinaryFormatException("cargo-auditable data is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BinaryFormatException("cargo-auditable data unreadable: " + e.getMessage());
        }
        JsonNode packages = root == null ? null : root.get("packages");
        if (packages == null || !packages.isArray()) {
            throw new BinaryFormatException("cargo-auditable data has no package list");
        }
        List<AuditedCrate> out = new ArrayList<>(packages.size());
        int skipped = 0;
        int max = io.plimsoll.ecosystem.CatalogLimits.current().maxPackagesPerFile();
        for (JsonNode p : packages) {
            if (out.size() >= max) {
                warnings.accept("cargo-auditable: more than " + max + " packages: the rest are not listed");
                break;
            }
            String name = text(p.get("name"));
            String version = text(p.get("version"));
            if (name.isEmpty() || version.isEmpty()) {
                skipped++;
                continue;
            }
            String kind = p.hasNonNull("kind") ? text(p.get("kind")) : AuditedCrate.RUNTIME;
            List<Integer> deps = new ArrayList<>();
            JsonNode d = p.get("dependencies");
            if (d != null && d.isArray()) {
                d.forEach(i -> {
                    if (i.canConvertToInt() && i.asInt() >= 0) {
                        deps.add(i.asInt());
                    }
                });
            }
            out.add(new AuditedCrate(name, version, source(p.get("source")), kind,
                    p.path("root").asBoolean(false), deps));
        }
        if (skipped > 0) {
            warnings.accept("cargo-auditable: " + skipped + " entries without a name or version skipped");
        }
        return out;
    }

    /** A string, or the name inside {@code {"Other": "..."}} for sources cargo-auditable has no word for. */
    private static String source(JsonNode n) {
        if (n != null && n.isObject()) {
            return text(n.get("Other"));
        }
        return text(n);
    }

    private static String text(JsonNode n) {
        return n != null && n.isTextual() ? n.asText().strip() : "";
    }
}
