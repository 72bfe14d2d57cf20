package io.plimsoll.ecosystem.python;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.ecosystem.Documents;
import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseResult;
import io.plimsoll.ecosystem.ParseWarnings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PDM's {@code pdm.lock}. PDM writes one {@code [[package]]} per combination of extras of the same release; they are
 * one package here, with the extras noted. A package is {@code dev} when its groups are listed and
 * {@code default} is not among them.
 */
public final class PdmLockParser {

    private PdmLockParser() {
    }

    public static ParseResult<LockedDistribution> parse(String file, byte[] content) throws PackageDbException {
        JsonNode root = TomlLocks.read(file, content);
        ParseWarnings warnings = new ParseWarnings(file);
        Map<String, Merged> byRelease = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode p : TomlLocks.packages(file, root, "pdm.lock", "metadata")) {
            i++;
            String name = Documents.text(p, "name");
            String version = Documents.text(p, "version");
            if (name.isEmpty() || version.isEmpty()) {
                warnings.add(0, "package " + i + " has no name or version");
                continue;
            }
            Merged m = byRelease.computeIfAbsent(PythonNames.normalize(name) + "\u0000" + version,
                    k -> new Merged(name, version));
            m.groups.addAll(TomlLocks.strings(p, "groups"));
            m.extras.addAll(TomlLocks.strings(p, "extras"));
            if (m.summary.isEmpty()) {
                m.summary = Documents.text(p, "summary");
            }
            if (m.requiresPython.isEmpty()) {
                m.requiresPython = Documents.text(p, "requires_python");
            }
        }
        List<LockedDistribution> out = new ArrayList<>(byRelease.size());
        for (Merged m : byRelease.values()) {
            out.add(m.toLocked());
        }
        return new ParseResult<>(out, warnings.toList());
    }

    /** The [[package]] tables of one release, folded together. */
    private static final class Merged {
        final String name;
        final String version;
        final Set<String> groups = new LinkedHashSet<>();
        final Set<String> extras = new LinkedHashSet<>();
        String summary = "";
        String requiresPython = "";

        Merged(String name, String version) {
            this.name = name;
            this.version = version;
        }

        LockedDistribution toLocked() {
            Map<String, String> meta = new LinkedHashMap<>();
            if (!groups.isEmpty()) {
                meta.put("groups", String.join(",", groups));
                if (!groups.contains("default")) {
                    meta.put("dev", "true");
                }
            }
            if (!extras.isEmpty()) {
                meta.put("extras", String.join(",", extras));
            }
            if (!summary.isEmpty()) {
                meta.put("summary", summary);
            }
            if (!requiresPython.isEmpty()) {
                meta.put("requiresPython", requiresPython);
            }
            return new LockedDistribution(name, version, meta);
        }
    }
}
