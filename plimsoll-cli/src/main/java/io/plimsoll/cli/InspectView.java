package io.plimsoll.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.image.HistoryStep;
import io.plimsoll.image.Image;
import io.plimsoll.image.ImageConfig;
import io.plimsoll.image.layer.Bytes;
import io.plimsoll.image.layer.FileType;
import io.plimsoll.image.walk.LayerReport;
import io.plimsoll.image.walk.WalkResult;
import io.plimsoll.report.text.Tables;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders what {@code inspect} learnt, as an aligned table for people or JSON for programs. */
final class InspectView {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int CREATED_BY_WIDTH = 70;

    private InspectView() {
    }

    static void table(WalkResult r, PrintWriter out) {
        Image img = r.image();
        ImageConfig c = img.config();
        List<String[]> head = new ArrayList<>();
        head.add(row("Image", img.name()));
        head.add(row("Source", img.kind().prefix()));
        if (!img.tags().isEmpty()) {
            head.add(row("Tags", String.join(", ", img.tags())));
        }
        head.add(row("Platform", img.platform().toString()));
        img.manifestDigest().ifPresent(d -> head.add(row("Manifest", d.toString())));
        img.configDigest().ifPresent(d -> head.add(row("Image ID", d.toString())));
        c.created().ifPresent(t -> head.add(row("Created", t.toString())));
        head.add(row("Layers", img.layers().size() + (r.compressedBytes() > 0
                ? ", " + Bytes.human(r.compressedBytes()) + " stored" : "") + ", " + Bytes.human(r.expandedBytes())
                + " expanded"));
        head.add(row("Files", r.tree().size() + " paths in the squashed tree (" + typeCounts(r.tree().countByType()) + ")"));
        Tables.print(out, head, "");

        out.println();
        List<String[]> layers = new ArrayList<>();
        layers.add(new String[] {"LAYER", "DIGEST", "STORED", "EXPANDED", "ENTRIES", "WHITEOUTS", "CREATED BY"});
        for (LayerReport l : r.layers()) {
            layers.add(new String[] {
                String.valueOf(l.layer().index()),
                l.layer().digest().map(d -> d.algorithm() + ":" + d.shortHex()).orElse("-"),
                l.summary().compressedBytes() > 0 ? Bytes.human(l.summary().compressedBytes()) : "-",
                Bytes.human(l.summary().expandedBytes()),
                String.valueOf(l.files()),
                String.valueOf(l.whiteouts() + l.opaqueDirs()),
                l.layer().history().map(h -> truncate(h.instruction(), CREATED_BY_WIDTH))
                        .orElse(l.reusedFrom() >= 0 ? "(same as layer " + l.reusedFrom() + ")" : "")});
        }
        Tables.print(out, layers, "");

        if (!c.equals(ImageConfig.EMPTY)) {
            out.println();
            out.println("Config");
            List<String[]> cfg = new ArrayList<>();
            cfg.add(row("User", c.user().isEmpty() ? "root (not set)" : c.user()));
            addIfAny(cfg, "Entrypoint", json(c.entrypoint()));
            addIfAny(cfg, "Cmd", json(c.cmd()));
            addIfAny(cfg, "WorkingDir", c.workingDir());
            for (String e : c.env()) {
                cfg.add(row(cfg.stream().anyMatch(x -> x[0].equals("Env")) ? "" : "Env", e));
            }
            addIfAny(cfg, "ExposedPorts", String.join(", ", c.exposedPorts()));
            addIfAny(cfg, "Volumes", String.join(", ", c.volumes()));
            c.labels().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                    cfg.add(row(cfg.stream().anyMatch(x -> x[0].equals("Labels")) ? "" : "Labels",
                            e.getKey() + "=" + e.getValue())));
            c.healthcheck().ifPresent(h -> cfg.add(row("Healthcheck", String.join(" ", h.test())
                    + h.interval().map(d -> " (every " + d.toSeconds() + "s)").orElse(""))));
            addIfAny(cfg, "StopSignal", c.stopSignal());
            Tables.print(out, cfg, "  ");
        }
        List<String> warnings = r.warnings();
        if (!warnings.isEmpty()) {
            out.println();
            out.println("Warnings");
            warnings.forEach(w -> out.println("  - " + w));
        }
    }

    static String json(WalkResult r) {
        Image img = r.image();
        ImageConfig c = img.config();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("image", img.name());
        root.put("source", img.kind().prefix());
        ArrayNode tags = root.putArray("tags");
        img.tags().forEach(tags::add);
        root.put("platform", img.platform().toString());
        root.put("manifestDigest", img.manifestDigest().map(Object::toString).orElse(null));
        root.put("imageId", img.configDigest().map(Object::toString).orElse(null));
        root.put("created", c.created().map(Object::toString).orElse(null));
        root.put("compressedSize", r.compressedBytes());
        root.put("expandedSize", r.expandedBytes());
        ObjectNode files = root.putObject("squashedTree");
        files.put("paths", r.tree().size());
        r.tree().countByType().forEach((t, n) -> files.put(t.name().toLowerCase(Locale.ROOT), n));
        ArrayNode layers = root.putArray("layers");
        for (LayerReport l : r.layers()) {
            ObjectNode o = layers.addObject();
            o.put("index", l.layer().index());
            o.put("digest", l.layer().digest().map(Object::toString).orElse(null));
            o.put("mediaType", l.layer().mediaType());
            o.put("diffId", l.layer().diffId().map(Object::toString).orElse(null));
            o.put("size", l.summary().compressedBytes());
            o.put("expandedSize", l.summary().expandedBytes());
            o.put("compression", l.summary().compression().name().toLowerCase(Locale.ROOT));
            o.put("entries", l.files());
            o.put("whiteouts", l.whiteouts());
            o.put("opaqueDirectories", l.opaqueDirs());
            if (l.reusedFrom() >= 0) {
                o.put("sameAsLayer", l.reusedFrom());
            }
            l.layer().history().ifPresent(h -> o.put("createdBy", h.createdBy()).put("historyIndex", h.index()));
        }
        ObjectNode cfg = root.putObject("config");
        cfg.put("user", c.user());
        strings(cfg, "entrypoint", c.entrypoint());
        strings(cfg, "cmd", c.cmd());
        cfg.put("workingDir", c.workingDir());
        strings(cfg, "env", c.env());
        strings(cfg, "exposedPorts", c.exposedPorts());
        strings(cfg, "volumes", c.volumes());
        ObjectNode labels = cfg.putObject("labels");
        c.labels().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> labels.put(e.getKey(), e.getValue()));
        c.healthcheck().ifPresent(h -> {
            ObjectNode hc = cfg.putObject("healthcheck");
            strings(hc, "test", h.test());
            h.interval().ifPresent(d -> hc.put("intervalSeconds", d.toSeconds()));
            h.timeout().ifPresent(d -> hc.put("timeoutSeconds", d.toSeconds()));
            h.startPeriod().ifPresent(d -> hc.put("startPeriodSeconds", d.toSeconds()));
            hc.put("retries", h.retries());
        });
        cfg.put("stopSignal", c.stopSignal());
        ArrayNode history = root.putArray("history");
        for (HistoryStep h : c.history()) {
            ObjectNode o = history.addObject();
            o.put("created", h.created().map(Object::toString).orElse(null));
            o.put("createdBy", h.createdBy());
            o.put("emptyLayer", h.emptyLayer());
            if (h.layer().isPresent()) {
                o.put("layer", h.layer().getAsInt());
            }
            if (!h.comment().isEmpty()) {
                o.put("comment", h.comment());
            }
        }
        strings(root, "warnings", r.warnings());
        try {
            return MAPPER.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void strings(ObjectNode node, String field, List<String> values) {
        ArrayNode a = node.putArray(field);
        values.forEach(a::add);
    }

    private static String json(List<String> values) {
        if (values.isEmpty()) {
            return "";
        }
        try {
            return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(values);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String typeCounts(Map<FileType, Long> counts) {
        return counts.entrySet().stream()
                .map(e -> e.getValue() + " " + switch (e.getKey()) {
                    case REGULAR -> "files";
                    case DIRECTORY -> "directories";
                    case SYMLINK -> "symlinks";
                    case HARDLINK -> "hard links";
                    case CHAR_DEVICE -> "character devices";
                    case BLOCK_DEVICE -> "block devices";
                    case FIFO -> "fifos";
                    case SOCKET -> "sockets";
                })
                .collect(Collectors.joining(", "));
    }

    private static String[] row(String key, String value) {
        return new String[] {key, value};
    }

    private static void addIfAny(List<String[]> rows, String key, String value) {
        if (!value.isEmpty()) {
            rows.add(row(key, value));
        }
    }

    private static String truncate(String s, int width) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= width ? one : one.substring(0, width - 1) + "…";
    }

}
