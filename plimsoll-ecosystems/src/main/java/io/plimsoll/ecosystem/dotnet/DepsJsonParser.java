package io.plimsoll.ecosystem.dotnet;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.ecosystem.Documents;
import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseResult;
import io.plimsoll.ecosystem.ParseWarnings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An application's {@code NAME.deps.json}, which the .NET host reads to load it: its {@code libraries} map
 * {@code "Name/Version"} to what kind of library that is.
 *
 * <p>Read: {@code package} (a NuGet package, with the SHA-512 of the .nupkg) and {@code runtimepack} (the runtime a
 * self-contained app carries, which is where runtime vulnerabilities live). Passed over: {@code project} (the
 * application and its own projects: first-party code with no NuGet identity) and {@code referenceassembly} entries
 * without a hash or path (compile-time facades of the shared framework, which name a version nothing ships).
 */
public final class DepsJsonParser {

    private static final Set<String> READ = Set.of("package", "runtimepack");

    private DepsJsonParser() {
    }

    public static ParseResult<NugetPackage> parse(String file, byte[] content) throws PackageDbException {
        JsonNode root = Documents.json(file, content);
        JsonNode libraries = root.get("libraries");
        if (libraries == null || !libraries.isObject()) {
            throw new PackageDbException(file, "not a .deps.json: no libraries object");
        }
        ParseWarnings warnings = new ParseWarnings(file);
        List<NugetPackage> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : libraries.properties()) {
            String key = e.getKey();
            int slash = key.indexOf('/');
            if (slash <= 0 || slash == key.length() - 1) {
                warnings.add(0, "library '" + key + "' is not Name/Version");
                continue;
            }
            JsonNode lib = e.getValue();
            String type = Documents.text(lib, "type");
            String sha512 = Documents.text(lib, "sha512");
            String path = Documents.text(lib, "path");
            boolean shipped = type.equals("referenceassembly") && !(sha512.isEmpty() && path.isEmpty());
            if (!READ.contains(type) && !shipped) {
                continue;
            }
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("libraryType", type);
            putIf(meta, "sha512", sha512);
            putIf(meta, "path", path);
            putIf(meta, "hashPath", Documents.text(lib, "hashPath"));
            out.add(new NugetPackage(key.substring(0, slash), key.substring(slash + 1), meta));
        }
        return new ParseResult<>(out, warnings.toList());
    }

    private static void putIf(Map<String, String> m, String k, String v) {
        if (!v.isEmpty()) {
            m.put(k, v);
        }
    }
}
