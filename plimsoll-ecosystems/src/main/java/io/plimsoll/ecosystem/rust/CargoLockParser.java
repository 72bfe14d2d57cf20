package io.plimsoll.ecosystem.rust;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.ecosystem.Documents;
import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseResult;
import io.plimsoll.ecosystem.ParseWarnings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code Cargo.lock}, versions 1 to 4: {@code [[package]]} tables with name, version, source and checksum. Version 1
 * keeps checksums apart, in {@code [metadata]} under keys {@code "checksum NAME VERSION (SOURCE)"}; later versions
 * keep them in each package. Newer versions than 4 are read the same way, with a warning.
 */
public final class CargoLockParser {

    static final int KNOWN_VERSION = 4;
    private static final String CHECKSUM_KEY = "checksum ";

    private CargoLockParser() {
    }

    public static ParseResult<LockedCrate> parse(String file, byte[] content) throws PackageDbException {
        JsonNode root = Documents.toml(file, content);
        ParseWarnings warnings = new ParseWarnings(file);
        int version = root.path("version").asInt(0);
        if (version > KNOWN_VERSION) {
            warnings.add(0, "lockfile version " + version + " is newer than " + KNOWN_VERSION + "; read the same way");
        }
        JsonNode packages = root.get("package");
        if (packages == null) {
            if (root.has("version") || root.has("metadata")) {
                return new ParseResult<>(List.of(), warnings.toList()); // a lock with nothing in it
            }
            throw new PackageDbException(file, "not a Cargo.lock: no [[package]] tables");
        }
        if (!packages.isArray()) {
            throw new PackageDbException(file, "not a Cargo.lock: 'package' is not an array of tables");
        }
        Map<String, String> v1Checksums = v1Checksums(root.get("metadata"));
        int max = io.plimsoll.ecosystem.CatalogLimits.current().maxPackagesPerFile();
        List<LockedCrate> out = new ArrayList<>(Math.min(packages.size(), max));
        int i = 0;
        for (JsonNode p : packages) {
            i++;
            if (out.size() >= max) {
                warnings.add(0, io.plimsoll.ecosystem.CatalogLimits.current().packagesCutShort());
                break;
            }
            String name = Documents.text(p, "name");
            String ver = Documents.text(p, "version");
            if (name.isEmpty() || ver.isEmpty()) {
                warnings.add(0, "package " + i + " has no name or version");
                continue;
            }
            String source = Documents.text(p, "source");
            String checksum = Documents.text(p, "checksum");
            if (checksum.isEmpty()) {
                checksum = v1Checksums.getOrDefault(name + " " + ver + " (" + source + ")", "");
            }
            out.add(new LockedCrate(name, ver, source, checksum));
        }
        return new ParseResult<>(out, warnings.toList());
    }

    /** Version 1's {@code [metadata]} checksums, by {@code "NAME VERSION (SOURCE)"}. */
    private static Map<String, String> v1Checksums(JsonNode metadata) {
        Map<String, String> out = new HashMap<>();
        if (metadata == null || !metadata.isObject()) {
            return out;
        }
        for (Map.Entry<String, JsonNode> e : metadata.properties()) {
            String value = e.getValue().asText();
            // "<none>" marks a crate whose registry gave no checksum
            if (e.getKey().startsWith(CHECKSUM_KEY) && !value.equals("<none>")) {
                out.put(e.getKey().substring(CHECKSUM_KEY.length()), value);
            }
        }
        return out;
    }
}
