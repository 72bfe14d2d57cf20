package io.plimsoll.ecosystem.java;

import io.plimsoll.catalog.CatalogInput;
import io.plimsoll.catalog.Cataloger;
import io.plimsoll.catalog.Package;
import io.plimsoll.catalog.Purls;
import io.plimsoll.catalog.VersionedDatabase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Gradle dependency locks ({@code gradle.lockfile}: {@code group:artifact:version=configurations}). */
public final class GradleLockfileCataloger implements Cataloger {

    @Override
    public String name() {
        return "gradle-lockfile";
    }

    @Override
    public Predicate<String> wants() {
        return p -> p.endsWith("/gradle.lockfile");
    }

    @Override
    public Result catalog(CatalogInput input) throws io.plimsoll.catalog.CatalogException {
        List<Package> out = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (String path : input.paths()) {
            out.addAll(VersionedDatabase.read(input, path, (v, warn) -> parse(v.path(), v.content(), warn), warnings));
        }
        return new Result(out, warnings);
    }

    List<Package> parse(String path, byte[] content, java.util.function.Consumer<String> warn) {
        List<Package> out = new ArrayList<>();
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("empty=")) {
                continue;
            }
            int eq = line.indexOf('=');
            String[] gav = (eq < 0 ? line : line.substring(0, eq)).split(":");
            if (gav.length != 3 || gav[0].isEmpty() || gav[1].isEmpty() || gav[2].isEmpty()) {
                warn.accept(path + ":" + (i + 1) + ": not 'group:artifact:version=configurations': skipped");
                continue;
            }
            String configurations = eq < 0 ? "" : line.substring(eq + 1);
            boolean testOnly = !configurations.isEmpty()
                    && java.util.Arrays.stream(configurations.split(",")).allMatch(c -> c.startsWith("test"));
            String purl;
            try {
                purl = Purls.of("maven", gav[0], gav[1], gav[2], Map.of());
            } catch (IllegalArgumentException e) {
                // a group no PURL can carry (an empty segment between slashes): a damaged line, not the scan's end
                warn.accept(path + ":" + (i + 1) + ": " + e.getMessage() + ": skipped");
                continue;
            }
            out.add(new Package("maven", gav[1], gav[2], "", gav[1], gav[2], List.of(),
                    purl, List.of(), name(), path, null,
                    testOnly ? Map.of("groupId", gav[0], "configurations", configurations, "dev", "true")
                            : Map.of("groupId", gav[0], "configurations", configurations)));
        }
        return out;
    }
}
