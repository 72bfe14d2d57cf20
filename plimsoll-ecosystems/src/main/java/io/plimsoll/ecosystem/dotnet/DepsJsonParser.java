package io.plimsoll.ecosystem.dotnet;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.ecosystem.CatalogLimits;
import io.plimsoll.ecosystem.Documents;
import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseResult;
import io.plimsoll.ecosystem.ParseWarnings;
import io.plimsoll.ecosystem.StructuredText;
import java.io.IOException;
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

    /**
     * Read as a stream: {@code targets} (the larger part, every assembly of every library) is skipped unread, and
     * each library is a small tree, so memory grows with the packages kept (at most the per-file limit), not the
     * file.
     */
    public static ParseResult<NugetPackage> parse(String file, byte[] content) throws PackageDbException {
        return StructuredText.jsonStream(file, content, p -> parse(file, p));
    }

    private static ParseResult<NugetPackage> parse(String file, JsonParser p) throws IOException, PackageDbException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new PackageDbException(file, "not a .deps.json: no libraries object");
        }
        ParseWarnings warnings = new ParseWarnings(file);
        List<NugetPackage> out = new ArrayList<>();
        boolean listed = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            if (p.nextToken() == JsonToken.START_OBJECT && field.equals("libraries")) {
                listed = true;
                libraries(p, out, warnings);
            } else {
                p.skipChildren();
            }
        }
        if (!listed) {
            throw new PackageDbException(file, "not a .deps.json: no libraries object");
        }
        return new ParseResult<>(out, warnings.toList());
    }

    private static void libraries(JsonParser p, List<NugetPackage> out, ParseWarnings warnings) throws IOException {
        int max = CatalogLimits.current().maxPackagesPerFile();
        int dropped = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            if (out.size() >= max) {
                p.skipChildren();
                dropped++;
                continue;
            }
            JsonNode lib = p.readValueAsTree();
            int slash = key.indexOf('/');
            if (slash <= 0 || slash == key.length() - 1) {
                warnings.add(0, "library '" + key + "' is not Name/Version");
                continue;
            }
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
        if (dropped > 0) {
            warnings.add(0, "more than " + max + " packages in one file: " + dropped + " in libraries are not listed");
        }
    }

    private static void putIf(Map<String, String> m, String k, String v) {
        if (!v.isEmpty()) {
            m.put(k, v);
        }
    }
}
