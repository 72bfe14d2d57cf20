package io.plimsoll.policy.gate.files;

import static io.plimsoll.policy.gate.GateFixtures.context;
import static io.plimsoll.policy.gate.GateFixtures.ids;
import static io.plimsoll.policy.gate.GateFixtures.inventory;
import static io.plimsoll.policy.gate.GateFixtures.messages;
import static io.plimsoll.policy.gate.GateFixtures.params;
import static io.plimsoll.policy.gate.GateFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.policy.content.ContentFindings;
import io.plimsoll.policy.content.ContentHit;
import io.plimsoll.policy.gate.ImageContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilesGateTest {

    static final byte[] BIN = "\u007fELF".getBytes(StandardCharsets.ISO_8859_1);
    static final String SUDO_SHA = "5f4dcc3b5aa765d61d8327deb882cf995f4dcc3b5aa765d61d8327deb882cf99";

    static ImageContext image(ContentFindings content) {
        TestImage img = TestImage.create()
                .layer(TestLayer.create().dir("usr/bin").file("usr/bin/chage", BIN, 04755)
                        .file("usr/bin/sudo", BIN, 04111).file("usr/bin/ls", BIN, 0755)
                        .dir("usr/local", 02775).file("etc/passwd", "root:x:0:0:root:/root:/bin/bash\n")
                        .file("etc/ssl/private/server.pem", "k").symlink("bin", "usr/bin"), Compressor.GZIP);
        return context(inventory(img), List.of(), content);
    }

    @Test
    void suidAndSgidPathsWithAnchoresTriggerIds() {
        var hits = run("files", "suid_or_guid_set", image(ContentFindings.NONE), params());
        assertThat(messages(hits)).containsExactly(
                "SUID or SGID found set on file /usr/bin/chage. Mode: 0o104755",
                "SUID or SGID found set on file /usr/bin/sudo. Mode: 0o104111",
                "SUID or SGID found set on file /usr/local. Mode: 0o42775");
        // The ids the public Anchore whitelists (CommonSUIDFilesWhitelist, DebianSUIDFilesWhitelist) list.
        assertThat(ids(hits).get(0)).isEqualTo("639f6f1177735759703e928c14714a59");
        assertThat(ids(hits).get(2)).isEqualTo(io.plimsoll.policy.gate.common.LegacyTriggerId.of("files",
                "suid_or_guid_set", "SUID or SGID found set on file /usr/local. Mode: 0o42775"));
        assertThat(messages(hits)).noneMatch(m -> m.contains("/usr/bin/ls"));
        assertThat(hits).extracting(h -> h.location().orElseThrow().path() + "@" + h.location().get().layer())
                .containsExactly("/usr/bin/chage@0", "/usr/bin/sudo@0", "/usr/local@0");
    }

    @Test
    void nameMatchIsAnchoredAtTheStartOfTheFullPath() {
        assertThat(messages(run("files", "name_match", image(ContentFindings.NONE), params("regex", ".*\\.pem"))))
                .containsExactly("Application of regex matched file found in container: file=/etc/ssl/private/server.pem"
                        + " regexp=.*\\.pem");
        assertThat(run("files", "name_match", image(ContentFindings.NONE), params("regex", "server\\.pem"))).isEmpty();
    }

    @Test
    void attributeMatchOnModes() {
        ImageContext c = image(ContentFindings.NONE);
        // DoD's rule: sudo with st_mode 0o104111 (regular file, setuid, --x--x--x)
        assertThat(messages(run("files", "attribute_match", c, params("filename", "/usr/bin/sudo", "mode", "0o104111",
                "mode_op", "equals", "skip_missing", "true")))).containsExactly(
                "filename=/usr/bin/sudo and mode=0o104111 op=equals specified_mode=0o104111");
        assertThat(run("files", "attribute_match", c, params("filename", "/usr/bin/chage", "mode", "0o104111",
                "mode_op", "equals"))).isEmpty();
        // Permission bits only: 664 against /etc/passwd's 0644
        assertThat(run("files", "attribute_match", c, params("filename", "/etc/passwd", "mode", "664",
                "mode_op", "equals"))).isEmpty();
        assertThat(run("files", "attribute_match", c, params("filename", "/etc/passwd", "mode", "664",
                "mode_op", "not_equals"))).singleElement().extracting(h -> h.message()).isEqualTo(
                "filename=/etc/passwd and mode=0o644 op=not_equals specified_mode=0o664");
        // Through the /bin -> usr/bin link, located at the file it found
        assertThat(run("files", "attribute_match", c, params("filename", "/bin/sudo", "mode", "04111")))
                .singleElement().extracting(h -> h.location().orElseThrow())
                .isEqualTo(new io.plimsoll.policy.gate.TriggerHit.FileLocation("/usr/bin/sudo", 0, 0));
    }

    @Test
    void attributeMatchOnMissingFilesAndChecksums() {
        ContentFindings sums = new ContentFindings(List.of(), List.of(), Map.of(), Map.of("/usr/bin/sudo", SUDO_SHA),
                List.of());
        ImageContext c = image(sums);
        assertThat(run("files", "attribute_match", c, params("filename", "/etc/shadow", "mode", "0640"))).isEmpty();
        assertThat(messages(run("files", "attribute_match", c, params("filename", "/etc/shadow", "mode", "0640",
                "skip_missing", "false")))).containsExactly("filename=/etc/shadow and skip_missing=False");
        assertThat(run("files", "attribute_match", c, params("filename", "/usr/bin/sudo", "checksum_algorithm",
                "sha256", "checksum", SUDO_SHA, "checksum_match", "equals"))).hasSize(1);
        assertThat(run("files", "attribute_match", c, params("filename", "/usr/bin/sudo", "checksum", SUDO_SHA,
                "checksum_match", "not_equals"))).isEmpty();
        // No digest for the file: the checksum cannot be judged, nothing fires
        assertThat(run("files", "attribute_match", c, params("filename", "/usr/bin/ls", "checksum", SUDO_SHA,
                "checksum_match", "not_equals"))).isEmpty();
        assertThat(io.plimsoll.policy.gate.GateFixtures.trigger("files", "attribute_match")
                .validate(params("filename", "/x", "checksum", "abc"))).hasSize(1);
    }

    @Test
    void contentRegexMatchOneHitPerFileAndRegex() {
        ContentFindings found = new ContentFindings(List.of(), List.of(
                new ContentHit("password", "/etc/app.conf", 0, 3, "password=****"),
                new ContentHit("password", "/etc/app.conf", 0, 9, "password=****"),
                new ContentHit("token", "/etc/app.conf", 0, 4, "tok****")), Map.of(), Map.of(), List.of());
        ImageContext c = image(found);
        assertThat(messages(run("files", "content_regex_match", c, params()))).containsExactly(
                "File content analyzer found regexp match in container: file=/etc/app.conf regexp=password",
                "File content analyzer found regexp match in container: file=/etc/app.conf regexp=token");
        assertThat(run("files", "content_regex_match", c, params("regex_name", "token"))).hasSize(1);
        assertThat(run("files", "content_regex_match", c, params("regex_name", "aws"))).isEmpty();
        assertThat(run("files", "content_regex_match", image(ContentFindings.NONE), params())).isEmpty();
    }
}
