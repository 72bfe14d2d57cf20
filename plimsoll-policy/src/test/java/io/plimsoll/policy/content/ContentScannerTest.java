package io.plimsoll.policy.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.catalog.CatalogInput;
import io.plimsoll.catalog.testing.StreamedFiles;
import io.plimsoll.image.walk.FileInterest;
import io.plimsoll.policy.PolicyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The scanner fed the way the walker feeds it, without an image; every layer counts as live. */
class ContentScannerTest {

    static boolean offer(FileInterest interest, String path, int layer, byte[] content) throws IOException {
        return StreamedFiles.offer(interest, path, 0644, layer, content);
    }

    static boolean offer(FileInterest interest, String path, int layer, String content) throws IOException {
        return offer(interest, path, layer, content.getBytes(StandardCharsets.UTF_8));
    }

    static CatalogInput allLayers() {
        return StreamedFiles.allLayers();
    }

    @Test
    void findsSecretsWithPathLayerAndLine() throws Exception {
        ContentScanner s = new ContentScanner();
        offer(s.interest(), "/app/.env", 2, "APP_ENV=prod\nAWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n");
        offer(s.interest(), "/app/README.md", 2, "Nothing to see here.\n");
        assertThat(s.catalog(allLayers()).packages()).isEmpty();
        assertThat(s.findings().secrets()).containsExactly(
                new ContentHit("AWS_ACCESS_KEY", "/app/.env", 2, 2, "AKIA************MPLE"));
        assertThat(s.findings().skipped()).isEmpty();
    }

    @Test
    void binaryAndOversizedFilesAreSkippedAndCounted() throws Exception {
        ContentScanner s = new ContentScanner(ContentScanConfig.DEFAULT.withMaxFileSize(1000));
        byte[] elf = ("\u007fELF\u0002\u0001\u0001\u0000 AKIAIOSFODNN7EXAMPLE").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(offer(s.interest(), "/usr/bin/app", 0, elf)).isTrue();
        byte[] latin1 = "Schl\u00fcssel AKIAIOSFODNN7EXAMPLE".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(offer(s.interest(), "/etc/legacy.conf", 0, latin1)).isTrue();
        String big = "x".repeat(1001) + "\nAKIAIOSFODNN7EXAMPLE\n";
        assertThat(offer(s.interest(), "/var/log/big.log", 1, big)).isTrue();
        s.catalog(allLayers());
        assertThat(s.findings().secrets()).isEmpty();
        assertThat(s.findings().skipped()).containsExactly(
                "/var/log/big.log: " + big.length() + " bytes, over the 1000-byte content scan limit",
                "2 binary files not scanned (NUL bytes or not UTF-8 in the first 8192 bytes)");
    }

    @Test
    void allowPathsAreNotReadAtAll() throws Exception {
        ContentScanner s = new ContentScanner();
        assertThat(offer(s.interest(), "/usr/share/doc/aws-cli/examples.txt", 0, "AKIAIOSFODNN7EXAMPLE")).isFalse();
        assertThat(offer(s.interest(), "/proc/self/environ", 0, "AKIAIOSFODNN7EXAMPLE")).isFalse();
        assertThat(offer(s.interest(), "/usr/share/docs/x.txt", 0, "AKIAIOSFODNN7EXAMPLE")).isTrue(); // not /doc/
        ContentScanner fixtures = new ContentScanner(ContentScanConfig.DEFAULT.withAllowPaths(List.of("/**/test/**")));
        assertThat(offer(fixtures.interest(), "/usr/lib/python3/site-packages/twisted/test/server.pem", 0, "x"))
                .isFalse();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "/usr/lib/python3/dist-packages/twisted/test/server.pem",
        "/usr/local/lib/python3.12/test/certdata/keycert.pem",
        "/opt/rh/rh-python36/root/usr/lib64/python3.6/site-packages/Crypto/SelfTest/PublicKey/test_vectors/ECC/"
                + "ecc_p256_private.pem",
        "/app/.venv/lib/python3.11/site-packages/requests/tests/certs/server.key",
        "/usr/lib/python3/dist-packages/PyJWT-2.6.0.egg-info/PKG-INFO",
        "/usr/local/lib/python3.12/site-packages/PyJWT-2.8.0.dist-info/METADATA",
        "/var/lib/gems/3.1.0/gems/net-ssh-7.0.1/test/fixtures/id_rsa",
        "/usr/local/bundle/gems/jwt-2.7.1/spec/fixtures/rsa-2048-private.pem",
        "/usr/lib/ruby/gems/3.1.0/doc/webrick-1.8.1/ri/page-README_md.ri",
        "/usr/share/perl5/Crypt/RSA/t/key.pem",
        "/usr/lib/x86_64-linux-gnu/perl5/5.36/Net/SSLeay/t/data/key.pem",
        "/app/node_modules/jsonwebtoken/test/priv.pem",
        "/app/node_modules/@octokit/auth-app/README.md",
        "/root/go/pkg/mod/golang.org/x/crypto@v0.21.0/ssh/testdata/keys.go",
        "/usr/lib/google-cloud-sdk/platform/gsutil/third_party/requests/tests/certs/server.key",
        "/usr/share/ri/3.1.0/system/URI/Generic/password-3d-i.ri",
    })
    void installedPackagesDocumentationAndTestFoldersAreSkippedByDefault(String path) throws Exception {
        assertThat(offer(new ContentScanner().interest(), path, 0, "x")).isFalse();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "/opt/app/test/.env",                       // an application's own test folder
        "/srv/app/tests/id_rsa",
        "/usr/src/app/test/fixtures/key.pem",       // WORKDIR of the official node and python images
        "/app/tests/settings.py",
        "/usr/lib/python3/dist-packages/shop/settings.py", // an installed package's code
        "/usr/local/lib/python3.12/site-packages/testtools/config.py", // a package named test…, not a test folder
        "/etc/ssl/private/server.key",
        "/root/.docker/config.json",
    })
    void applicationsTestFoldersAndInstalledPackagesCodeAreScanned(String path) throws Exception {
        assertThat(offer(new ContentScanner().interest(), path, 0, "x")).isTrue();
    }

    @Test
    void theFilesNameDecidesWhetherDocumentationIsSkipped() throws Exception {
        ContentScanner s = new ContentScanner();
        String example = "\"\"\"Usage:\n    client.connect(password='Vb7!mQ2#xT9$kL4p')\n\"\"\"\n";
        offer(s.interest(), "/usr/lib/python3/dist-packages/client/__init__.py", 0, example);
        offer(s.interest(), "/etc/client/connect.conf", 0, example);
        s.catalog(allLayers());
        assertThat(s.findings().secrets()).extracting(ContentHit::path).containsExactly("/etc/client/connect.conf");
    }

    @Test
    void accountFilesAndChecksumsAreKept() throws Exception {
        ContentScanner s = new ContentScanner(ContentScanConfig.DEFAULT.withChecksumPaths(Set.of("/usr/bin/sudo",
                "/usr/share/doc/sudo/copyright")));
        String passwd = "root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n";
        offer(s.interest(), "/etc/passwd", 0, passwd);
        offer(s.interest(), "/etc/group", 0, "root:x:0:\n");
        byte[] sudo = new byte[20_000];
        sudo[0] = 0x7f;
        new java.util.Random(1).nextBytes(sudo);
        assertThat(offer(s.interest(), "/usr/bin/sudo", 0, sudo)).isTrue();
        assertThat(offer(s.interest(), "/usr/share/doc/sudo/copyright", 0, "GPL")).isTrue();
        s.catalog(allLayers());
        ContentFindings f = s.findings();
        assertThat(f.accountFile("/etc/passwd")).contains(passwd);
        assertThat(f.accountFile("/etc/group")).contains("root:x:0:\n");
        assertThat(f.accountFile("/etc/shadow")).isEmpty();
        assertThat(f.sha256()).containsOnly(
                Map.entry("/usr/bin/sudo", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sudo))),
                // asked for, so summed although documentation is never scanned
                Map.entry("/usr/share/doc/sudo/copyright",
                        "f40cafaca0fa13eb1b4b1dc8534f16a5385ac80253edb57f7bf7360e3693b7cc"));
    }

    @Test
    void namedContentRegexesMatchLineByLine() throws Exception {
        List<ContentRegex> regexes = ContentRegex.fromAnchoreForm(List.of(
                "EXAMPLE_MATCH=^debug\\s*=\\s*true$",
                "AWS_ACCESS_KEY=(?i).*aws_access_key_id( *=+ *).*(?<![A-Z0-9])[A-Z0-9]{20}(?![A-Z0-9]).*"));
        ContentScanner s = new ContentScanner(ContentScanConfig.DEFAULT.withContentRegexes(regexes));
        offer(s.interest(), "/srv/app.ini", 1, "[main]\ndebug = true\r\nname = x debug = true\n"
                + "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n");
        s.catalog(allLayers());
        assertThat(s.findings().regexMatches()).extracting(ContentHit::rule, ContentHit::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("EXAMPLE_MATCH", 2),
                        org.assertj.core.groups.Tuple.tuple("AWS_ACCESS_KEY", 4));
        assertThat(s.findings().regexMatches().get(0).masked()).isEqualTo("deb******rue");
    }

    @Test
    void badContentRegexesAreRefusedByName() {
        assertThatThrownBy(() -> ContentRegex.compile(Map.of("BROKEN", "(unclosed")))
                .isInstanceOf(PolicyException.class).hasMessageStartingWith("content regex BROKEN: not a valid regular");
        assertThatThrownBy(() -> ContentRegex.fromAnchoreForm(List.of("no-name-here")))
                .isInstanceOf(PolicyException.class).hasMessageContaining("expected NAME=regex");
    }

    @Test
    void findingsBeforeTheRunAreAnError() {
        assertThatThrownBy(() -> new ContentScanner().findings()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void filesArrivingFromSeveralThreadsAreAllScanned() throws Exception {
        ContentScanner s = new ContentScanner();
        List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int layer = t;
            Thread th = new Thread(() -> {
                for (int i = 0; i < 200; i++) {
                    try {
                        offer(s.interest(), "/f" + i, layer, "k=AKIAIOSFODNN7EXAMPLE\n");
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            th.start();
            threads.add(th);
        }
        for (Thread t : threads) {
            t.join();
        }
        s.catalog(allLayers());
        assertThat(s.findings().secrets()).hasSize(800);
    }
}
