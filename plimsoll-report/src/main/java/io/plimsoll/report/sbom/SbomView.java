package io.plimsoll.report.sbom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Package;
import io.plimsoll.image.Image;
import io.plimsoll.image.Layer;
import io.plimsoll.model.Distro;
import io.plimsoll.report.text.Tables;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Renders an inventory. The JSON keeps to what CycloneDX and SPDX can carry (a component per package with PURL,
 * licenses, and properties for source and layer), so those formats can be produced from it directly later.
 */
public final class SbomView {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectWriter STREAMING = MAPPER.writer()
            .without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private SbomView() {
    }

    public static void table(Inventory inv, PrintWriter out) {
        Image img = inv.image();
        out.println("Image     " + img.name() + img.manifestDigest().map(d -> " (" + d + ")").orElse(""));
        out.println("Distro    " + inv.distro().map(SbomView::describe).orElse("not detected"));
        Map<String, Long> byType = inv.packages().stream()
                .collect(Collectors.groupingBy(Package::type, TreeMap::new, Collectors.counting()));
        out.println("Packages  " + inv.packages().size() + (byType.isEmpty() ? "" : " ("
                + byType.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")) + ")"));
        if (!inv.packages().isEmpty()) {
            out.println();
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"NAME", "VERSION", "TYPE", "ARCH", "SOURCE", "LAYER", "ADDED BY"});
            for (Package p : inv.packages()) {
                String source = p.sourceName().equals(p.name()) && p.sourceVersion().equals(p.version()) ? ""
                        : p.sourceName() + (p.sourceVersion().equals(p.version()) ? "" : " " + p.sourceVersion());
                rows.add(new String[] {p.name(), p.version(), p.type(), p.arch(), source,
                    String.valueOf(p.provenance().layer()),
                    truncate(p.provenance().createdBy().orElse(""), 50)});
            }
            Tables.print(out, rows, "");
        }
        if (!inv.warnings().isEmpty()) {
            out.println();
            out.println("Warnings");
            inv.warnings().forEach(w -> out.println("  - " + w));
        }
    }

    /** The inventory as Plimsoll's json, as a string; {@link #writeJson} writes it to a stream. */
    public static String json(Inventory inv, boolean withFiles) {
        java.io.StringWriter buffer = new java.io.StringWriter();
        try {
            writeJson(inv, withFiles, buffer);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("a string writer does not fail", e);
        }
        return buffer.toString();
    }

    /**
     * The inventory as Plimsoll's json, written to {@code out} as it is made (left open): an inventory's json is
     * hundreds of KB, and a string of it first is two more passes over it at the end of a run, in code run once.
     */
    public static void writeJson(Inventory inv, boolean withFiles, java.io.Writer out) throws java.io.IOException {
        STREAMING.writeValue(out, tree(inv, withFiles));
    }

    private static ObjectNode tree(Inventory inv, boolean withFiles) {
        Image img = inv.image();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", "plimsoll-sbom/1");
        ObjectNode image = root.putObject("image");
        image.put("name", img.name());
        image.put("source", img.kind().prefix());
        image.put("manifestDigest", img.manifestDigest().map(Object::toString).orElse(null));
        image.put("imageId", img.configDigest().map(Object::toString).orElse(null));
        image.put("platform", img.platform().toString());
        ArrayNode tags = image.putArray("tags");
        img.tags().forEach(tags::add);
        ArrayNode layers = image.putArray("layers");
        for (Layer l : img.layers()) {
            ObjectNode o = layers.addObject();
            o.put("index", l.index());
            o.put("digest", l.digest().map(Object::toString).orElse(null));
            o.put("diffId", l.diffId().map(Object::toString).orElse(null));
            o.put("createdBy", l.history().map(h -> h.createdBy()).orElse(null));
        }
        if (inv.distro().isPresent()) {
            Distro d = inv.distro().get();
            ObjectNode o = root.putObject("distro");
            o.put("id", d.id());
            o.put("versionId", d.versionId());
            o.put("codename", d.codename());
            o.put("prettyName", d.prettyName());
            o.put("cpe", d.cpe());
            ArrayNode like = o.putArray("idLike");
            d.idLike().forEach(like::add);
        } else {
            root.putNull("distro");
        }
        ArrayNode packages = root.putArray("packages");
        for (Package p : inv.packages()) {
            ObjectNode o = packages.addObject();
            o.put("type", p.type());
            o.put("name", p.name());
            o.put("version", p.version());
            o.put("arch", p.arch());
            o.put("purl", p.purl());
            ArrayNode lic = o.putArray("licenses");
            p.licenses().forEach(lic::add);
            o.putObject("source").put("name", p.sourceName()).put("version", p.sourceVersion());
            o.put("foundBy", p.foundBy());
            o.put("location", p.location());
            ObjectNode layer = o.putObject("layer");
            layer.put("index", p.provenance().layer());
            layer.put("digest", p.provenance().layerDigest().map(Object::toString).orElse(null));
            layer.put("createdBy", p.provenance().createdBy().orElse(null));
            ObjectNode meta = o.putObject("metadata");
            new TreeMap<>(p.metadata()).forEach(meta::put);
            o.put("fileCount", p.files().size());
            if (withFiles) {
                ArrayNode files = o.putArray("files");
                p.files().forEach(files::add);
            }
        }
        ArrayNode warnings = root.putArray("warnings");
        inv.warnings().forEach(warnings::add);
        return root;
    }

    private static String describe(Distro d) {
        return d.id() + (d.versionId().isEmpty() ? "" : " " + d.versionId())
                + (d.codename().isEmpty() ? "" : " (" + d.codename() + ")")
                + (d.prettyName().isEmpty() ? "" : " - " + d.prettyName());
    }

    private static String truncate(String s, int width) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= width ? one : one.substring(0, width - 1) + "…";
    }
}
