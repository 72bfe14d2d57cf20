package io.plimsoll.ecosystem.rpm;

import io.plimsoll.catalog.CatalogInput;
import io.plimsoll.catalog.FileVersion;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * yum's own record of each installed package ({@code /var/lib/yum/yumdb}, yum 3 as Amazon Linux 2 and EL7 ship
 * it): the repository it came from, {@code <first letter>/<pkgid>-<name>-<version>-<release>-<arch>/from_repo}
 * holding e.g. {@code amzn2extra-docker}. rpm's database does not say which repository a package came from, and
 * Amazon Linux 2's extras topics publish their own advisories for packages core also ships.
 *
 * <p>Only a hint: an entry that is too large, badly named or not a repository id is left out, and a package without
 * one is read as before.
 */
final class YumDb {

    static final String ROOT = "/var/lib/yum/yumdb/";

    /** A repository id is a short word; anything over this is not one. */
    static final long MAX_ENTRY_BYTES = 4096;

    /** What yum accepts in a repository id ({@code [A-Za-z0-9\-_.:]}), plus '@' and '+' some ids carry. */
    private static final Pattern REPOSITORY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@+-]{0,127}");

    private YumDb() {
    }

    /** {@code /var/lib/yum/yumdb/d/<pkgid>-docker-…-x86_64/from_repo}: exactly one letter and one package below. */
    static boolean isFromRepo(String path) {
        if (!path.startsWith(ROOT) || !path.endsWith("/from_repo")) {
            return false;
        }
        String[] parts = path.substring(ROOT.length()).split("/", -1);
        return parts.length == 3 && !parts[0].isEmpty() && packageKey(parts[1]).isPresent();
    }

    /** {@code <pkgid>-<name>-<version>-<release>-<arch>} → {@code <name>-<version>-<release>-<arch>}. */
    static Optional<String> packageKey(String directory) {
        int dash = directory.indexOf('-');
        if (dash <= 0 || dash == directory.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(directory.substring(dash + 1));
    }

    /** The key a package's entry is found under. */
    static String keyOf(String name, String version, String release, String arch) {
        return name + "-" + version + "-" + release + "-" + arch;
    }

    /** Package key → repository id, from the {@code from_repo} files the image holds (in the input's scope). */
    static Map<String, String> repositories(CatalogInput input) {
        Map<String, String> out = new HashMap<>();
        for (String path : input.paths()) {
            if (!isFromRepo(path)) {
                continue;
            }
            Optional<byte[]> bytes = input.squashed(path).or(() -> last(input.versions(path)));
            if (bytes.isEmpty() || bytes.get().length > MAX_ENTRY_BYTES) {
                continue;
            }
            String id = new String(bytes.get(), StandardCharsets.UTF_8).strip();
            if (!REPOSITORY_ID.matcher(id).matches()) {
                continue;
            }
            String directory = path.substring(ROOT.length()).split("/")[1];
            packageKey(directory).ifPresent(key -> out.putIfAbsent(key, id));
        }
        return out;
    }

    private static Optional<byte[]> last(List<FileVersion> versions) {
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1).content());
    }
}
