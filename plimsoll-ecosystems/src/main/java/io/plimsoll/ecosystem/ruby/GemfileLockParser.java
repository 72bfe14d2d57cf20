package io.plimsoll.ecosystem.ruby;

import io.plimsoll.ecosystem.ByteLines;
import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseResult;
import io.plimsoll.ecosystem.ParseWarnings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Bundler's {@code Gemfile.lock}. Sections start at column 0; the source sections ({@code GEM},
 * {@code GIT}, {@code PATH}, {@code PLUGIN SOURCE}) hold {@code remote:} and {@code revision:} at two spaces and,
 * after {@code specs:}, one gem per line at exactly four spaces as {@code name (version)} or, for a platform build,
 * {@code name (version-platform)}; the gem's own dependencies follow at six spaces. Bundler splits version from
 * platform at the first hyphen, since gem versions cannot hold one. Other sections ({@code PLATFORMS},
 * {@code DEPENDENCIES}, {@code BUNDLED WITH}) list no installed gems.
 */
final class GemfileLockParser {

    private static final Set<String> SOURCES = Set.of("GEM", "GIT", "PATH", "PLUGIN SOURCE");

    private GemfileLockParser() {
    }

    static ParseResult<Gem> parse(String file, byte[] content) throws PackageDbException {
        ParseWarnings warnings = new ParseWarnings(file);
        List<Gem> gems = new ArrayList<>();
        int max = io.plimsoll.ecosystem.CatalogLimits.current().maxPackagesPerFile();
        ByteLines lines = new ByteLines(content);
        String section = "";
        boolean inSpecs = false;
        boolean sawSection = false;
        boolean blank = true;
        String remote = "";
        String revision = "";
        while (lines.next()) {
            if (lines.isBlank()) {
                continue;
            }
            blank = false;
            int indent = 0;
            while (lines.byteAt(indent) == ' ') {
                indent++;
            }
            String text = lines.trimmed(lines.start() + indent, lines.end());
            if (indent == 0) {
                section = text;
                sawSection |= SOURCES.contains(section);
                inSpecs = false;
                remote = "";
                revision = "";
                continue;
            }
            if (!SOURCES.contains(section)) {
                continue;
            }
            if (indent == 2) {
                inSpecs = text.equals("specs:");
                if (text.startsWith("remote:")) {
                    remote = text.substring(7).trim();
                } else if (text.startsWith("revision:")) {
                    revision = text.substring(9).trim();
                }
            } else if (indent == 4 && inSpecs) {
                Gem g = gem(text, section, remote, revision);
                if (g == null) {
                    warnings.add(lines.number(), "expected 'name (version)' in specs: skipped");
                } else if (gems.size() >= max) {
                    // a line-based file has no document limit: what it costs is the gems kept
                    warnings.add(lines.number(), io.plimsoll.ecosystem.CatalogLimits.current().packagesCutShort());
                    break;
                } else {
                    gems.add(g);
                }
            }
        }
        if (!blank && !sawSection) {
            throw new PackageDbException(file, "not a Gemfile.lock: no GEM, GIT or PATH section");
        }
        return new ParseResult<>(gems, warnings.toList());
    }

    private static Gem gem(String text, String section, String remote, String revision) {
        int open = text.indexOf(" (");
        if (open <= 0 || !text.endsWith(")")) {
            return null;
        }
        String name = text.substring(0, open);
        String inside = text.substring(open + 2, text.length() - 1).trim();
        int hyphen = inside.indexOf('-');
        String version = hyphen < 0 ? inside : inside.substring(0, hyphen);
        String platform = hyphen < 0 ? "" : inside.substring(hyphen + 1);
        if (!Gem.validName(name) || version.isEmpty()) {
            return null;
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("source", section.equals("GEM") ? "rubygems" : section.toLowerCase(java.util.Locale.ROOT));
        if (!remote.isEmpty()) {
            meta.put("remote", remote);
        }
        if (!revision.isEmpty()) {
            meta.put("revision", revision);
        }
        return new Gem(name, version, platform, List.of(), List.of(), meta);
    }
}
