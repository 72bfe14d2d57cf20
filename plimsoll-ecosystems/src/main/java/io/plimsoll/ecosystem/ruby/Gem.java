package io.plimsoll.ecosystem.ruby;

import io.plimsoll.catalog.Package;
import io.plimsoll.catalog.Purls;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One gem as a gemspec or Gemfile.lock states it.
 *
 * @param platform empty for pure-Ruby gems ({@code ruby}); else the platform of a native build
 *                 ({@code x86_64-linux}, {@code java}), which is also the package's arch and a PURL qualifier
 * @param files    absolute paths the gem installed, where known
 */
record Gem(String name, String version, String platform, List<String> licenses, List<String> files,
           Map<String, String> metadata) {

    Gem {
        platform = platform == null || platform.equals("ruby") ? "" : platform;
        licenses = List.copyOf(licenses);
        files = List.copyOf(files);
        metadata = Map.copyOf(metadata);
    }

    Package toPackage(String foundBy, String location) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("platform", platform);
        return new Package("gem", name, version, platform, name, version, licenses,
                Purls.of("gem", null, name, version, q), files, foundBy, location, null, metadata);
    }

    /** A name RubyGems would accept: letters, digits, {@code . - _}, not starting with a dot or dash. */
    static boolean validName(String name) {
        if (name.isEmpty() || name.charAt(0) == '.' || name.charAt(0) == '-') {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
