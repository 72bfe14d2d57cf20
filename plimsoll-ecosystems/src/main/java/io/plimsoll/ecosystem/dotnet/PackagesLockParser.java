package io.plimsoll.ecosystem.dotnet;

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
 * NuGet's {@code packages.lock.json}: for each target framework (and runtime, {@code net8.0/linux-x64}), every
 * package with the version restore resolved. A package resolved to the same version for several frameworks is one
 * package here, {@code Direct} if any framework references it directly. {@code Project} entries (references to the
 * solution's own projects) have no resolved version and are passed over.
 */
public final class PackagesLockParser {

    private PackagesLockParser() {
    }

    public static ParseResult<NugetPackage> parse(String file, byte[] content) throws PackageDbException {
        JsonNode root = Documents.json(file, content);
        JsonNode frameworks = root.get("dependencies");
        if (frameworks == null || !frameworks.isObject()) {
            throw new PackageDbException(file, "not a packages.lock.json: no dependencies object");
        }
        ParseWarnings warnings = new ParseWarnings(file);
        Map<String, Entry> byRelease = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> fw : frameworks.properties()) {
            if (!fw.getValue().isObject()) {
                warnings.add(0, "framework '" + fw.getKey() + "' is not an object");
                continue;
            }
            for (Map.Entry<String, JsonNode> dep : fw.getValue().properties()) {
                JsonNode d = dep.getValue();
                String type = Documents.text(d, "type");
                String resolved = Documents.text(d, "resolved");
                if (type.equals("Project")) {
                    continue;
                }
                if (resolved.isEmpty()) {
                    warnings.add(0, fw.getKey() + ": " + dep.getKey() + " has no resolved version");
                    continue;
                }
                Entry e = byRelease.computeIfAbsent(dep.getKey() + "/" + resolved,
                        k -> new Entry(dep.getKey(), resolved));
                e.frameworks.add(fw.getKey());
                if (e.type.isEmpty() || type.equals("Direct")) {
                    e.type = type;
                }
                if (e.requested.isEmpty()) {
                    e.requested = Documents.text(d, "requested");
                }
                if (e.contentHash.isEmpty()) {
                    e.contentHash = Documents.text(d, "contentHash");
                }
            }
        }
        List<NugetPackage> out = new ArrayList<>(byRelease.size());
        byRelease.values().forEach(e -> out.add(e.toPackage()));
        return new ParseResult<>(out, warnings.toList());
    }

    /** One name and resolved version, gathered over the frameworks that resolve to it. */
    private static final class Entry {
        final String name;
        final String version;
        final Set<String> frameworks = new LinkedHashSet<>();
        String type = "";
        String requested = "";
        String contentHash = "";

        Entry(String name, String version) {
            this.name = name;
            this.version = version;
        }

        NugetPackage toPackage() {
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("dependencyType", type);
            meta.put("targetFrameworks", String.join(",", frameworks));
            if (!requested.isEmpty()) {
                meta.put("requested", requested);
            }
            if (!contentHash.isEmpty()) {
                meta.put("contentHash", contentHash);
            }
            return new NugetPackage(name, version, meta);
        }
    }
}
