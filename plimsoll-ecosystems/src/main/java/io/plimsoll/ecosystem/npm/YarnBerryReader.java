package io.plimsoll.ecosystem.npm;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseWarnings;
import io.plimsoll.ecosystem.StructuredText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the lockfile of yarn 2 and later ("berry"), which is YAML: a {@code __metadata} entry, then one entry per
 * set of descriptors ({@code "lodash@npm:^4.17.0, lodash@npm:^4.17.21"}) with {@code version}, {@code resolution}
 * (the locator), {@code checksum} and {@code dependencies}.
 */
final class YarnBerryReader {

    private YarnBerryReader() {
    }

    static List<YarnEntry> read(String file, byte[] content, ParseWarnings warnings) throws PackageDbException {
        List<JsonNode> docs = StructuredText.yaml(file, content);
        if (docs.isEmpty() || !docs.get(0).isObject()) {
            throw new PackageDbException(file, "not a yarn lockfile: the YAML is not a map of entries");
        }
        List<YarnEntry> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : docs.get(0).properties()) {
            if (e.getKey().equals("__metadata")) {
                continue;
            }
            JsonNode v = e.getValue();
            if (!v.isObject()) {
                warnings.add(0, "entry \"" + e.getKey() + "\" is not a map: skipped");
                continue;
            }
            List<String> descriptors = new ArrayList<>();
            for (String d : e.getKey().split(",")) {
                if (!d.isBlank()) {
                    descriptors.add(d.trim());
                }
            }
            Map<String, String> deps = new LinkedHashMap<>();
            ranges(v.get("dependencies"), deps);
            ranges(v.get("optionalDependencies"), deps);
            out.add(new YarnEntry(descriptors, NpmPeople.text(v, "version"), NpmPeople.text(v, "resolution"),
                    NpmPeople.text(v, "checksum"), deps, 0));
        }
        return out;
    }

    private static void ranges(JsonNode node, Map<String, String> out) {
        if (node != null && node.isObject()) {
            node.properties().forEach(d -> out.put(d.getKey(), d.getValue().isValueNode() ? d.getValue().asText() : ""));
        }
    }
}
