package io.plimsoll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.LocalRegistry;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestCertificate;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.image.testing.TokenIssuer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** inspect and sbom on an image the test pushed into a real docker-registry, named with registry:/docker://. */
@ExtendWith(IsolatedSettings.class)
class RegistryCliTest {

    @TempDir
    Path tmp;

    @Test
    void inspectAndSbomReadAnImageFromTheRegistry() throws Exception {
        String db = "P:musl\nV:1.2.4_git20230717-r4\nA:x86_64\nL:MIT\no:musl\n\n";
        TestImage img = TestImage.create()
                .layer(TestLayer.create().file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n")
                        .file("lib/apk/db/installed", db), Compressor.GZIP, "/bin/sh -c #(nop) ADD file:alpine in / ");
        try (LocalRegistry registry = LocalRegistry.start(tmp)) {
            registry.push("team/alp", img, "3.19");
            String ref = "registry:" + registry.host() + "/team/alp:3.19";

            CliTest.Run sbom = CliTest.run("sbom", "--format", "json", ref);
            assertThat(sbom.code()).as(sbom.err()).isZero();
            JsonNode json = new ObjectMapper().readTree(sbom.out());
            assertThat(json.path("packages").get(0).path("name").asText()).isEqualTo("musl");
            assertThat(json.path("image").path("source").asText()).isEqualTo("registry");

            CliTest.Run inspect = CliTest.run("inspect", "docker://" + registry.host() + "/team/alp:3.19");
            assertThat(inspect.code()).as(inspect.err()).isZero();
            assertThat(inspect.out()).contains("registry", img.manifest().digest().toString().substring(0, 19));

            CliTest.Run missing = CliTest.run("sbom", "registry:" + registry.host() + "/team/alp:nope");
            assertThat(missing.code()).isEqualTo(2);
            assertThat(missing.err()).contains("team/alp:nope", "tag 'nope' not found");
        }
    }

    @Test
    void aBareReferenceIsPulledAndAnyLoopbackRegistrySpeaksPlainHttp() throws Exception {
        TestImage img = TestImage.create()
                .layer(TestLayer.create().file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n")
                        .file("lib/apk/db/installed", "P:musl\nV:1.2.4-r4\nA:x86_64\nL:MIT\no:musl\n\n"),
                        Compressor.GZIP, "ADD rootfs /");
        // 127.0.0.2 is this machine too (all of 127.0.0.0/8 is): its plain-HTTP registry is found after one TLS try
        org.junit.jupiter.api.Assumptions.assumeTrue(canBind("127.0.0.2"), "cannot bind 127.0.0.2 here");
        LocalRegistry.Setup other = new LocalRegistry.Setup("127.0.0.2", "", java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty());
        try (LocalRegistry registry = LocalRegistry.start(tmp, other)) {
            registry.push("team/alp", img, "3.19");
            String bare = registry.host() + "/team/alp:3.19";
            CliTest.Run pulled = CliTest.run("sbom", "--format", "json", bare);
            assertThat(pulled.code()).as(pulled.err()).isZero();
            CliTest.Run prefixed = CliTest.run("sbom", "--format", "json", "registry:" + bare);
            assertThat(pulled.out()).contains("\"musl\"", "\"registry\"")
                    .isEqualTo(prefixed.out().replace("registry:" + bare, bare));

            CliTest.Run missing = CliTest.run("sbom", registry.host() + "/team/alp:nope");
            assertThat(missing.code()).isEqualTo(2);
            assertThat(missing.err()).contains("tag 'nope' not found");
        }
        // what is written as a file stays a file: a missing one is an error about the file, not a pull
        CliTest.Run file = CliTest.run("sbom", "app.tar");
        assertThat(file.code()).isEqualTo(2);
        assertThat(file.err()).contains("app.tar", "no such file or directory");
    }

    @Test
    void credentialsFromStandardInputForAPrivateRegistry() throws Exception {
        TestImage img = TestImage.create()
                .layer(TestLayer.create().file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n"), Compressor.GZIP,
                        "/bin/sh -c #(nop) ADD file:alpine in / ");
        try (LocalRegistry registry = LocalRegistry.startWithHtpasswd(tmp, "ci", "s3cret-pass")) {
            registry.push("team/private", img, "1");
            String ref = "registry:" + registry.host() + "/team/private:1";
            try {
                ImageArguments.stdin = () -> new java.io.ByteArrayInputStream("s3cret-pass\n".getBytes());
                CliTest.Run ok = CliTest.run("inspect", "--username", "ci", "--password-stdin", ref);
                assertThat(ok.code()).as(ok.err()).isZero();
                assertThat(ok.out()).contains("registry");

                ImageArguments.stdin = () -> new java.io.ByteArrayInputStream("wrong\n".getBytes());
                CliTest.Run wrong = CliTest.run("inspect", "--username", "ci", "--password-stdin", ref);
                assertThat(wrong.code()).isEqualTo(2);
                assertThat(wrong.err()).contains("team/private").doesNotContain("wrong");

                CliTest.Run anonymous = CliTest.run("inspect", ref);
                assertThat(anonymous.code()).isEqualTo(2);
                assertThat(anonymous.err()).containsIgnoringCase("auth");
            } finally {
                ImageArguments.stdin = () -> System.in;
            }
        }
        assertThat(CliTest.run("inspect", "--username", "ci", "registry:localhost/x:1").err())
                .contains("--password-stdin");
    }

    @Test
    void tokenAuthThroughTheCommandLine() throws Exception {
        TestImage img = TestImage.create()
                .layer(TestLayer.create().file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n"), Compressor.GZIP,
                        "/bin/sh -c #(nop) ADD file:alpine in / ");
        try (TokenIssuer issuer = TokenIssuer.start(tmp.resolve("issuer"), "ci", "t0ken-pass");
             LocalRegistry registry = LocalRegistry.start(java.nio.file.Files.createDirectories(tmp.resolve("registry")),
                     LocalRegistry.Setup.open().withAuth(issuer.registryAuthConfig(),
                             "Bearer " + issuer.mint("team/tok", "pull", "push")))) {
            registry.push("team/tok", img, "1");
            String ref = "registry:" + registry.host() + "/team/tok:1";
            try {
                ImageArguments.stdin = () -> new java.io.ByteArrayInputStream("t0ken-pass\n".getBytes());
                CliTest.Run ok = CliTest.run("inspect", "--username", "ci", "--password-stdin", ref);
                assertThat(ok.code()).as(ok.err()).isZero();
                assertThat(ok.out()).contains(img.manifest().digest().toString().substring(0, 19));
                assertThat(issuer.requests("repository:team/tok:pull")).isEqualTo(1);

                ImageArguments.stdin = () -> new java.io.ByteArrayInputStream("not-it\n".getBytes());
                CliTest.Run wrong = CliTest.run("inspect", "--username", "ci", "--password-stdin", ref);
                assertThat(wrong.code()).isEqualTo(2);
                assertThat(wrong.err()).contains("team/tok:1", "token service", "refused the credentials of 'ci'")
                        .doesNotContain("not-it");
            } finally {
                ImageArguments.stdin = () -> System.in;
            }
        }
    }

    @Test
    void caCertTrustsARegistryWithAPrivateCertificate() throws Exception {
        TestCertificate cert = TestCertificate.create(tmp.resolve("tls"), "registry");
        TestImage img = TestImage.create()
                .layer(TestLayer.create().file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n"), Compressor.GZIP,
                        "/bin/sh -c #(nop) ADD file:alpine in / ");
        // 127.0.0.2 is this machine too; a registry there that speaks TLS is spoken to in TLS, certificate checked
        org.junit.jupiter.api.Assumptions.assumeTrue(canBind("127.0.0.2"), "cannot bind 127.0.0.2 here");
        try (LocalRegistry registry = LocalRegistry.start(java.nio.file.Files.createDirectories(tmp.resolve("registry")),
                LocalRegistry.Setup.open().withTls("127.0.0.2", cert.certificatePem(), cert.keyPem(), cert.trustingIt()))) {
            registry.push("team/tls", img, "1");
            String ref = "registry:" + registry.host() + "/team/tls:1";

            CliTest.Run untrusted = CliTest.run("inspect", ref);
            assertThat(untrusted.code()).isEqualTo(2);
            assertThat(untrusted.err()).contains(registry.host(), "TLS handshake", "not trusted", "--ca-cert");

            CliTest.Run trusted = CliTest.run("inspect", "--ca-cert", cert.certificatePem().toString(), ref);
            assertThat(trusted.code()).as(trusted.err()).isZero();
            assertThat(trusted.out()).contains(img.manifest().digest().toString().substring(0, 19));
            CliTest.Run sbom = CliTest.run("sbom", "--no-blob-cache", "--ca-cert", cert.certificatePem().toString(),
                    "--format", "json", ref);
            assertThat(sbom.code()).as(sbom.err()).isZero();

            Path bad = java.nio.file.Files.writeString(tmp.resolve("bad.pem"), "-----BEGIN CERTIFICATE-----\nnope\n");
            CliTest.Run badPem = CliTest.run("sbom", "--ca-cert", bad.toString(), ref);
            assertThat(badPem.code()).isEqualTo(2);
            assertThat(badPem.err()).startsWith("plimsoll: " + bad + ": ").contains("not a PEM certificate file");
            assertThat(CliTest.run("scan", "--help").out()).contains("--ca-cert=FILE");
            // registry options only matter for a pull: a file is read whatever they say
            Path archive = img.writeDockerArchive(tmp.resolve("app.tar"), "app:1");
            CliTest.Run local = CliTest.run("inspect", "--ca-cert", bad.toString(), archive.toString());
            assertThat(local.code()).as(local.err()).isZero();
            CliTest.Run missing = CliTest.run("inspect", "--ca-cert", tmp.resolve("none.pem").toString(), ref);
            assertThat(missing.code()).isEqualTo(2);
            assertThat(missing.err()).contains(tmp.resolve("none.pem").toString(), "no such CA certificate file");
        }
    }

    private static boolean canBind(String address) {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(address))) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
