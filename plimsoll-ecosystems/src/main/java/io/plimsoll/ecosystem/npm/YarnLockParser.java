package io.plimsoll.ecosystem.npm;

import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseResult;
import io.plimsoll.ecosystem.ParseWarnings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code yarn.lock} of yarn 1 or of yarn 2+ (told apart by berry's {@code __metadata} entry). A yarn.lock
 * does not say which packages are for development; when the project's package.json sits beside it, packages only
 * its {@code devDependencies} lead to are marked dev, packages its other dependencies lead to production.
 */
final class YarnLockParser {

    /**
     * Tarball URLs of the public registries name the package ({@code …/@babel/core/-/core-7.0.0.tgz}); a v1 entry's
     * descriptors may not, when the lock was edited or the package renamed. Other registries lay out URLs their own
     * way, so only these two are trusted.
     */
    private static final Pattern REGISTRY_TARBALL =
            Pattern.compile("^https?://registry\\.(?:yarnpkg\\.com|npmjs\\.org)/(.+?)/-/[^/]+\\.tgz(?:#.*)?$");
    private static final Pattern BERRY_METADATA = Pattern.compile("(?m)^\"?__metadata\"?:");

    private YarnLockParser() {
    }

    /**
     * @param project the package.json beside the lockfile, for dev flags; empty when there is none
     * @throws PackageDbException when the file is not YAML (berry) or holds no entry at all (v1)
     */
    static ParseResult<NpmEntry> parse(String file, byte[] content, Optional<PackageJson> project)
            throws PackageDbException {
        ParseWarnings warnings = new ParseWarnings(file);
        String head = new String(content, 0, Math.min(content.length, 4096), StandardCharsets.UTF_8);
        boolean berry = BERRY_METADATA.matcher(head).find();
        List<YarnEntry> entries = berry ? YarnBerryReader.read(file, content, warnings) : YarnV1Reader.read(content, warnings);
        if (entries.isEmpty() && !isBlank(content) && !berry) {
            throw new PackageDbException(file, "not a yarn lockfile: no entries"
                    + (warnings.isEmpty() ? "" : " (first problem: " + warnings.first() + ")"));
        }
        Map<Integer, String> dev = project.map(p -> devFlags(entries, p)).orElse(Map.of());
        PackageLockParser.Entries out = new PackageLockParser.Entries();
        for (int i = 0; i < entries.size(); i++) {
            YarnEntry e = entries.get(i);
            String protocol = e.protocol();
            if (protocol.equals("link") || protocol.equals("portal")) {
                continue; // a symlink to a folder on disk, not a package
            }
            boolean workspace = protocol.equals("workspace");
            if (workspace && e.version().equals("0.0.0-use.local")) {
                continue; // a workspace without a version of its own: the project, listed from its package.json
            }
            String name = name(e);
            if (!NpmEntry.validName(name) || e.version().isEmpty()) {
                warnings.add(e.line(), "entry \"" + String.join(", ", e.descriptors()) + "\" has "
                        + (e.version().isEmpty() ? "no version" : "no package name") + ": skipped");
                continue;
            }
            Map<String, String> meta = new LinkedHashMap<>();
            if (workspace) {
                meta.put(NpmEntry.PROJECT, "true");
            } else if (dev.containsKey(i)) {
                meta.put("dev", dev.get(i));
            }
            put(meta, "resolved", e.resolved());
            put(meta, "integrity", e.integrity());
            out.add(new NpmEntry(name, e.version(), List.of(), meta));
        }
        out.reportDropped(warnings);
        return new ParseResult<>(out.list(), warnings.toList());
    }

    /** The installed package's name: the public registry's tarball URL when there is one, else the first descriptor. */
    static String name(YarnEntry e) {
        Matcher m = REGISTRY_TARBALL.matcher(e.resolved());
        if (m.matches()) {
            // scoped names may come escaped (@babel%2fcore); nothing else is escaped in a registry name
            return m.group(1).replace("%2f", "/").replace("%2F", "/").replace("%40", "@");
        }
        return e.descriptors().isEmpty() ? "" : YarnEntry.nameOf(e.descriptors().get(0));
    }

    /** Entry index to "true" or "false", from the project's dependencies through the lockfile's own graph. */
    private static Map<Integer, String> devFlags(List<YarnEntry> entries, PackageJson project) {
        Map<String, Integer> byDescriptor = new HashMap<>();
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            for (String d : entries.get(i).descriptors()) {
                byDescriptor.put(d, i);
                String name = d.substring(0, Math.max(0, d.indexOf('@', 1)));
                // a name with one entry resolves any range; -1 marks names with several
                byName.merge(name, i, (a, b) -> a.equals(b) ? a : -1);
            }
        }
        Map<Integer, List<Integer>> edges = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            List<Integer> to = new ArrayList<>();
            entries.get(i).dependencies().forEach((n, r) -> to.add(resolve(n, r, byDescriptor, byName)));
            edges.put(i, to);
        }
        List<Integer> prod = new ArrayList<>();
        project.dependencies().forEach((n, r) -> prod.add(resolve(n, r, byDescriptor, byName)));
        List<Integer> dev = new ArrayList<>();
        project.devDependencies().forEach((n, r) -> dev.add(resolve(n, r, byDescriptor, byName)));
        return DevReach.of(edges, prod, dev);
    }

    /** The entry a dependency resolves to: v1 writes {@code name@range}, berry {@code name@npm:range}. */
    private static Integer resolve(String name, String range, Map<String, Integer> byDescriptor,
                                   Map<String, Integer> byName) {
        Integer i = byDescriptor.get(name + "@" + range);
        if (i == null) {
            i = byDescriptor.get(name + "@npm:" + range);
        }
        if (i == null) {
            Integer only = byName.get(name);
            i = only == null || only < 0 ? null : only;
        }
        return i;
    }

    private static void put(Map<String, String> meta, String key, String value) {
        if (!value.isEmpty()) {
            meta.put(key, value);
        }
    }

    private static boolean isBlank(byte[] content) {
        for (byte b : content) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
