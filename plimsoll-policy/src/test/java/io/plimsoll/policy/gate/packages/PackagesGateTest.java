package io.plimsoll.policy.gate.packages;

import static io.plimsoll.policy.gate.GateFixtures.context;
import static io.plimsoll.policy.gate.GateFixtures.inventory;
import static io.plimsoll.policy.gate.GateFixtures.messages;
import static io.plimsoll.policy.gate.GateFixtures.params;
import static io.plimsoll.policy.gate.GateFixtures.pkg;
import static io.plimsoll.policy.gate.GateFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.policy.gate.ImageContext;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PackagesGateTest {

    static ImageContext image() {
        TestImage img = TestImage.create().layer(TestLayer.create().dir("usr/bin").file("usr/bin/bash", "b")
                .file("usr/bin/curl", "c").symlink("bin", "usr/bin").file("etc/ssl/openssl.cnf", "x"), Compressor.GZIP);
        return context(inventory(img, Optional.empty(), List.of(
                pkg("deb", "bash", "5.2.15-2+b2", List.of("GPL-3+"), List.of("/.", "/bin", "/bin/bash",
                        "/usr/share/doc/bash/copyright")),
                pkg("deb", "openssl", "1:3.0.11-1~deb12u2", List.of(), List.of("/etc/ssl/openssl.cnf")),
                pkg("npm", "lodash", "4.17.20", List.of("MIT"), List.of()))));
    }

    @Test
    void requiredPackage() {
        ImageContext c = image();
        assertThat(run("packages", "required_package", c, params("name", "bash"))).isEmpty();
        assertThat(messages(run("packages", "required_package", c, params("name", "ca-certificates"))))
                .containsExactly("Required input package (ca-certificates) is not present in container image");
        assertThat(run("packages", "required_package", c, params("name", "bash", "version", "5.2.15-2+b2"))).isEmpty();
        assertThat(run("packages", "required_package", c, params("name", "openssl", "version", "3.0.11-1~deb12u2")))
                .isEmpty(); // the epoch may be left out
        assertThat(run("packages", "required_package", c, params("name", "bash", "version", "5.2.15-2")))
                .hasSize(1);
    }

    @Test
    void requiredMinimumVersion() {
        ImageContext c = image();
        assertThat(run("packages", "required_package", c, params("name", "lodash", "version", "4.17.9",
                "version_match_type", "minimum"))).isEmpty(); // 4.17.20 >= 4.17.9 (not as text)
        assertThat(messages(run("packages", "required_package", c, params("name", "lodash", "version", "4.17.21",
                "version_match_type", "minimum")))).containsExactly("Required min-version input package (lodash) is "
                + "present (4.17.20), but is lower version than what is specified in policy (4.17.21)");
    }

    @Test
    void blacklist() {
        ImageContext c = image();
        assertThat(messages(run("packages", "blacklist", c, params("name", "curl")))).isEmpty();
        assertThat(messages(run("packages", "blacklist", c, params("name", "bash"))))
                .containsExactly("Package is blacklisted: bash");
        assertThat(run("packages", "blacklist", c, params("name", "bash", "version", "5.2.15-2+b2"))).hasSize(1);
        assertThat(run("packages", "blacklist", c, params("name", "bash", "version", "5.1"))).isEmpty();
        assertThat(run("packages", "blacklist", c, params("name", "lodash", "package_type", "os"))).isEmpty();
        assertThat(run("packages", "blacklist", c, params("name", "lodash", "package_type", "npm"))).hasSize(1);
    }

    @Test
    void verifyFindsMissingFilesThroughLinks() {
        ImageContext c = image();
        assertThat(messages(run("packages", "verify", c, params()))).containsExactly(
                "VERIFY check against package db for package 'bash' failed on entry "
                        + "'/usr/share/doc/bash/copyright' with status: 'missing'");
        assertThat(run("packages", "verify", c, params("only_directories", "/etc,/bin"))).isEmpty();
        assertThat(run("packages", "verify", c, params("only_packages", "openssl"))).isEmpty();
        assertThat(run("packages", "verify", c, params("check", "changed"))).isEmpty();
        assertThat(run("packages", "verify", c, params("check", "missing"))).hasSize(1);
    }
}
