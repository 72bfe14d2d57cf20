package io.plimsoll.ecosystem.redhat;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RHEL 8/9 modularity as the vulnerability data needs it: which module stream a package belongs to, and rpm
 * versions with the per-context hash taken out of module releases.
 */
public final class ModuleStreams {

    /**
     * A module build's release: {@code 12.module+el8.10.0+23147+20b7d289}. The last part is the hash of the
     * build context; one module build is released once per context (e.g. for each perl stream it was built
     * against), all with the same build id {@code 23147} but different hashes.
     */
    private static final Pattern MODULE_CONTEXT = Pattern.compile("(module\\+el[0-9._]+\\+[0-9]+)\\+[0-9a-f]{8}(?![0-9a-zA-Z])");

    private ModuleStreams() {
    }

    /**
     * {@code name:stream} of a MODULARITYLABEL or an {@code rpmmod} purl qualifier
     * ({@code perl-FCGI:0.78:8100020250529111022:e3b61263} → {@code perl-FCGI:0.78}); empty when the label has no
     * non-empty name and stream.
     */
    public static Optional<String> stream(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String[] parts = label.strip().split(":", -1);
        if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parts[0] + ":" + parts[1]);
    }

    /**
     * {@code evr} without the context hash of a module release: {@code 1:0.78-12.module+el8.10.0+23147+63faba8d}
     * → {@code 1:0.78-12.module+el8.10.0+23147}. The hashes of one build's contexts are unrelated strings, so rpm's
     * ordering of them is arbitrary: a package built for one context would look older than the fix built for
     * another and be reported vulnerable. Without the hash both compare by build id, which is what orders module
     * builds. Non-module versions are returned unchanged.
     */
    public static String withoutContext(String evr) {
        if (evr == null || !evr.contains("module+")) {
            return evr;
        }
        Matcher m = MODULE_CONTEXT.matcher(evr);
        return m.find() ? m.replaceFirst("$1") : evr;
    }
}
