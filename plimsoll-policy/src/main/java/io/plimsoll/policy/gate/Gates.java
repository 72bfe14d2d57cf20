package io.plimsoll.policy.gate;

import java.util.List;
import java.util.Optional;

/** Every gate Plimsoll evaluates, by Anchore name. Adding a gate is one line here. */
public final class Gates {

    private Gates() {
    }

    private static final List<Gate> ALL = List.of(
            // one line per gate
            new io.plimsoll.policy.gate.always.AlwaysGate(),
            new io.plimsoll.policy.gate.dockerfile.DockerfileGate(),
            new io.plimsoll.policy.gate.files.FilesGate(),
            new io.plimsoll.policy.gate.passwd.PasswdFileGate(),
            new io.plimsoll.policy.gate.metadata.MetadataGate(),
            new io.plimsoll.policy.gate.distro.DistroGate(),
            new io.plimsoll.policy.gate.packages.PackagesGate(),
            new io.plimsoll.policy.gate.licenses.LicensesGate(),
            new io.plimsoll.policy.gate.vulnerabilities.VulnerabilitiesGate(),
            new io.plimsoll.policy.gate.malware.MalwareGate(),
            new SecretScansGate()
    );

    public static List<Gate> all() {
        return ALL;
    }

    public static Optional<Gate> byName(String name) {
        return all().stream().filter(g -> g.name().equals(name)).findFirst();
    }
}
