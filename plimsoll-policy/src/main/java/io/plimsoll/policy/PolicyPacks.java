package io.plimsoll.policy;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The policies Plimsoll ships, by name: {@code default} (STOP on high and critical vulnerabilities with a fix,
 * secrets and a root user; WARN on the rest), {@code cis-docker} (CIS Docker Benchmark section 4) and
 * {@code nist-800-190} (NIST SP 800-190 image risks). They are native-YAML bundles under {@code packs/}.
 */
public final class PolicyPacks {

    public static final List<String> NAMES = List.of("default", "cis-docker", "nist-800-190");

    private PolicyPacks() {
    }

    /** The pack's bundle source, when {@code name} is a pack. */
    public static Optional<BundleReader.Source> source(String name) throws PolicyException {
        if (!NAMES.contains(name)) {
            return Optional.empty();
        }
        String resource = "packs/" + name + ".yaml";
        try (InputStream in = PolicyPacks.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new PolicyException("pack " + name, "missing from this build (" + resource + ")");
            }
            return Optional.of(new BundleReader.Source("pack:" + name, in.readAllBytes()));
        } catch (IOException e) {
            throw new PolicyException("pack " + name, "cannot read: " + e.getMessage());
        }
    }
}
