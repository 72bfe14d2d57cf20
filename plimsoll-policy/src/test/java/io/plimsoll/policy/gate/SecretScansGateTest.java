package io.plimsoll.policy.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.catalog.CatalogEngine;
import io.plimsoll.catalog.DistroProbe;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.ImageReferences;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.source.ImageSources;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.image.walk.LayerWalker;
import io.plimsoll.policy.content.ContentFindings;
import io.plimsoll.policy.content.ContentHit;
import io.plimsoll.policy.content.ContentScanConfig;
import io.plimsoll.policy.content.ContentScanner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test image walked once by the {@link CatalogEngine} with the content scanner, then judged by the gate: live
 * secrets, a private key deleted by a later layer, a file rewritten unchanged by a later layer, an allow-path.
 */
class SecretScansGateTest {

    /** Where Anchore's own allowlist names a test key of Twisted's, so its trigger id can be checked. */
    static final String TWISTED_PEM =
            "/opt/rh/rh-python36/root/usr/lib64/python3.6/site-packages/twisted/test/server.pem";
    static final String GITHUB = "ghp_R8mXq2LpV7nT4kZ9wB3yC6dF1gH5jK0sA2eU";

    @TempDir
    static Path tmp;
    static Inventory inventory;
    static ContentFindings findings;

    static String privateKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(g.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    @BeforeAll
    static void scanTheImage() throws Exception {
        String env = "APP_ENV=production\nAWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n"
                + "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n";
        Path layout = TestImage.create()
                .layer(TestLayer.create()
                        .file("etc/passwd", "root:x:0:0:root:/root:/bin/bash\n")
                        .file("app/config/settings.env", env)
                        .file("usr/share/doc/awscli/README", "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n")
                        .file(TWISTED_PEM.substring(1), privateKey()),
                        Compressor.GZIP, "/bin/sh -c #(nop) ADD file:rootfs in / ")
                .layer(TestLayer.create()
                        .file("root/.ssh/id_ecdsa", privateKey().getBytes(StandardCharsets.US_ASCII), 0600)
                        .file("app/token.txt", "token: " + GITHUB + "\n"),
                        Compressor.GZIP, "/bin/sh -c #(nop) COPY dir:keys in /root/.ssh ")
                .layer(TestLayer.create().whiteout("root/.ssh/id_ecdsa"), Compressor.GZIP,
                        "/bin/sh -c rm /root/.ssh/id_ecdsa")
                .layer(TestLayer.create().file("app/config/settings.env", env.getBytes(StandardCharsets.UTF_8), 0600),
                        Compressor.ZSTD, "/bin/sh -c chmod 600 /app/config/settings.env")
                .writeOciLayout(tmp.resolve("image"), null);
        // packages' test folders are skipped by default; scanned here as Anchore does, so that Twisted's key (which
        // Anchore's allowlist names) is found and its trigger id can be compared
        ContentScanner scanner = new ContentScanner(ContentScanConfig.DEFAULT.withAllowPaths(
                ContentScanConfig.SYSTEM_AND_DOCUMENTATION_PATHS));
        DistroProbe none = DistroProbe.NONE;
        try (ImageSource s = ImageSources.open(ImageReferences.parse("oci:" + layout), ImageOptions.DEFAULT)) {
            inventory = new CatalogEngine(none, List.of(scanner)).run(s, LayerWalker.defaults());
        }
        findings = scanner.findings();
    }

    static ImageContext context(ContentFindings content, Inventory inv) {
        return new ImageContext(ImageName.parse("acme/app:1.0"), inv, List.of(), null, content, Optional.empty(),
                Instant.parse("2025-01-01T00:00:00Z"));
    }

    static List<TriggerHit> evaluate(Map<String, String> params) {
        return new SecretScansGate().trigger("content_regex_checks").orElseThrow()
                .evaluate(context(findings, inventory), new TriggerParams(params));
    }

    @Test
    void theScanReportsLiveSecretsAndTheKeyADeletedFileStillHoldsInItsLayer() {
        assertThat(findings.secrets()).extracting(ContentHit::rule, ContentHit::path, ContentHit::layer, ContentHit::line)
                .containsExactly(
                        tuple("AWS_ACCESS_KEY", "/app/config/settings.env", 3, 2),
                        tuple("AWS_SECRET_KEY", "/app/config/settings.env", 3, 3),
                        tuple("GITHUB_TOKEN", "/app/token.txt", 1, 1),
                        tuple("PRIV_KEY", TWISTED_PEM, 0, 1), // the line of the BEGIN
                        tuple("PRIV_KEY", "/root/.ssh/id_ecdsa", 1, 1));
        // the same secret in layer 0's copy of settings.env is not reported twice; the doc file is an allow-path
        assertThat(findings.accountFile("/etc/passwd")).contains("root:x:0:0:root:/root:/bin/bash\n");
        assertThat(findings.skipped()).isEmpty();
    }

    @Test
    void oneHitPerFileAndRuleWithPathLineLayerStepAndMaskedValue() {
        List<TriggerHit> hits = evaluate(Map.of());
        assertThat(hits).extracting(TriggerHit::message).containsExactly(
                "AWS_ACCESS_KEY found in /app/config/settings.env line 2 (layer 3: RUN chmod 600 /app/config/settings.env): "
                        + "AKIA************MPLE",
                "AWS_SECRET_KEY found in /app/config/settings.env line 3 (layer 3: RUN chmod 600 /app/config/settings.env): "
                        + "wJal********************************EKEY",
                "GITHUB_TOKEN found in /app/token.txt line 1 (layer 1: COPY dir:keys in /root/.ssh): ghp_"
                        + "*".repeat(32) + "A2eU",
                hits.get(3).message(),
                hits.get(4).message());
        assertThat(hits.get(3).message()).startsWith("PRIV_KEY found in " + TWISTED_PEM + " line 1 (layer 0: ADD file:rootfs in /): ");
        assertThat(hits.get(4).message()).startsWith("PRIV_KEY found in /root/.ssh/id_ecdsa line 1 (layer 1: ")
                .endsWith("; the file was deleted by a later layer, but the secret is still in layer 1 of the image");
        assertThat(hits).extracting(TriggerHit::triggerId).allMatch(id -> id.matches("[0-9a-f]{32}"))
                .doesNotHaveDuplicates();
        // the same place as fields, for reports that point at it
        assertThat(hits).extracting(h -> h.location().orElseThrow()).containsExactly(
                new TriggerHit.FileLocation("/app/config/settings.env", 2, 3),
                new TriggerHit.FileLocation("/app/config/settings.env", 3, 3),
                new TriggerHit.FileLocation("/app/token.txt", 1, 1),
                new TriggerHit.FileLocation(TWISTED_PEM, 1, 0),
                new TriggerHit.FileLocation("/root/.ssh/id_ecdsa", 1, 1));
    }

    @Test
    void triggerIdsAreAnchores() {
        // the id of the live Twisted key is the one in Anchore's published allowlist for that file
        assertThat(evaluate(Map.of("filename_regex", ".*/twisted/.*"))).singleElement()
                .extracting(TriggerHit::triggerId).isEqualTo("5db7c1c2f552441982f04043415cb596");
        // stable across runs: the same image gives the same ids
        assertThat(evaluate(Map.of())).extracting(TriggerHit::triggerId)
                .isEqualTo(evaluate(Map.of()).stream().map(TriggerHit::triggerId).toList());
    }

    @Test
    void anchoreAllowlistsMatchOurIdsForTheFilesTheyName() throws Exception {
        int items = 0;
        int matched = 0;
        for (String name : List.of("AnchoreEngineWhitelist.json", "AnchoreEnterpriseWhitelist.json")) {
            JsonNode list = new ObjectMapper().readTree(SharedCorpus.require("policies/anchore/whitelists/" + name)
                    .toFile());
            for (JsonNode item : list.get("items")) {
                if (!item.get("gate").asText().equals("secret_scans")) {
                    continue;
                }
                items++;
                String path = item.get("comment").asText().replaceFirst("^whitelist file=", "");
                ContentFindings f = new ContentFindings(List.of(new ContentHit("PRIV_KEY", path, 0, 1, "MIIE****")),
                        List.of(), Map.of(), Map.of(), List.of());
                List<TriggerHit> hits = new SecretScansGate().trigger("content_regex_checks").orElseThrow()
                        .evaluate(context(f, null), new TriggerParams(Map.of()));
                if (hits.get(0).triggerId().equals(item.get("trigger_id").asText())) {
                    matched++;
                }
            }
        }
        // the Engine list's two ids match; the Enterprise list has a few hand-edited ids (the same file listed
        // twice with different ids) that no file and regex can produce
        assertThat(items).isEqualTo(49);
        assertThat(matched).isEqualTo(46);
    }

    @Test
    void paramsSelectRulesAndFilesAsAnchoreDoes() {
        assertThat(evaluate(Map.of("content_regex_name", "PRIV_KEY"))).hasSize(2);
        assertThat(evaluate(Map.of("content_regex_name", "AWS_ACCESS_KEY, GITHUB_TOKEN"))).hasSize(2);
        assertThat(evaluate(Map.of("content_regex_name", "(?i)-+BEGIN(.*)PRIVATE KEY-+"))).hasSize(2);
        assertThat(evaluate(Map.of("filename_regex", "/root/.*"))).singleElement().extracting(TriggerHit::message)
                .asString().startsWith("PRIV_KEY found in /root/.ssh/id_ecdsa");
        assertThat(evaluate(Map.of("filename_regex", "root/.*"))).isEmpty(); // matched from the path's start
        assertThat(evaluate(Map.of("content_regex_name", "STRIPE_KEY", "match_type", "found"))).isEmpty();
    }

    @Test
    void notFoundFiresOnceWhenNothingMatched() {
        assertThat(evaluate(Map.of("content_regex_name", "PRIV_KEY", "match_type", "notfound"))).isEmpty();
        List<TriggerHit> none = evaluate(Map.of("content_regex_name", "STRIPE_KEY", "match_type", "notfound"));
        String message = "Secret content search analyzer did not find regexp match in container: filename_regex=* "
                + "content_regex_name=STRIPE_KEY";
        assertThat(none).containsExactly(new TriggerHit(SecretScansGate.anchoreId(message), message));
    }

    @Test
    void theGateIsRegistered() {
        assertThat(Gates.byName("secret_scans")).get().isInstanceOf(SecretScansGate.class);
        assertThat(new SecretScansGate().triggers()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("content_regex_checks");
            assertThat(t.params()).extracting(Param::name)
                    .containsExactly("content_regex_name", "filename_regex", "match_type");
        });
    }
}
