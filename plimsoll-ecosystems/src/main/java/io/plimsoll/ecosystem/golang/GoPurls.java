package io.plimsoll.ecosystem.golang;

import io.plimsoll.catalog.Purls;
import java.util.Map;

/** Package URLs for Go modules: the module path up to its last slash is the namespace, the rest the name. */
final class GoPurls {

    static final String TYPE = "golang";

    private GoPurls() {
    }

    /**
     * {@code pkg:golang/github.com/foo/bar@v1.2.3}; no version part when {@code version} is empty.
     *
     * @throws IllegalArgumentException when the path cannot be a package URL
     */
    static String module(String path, String version) {
        int slash = path.lastIndexOf('/');
        if (slash > 0 && slash < path.length() - 1) {
            return Purls.of(TYPE, path.substring(0, slash), path.substring(slash + 1), version, Map.of());
        }
        return Purls.of(TYPE, null, path, version, Map.of());
    }
}
