package io.plimsoll.policy;

import io.plimsoll.policy.gate.ImageName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * clair-scanner's whitelist YAML, read unchanged:
 *
 * <pre>
 * generalwhitelist:            # applies to every image
 *   CVE-2017-6055: XML         # vulnerability id: a free-text note (clair-scanner never reads it)
 * images:
 *   ubuntu:                    # image name without its tag, as given to clair-scanner
 *     CVE-2017-5230: Java
 * </pre>
 *
 * Each entry becomes an allowlist item on gate {@code vulnerabilities} with trigger id {@code <id>+*}, so it
 * matches that vulnerability in any package (the vulnerabilities gate's trigger ids are {@code <id>+<package>}),
 * as clair-scanner ignores the package. A per-image section applies only when its name, read as a docker reference,
 * has the image's registry and repository ({@code ubuntu} is {@code docker.io/library/ubuntu}); clair-scanner
 * compares the raw text before the first {@code :}, which breaks on registries with ports.
 *
 * @param general vulnerability id → note, for every image
 * @param images  image name → (vulnerability id → note)
 */
public record ClairWhitelist(String source, Map<String, String> general, Map<String, Map<String, String>> images)
        implements AllowlistSource {

    public static final String GATE = "vulnerabilities";

    public ClairWhitelist {
        general = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(general));
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        images.forEach((k, v) -> copy.put(k, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        images = java.util.Collections.unmodifiableMap(copy);
    }

    @Override
    public Allowlist forImage(ImageName image) {
        List<AllowlistItem> items = new ArrayList<>();
        general.forEach((vuln, note) -> items.add(item("generalwhitelist", vuln, note)));
        images.forEach((name, entries) -> {
            if (sameRepository(name, image)) {
                entries.forEach((vuln, note) -> items.add(item(name, vuln, note)));
            }
        });
        return new Allowlist("clair-scanner:" + source, "clair-scanner whitelist " + source, "1_0",
                "clair-scanner whitelist YAML", items);
    }

    private static AllowlistItem item(String section, String vuln, String note) {
        return new AllowlistItem(section + ":" + vuln, GATE, vuln + "+*", Optional.empty(),
                note == null ? "" : note);
    }

    static boolean sameRepository(String name, ImageName image) {
        String bare = name.strip();
        if (bare.isEmpty()) {
            return false;
        }
        ImageName wanted = ImageName.parse(bare);
        return wanted.registry().equals(image.registry()) && wanted.repository().equals(image.repository());
    }
}
