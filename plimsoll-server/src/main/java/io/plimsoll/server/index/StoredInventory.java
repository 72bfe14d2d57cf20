package io.plimsoll.server.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.catalog.Package;
import io.plimsoll.catalog.Provenance;
import io.plimsoll.model.Digest;
import io.plimsoll.model.Distro;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A manifest's distro and packages as the {@code manifest.inventory} JSON: explicit fields (not a reflective dump
 * of the records) so the stored form does not change when a record gains a component. File lists are not kept.
 */
final class StoredInventory {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredInventory() {
    }

    static String toJson(Optional<Distro> distro, List<Package> packages) {
        ObjectNode root = JSON.createObjectNode();
        distro.ifPresent(d -> {
            ObjectNode o = root.putObject("distro");
            o.put("id", d.id()).put("versionId", d.versionId()).put("codename", d.codename())
                    .put("prettyName", d.prettyName()).put("cpe", d.cpe());
            d.idLike().forEach(o.putArray("idLike")::add);
        });
        ArrayNode list = root.putArray("packages");
        for (Package p : packages) {
            ObjectNode o = list.addObject();
            o.put("type", p.type()).put("name", p.name()).put("version", p.version()).put("arch", p.arch())
                    .put("sourceName", p.sourceName()).put("sourceVersion", p.sourceVersion())
                    .put("purl", p.purl()).put("foundBy", p.foundBy()).put("location", p.location());
            ArrayNode lic = o.putArray("licenses");
            p.licenses().forEach(lic::add);
            if (p.provenance() != null) {
                o.put("layer", p.provenance().layer());
                p.provenance().layerDigest().ifPresent(d -> o.put("layerDigest", d.toString()));
                p.provenance().createdBy().ifPresent(c -> o.put("createdBy", c));
            }
            ObjectNode meta = o.putObject("metadata");
            p.metadata().forEach(meta::put);
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static IndexedManifest fromJson(String digest, String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored inventory of " + digest + " is not JSON", e);
        }
        Optional<Distro> distro = Optional.empty();
        JsonNode d = root.path("distro");
        if (d.isObject()) {
            List<String> idLike = new ArrayList<>();
            d.path("idLike").forEach(n -> idLike.add(n.asText()));
            distro = Optional.of(new Distro(d.path("id").asText(), d.path("versionId").asText(),
                    d.path("codename").asText(), d.path("prettyName").asText(), d.path("cpe").asText(), idLike));
        }
        List<Package> packages = new ArrayList<>();
        for (JsonNode o : root.path("packages")) {
            List<String> licenses = new ArrayList<>();
            o.path("licenses").forEach(n -> licenses.add(n.asText()));
            Map<String, String> meta = new LinkedHashMap<>();
            o.path("metadata").fields().forEachRemaining(e -> meta.put(e.getKey(), e.getValue().asText()));
            Provenance provenance = new Provenance(o.path("layer").asInt(0),
                    o.hasNonNull("layerDigest") ? Optional.of(Digest.parse(o.get("layerDigest").asText())) : Optional.empty(),
                    o.hasNonNull("createdBy") ? Optional.of(o.get("createdBy").asText()) : Optional.empty());
            packages.add(new Package(o.path("type").asText(), o.path("name").asText(), o.path("version").asText(),
                    o.path("arch").asText(), o.path("sourceName").asText(), o.path("sourceVersion").asText(),
                    licenses, o.path("purl").asText(), List.of(), o.path("foundBy").asText(),
                    o.path("location").asText(), provenance, meta));
        }
        return new IndexedManifest(digest, distro, packages);
    }
}
