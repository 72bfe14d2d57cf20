package io.plimsoll.image.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.image.HistoryStep;
import io.plimsoll.image.ImageConfig;
import io.plimsoll.image.ImageException;
import io.plimsoll.model.Digest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Reads an OCI / Docker image config document. Lenient where builders differ, strict where matching depends. */
final class ConfigParser {

    private ConfigParser() {
    }

    static ImageConfig parse(JsonNode root, String subject) throws ImageException {
        if (!root.isObject()) {
            throw new ImageException(subject, "is not an image config (expected a JSON object)");
        }
        JsonNode c = root.path("config");
        List<Digest> diffIds = new ArrayList<>();
        for (String d : JsonFiles.strings(root.path("rootfs"), "diff_ids")) {
            try {
                diffIds.add(Digest.parse(d));
            } catch (IllegalArgumentException e) {
                throw new ImageException(subject, "bad rootfs.diff_ids entry: " + e.getMessage());
            }
        }
        Map<String, String> labels = new LinkedHashMap<>();
        JsonNode l = c.path("Labels");
        if (l.isObject()) {
            l.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        }
        return new ImageConfig(instant(JsonFiles.text(root, "created")), JsonFiles.text(root, "os"),
                JsonFiles.text(root, "architecture"), JsonFiles.text(root, "variant"), JsonFiles.text(c, "User"),
                JsonFiles.strings(c, "Env"), JsonFiles.strings(c, "Entrypoint"), JsonFiles.strings(c, "Cmd"),
                JsonFiles.text(c, "WorkingDir"), JsonFiles.keys(c, "ExposedPorts"), JsonFiles.keys(c, "Volumes"),
                labels, healthcheck(c.path("Healthcheck")), JsonFiles.text(c, "StopSignal"), diffIds,
                history(root.path("history"), diffIds.size()));
    }

    private static Optional<ImageConfig.Healthcheck> healthcheck(JsonNode h) {
        if (!h.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new ImageConfig.Healthcheck(JsonFiles.strings(h, "Test"), nanos(h, "Interval"),
                nanos(h, "Timeout"), nanos(h, "StartPeriod"), h.path("Retries").asInt(0)));
    }

    private static Optional<Duration> nanos(JsonNode h, String field) {
        JsonNode v = h.get(field);
        return v != null && v.canConvertToLong() && v.asLong() > 0 ? Optional.of(Duration.ofNanos(v.asLong()))
                : Optional.empty();
    }

    /** History steps, each tied to the layer it made when the count of non-empty steps matches the layers. */
    private static List<HistoryStep> history(JsonNode h, int layerCount) {
        List<HistoryStep> steps = new ArrayList<>();
        if (!h.isArray()) {
            return steps;
        }
        long nonEmpty = 0;
        for (JsonNode s : h) {
            nonEmpty += s.path("empty_layer").asBoolean(false) ? 0 : 1;
        }
        boolean aligned = nonEmpty == layerCount;
        int layer = 0;
        int i = 0;
        for (JsonNode s : h) {
            boolean empty = s.path("empty_layer").asBoolean(false);
            OptionalInt produced = !empty && aligned ? OptionalInt.of(layer) : OptionalInt.empty();
            if (!empty) {
                layer++;
            }
            steps.add(new HistoryStep(i++, instant(JsonFiles.text(s, "created")), JsonFiles.text(s, "created_by"),
                    JsonFiles.text(s, "comment"), empty, produced));
        }
        return steps;
    }

    private static Optional<Instant> instant(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
