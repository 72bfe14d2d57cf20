package io.plimsoll.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.image.ImageException;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.SourceKind;
import io.plimsoll.image.net.AddressGuard;
import io.plimsoll.image.source.RegistrySource;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.LocalRegistry;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.image.testing.TokenIssuer;
import io.plimsoll.image.testing.Walks;
import io.plimsoll.image.walk.WalkResult;
import io.plimsoll.model.Digest;
import io.plimsoll.model.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pulls images the test pushed into a real {@code docker-registry} through its HTTP API. */
class RegistrySourceTest {

    @TempDir
    static Path work;
    static LocalRegistry registry;

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = LocalRegistry.start(Files.createDirectories(work.resolve("open")));
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    private static TestImage image(Platform platform, String release) {
        return TestImage.create().platform(platform)
                .layer(TestLayer.create().dir("etc").file("etc/os-release", "ID=alpine\nVERSION_ID=" + release + "\n"),
                        Compressor.GZIP, "ADD rootfs /")
                .layer(TestLayer.create().file("app/run.sh", "#!/bin/sh\n"), Compressor.ZSTD, "COPY run.sh /app/");
    }

    @Test
    void anonymousPullReadsManifestConfigAndLayersFromTheRegistry() throws Exception {
        TestImage img = image(Platform.LINUX_AMD64, "3.19.1");
        registry.push("team/app", img, "1.0");

        WalkResult r = Walks.walk("registry:" + registry.host() + "/team/app:1.0");

        assertThat(r.image().kind()).isEqualTo(SourceKind.REGISTRY);
        assertThat(r.image().manifestDigest()).contains(img.manifest().digest());
        assertThat(r.image().configDigest()).contains(Digest.sha256Of(img.configJson()));
        assertThat(r.image().layers()).hasSize(2);
        assertThat(r.image().layers().get(1).history()).hasValueSatisfying(h ->
                assertThat(h.instruction()).isEqualTo("COPY run.sh /app/"));
        assertThat(r.tree().get("/etc/os-release")).isPresent();
        assertThat(r.tree().get("/app/run.sh")).isPresent();

        // the same image by digest, written the skopeo way
        WalkResult byDigest = Walks.walk("docker://" + registry.host() + "/team/app@" + img.manifest().digest());
        assertThat(byDigest.image().configDigest()).isEqualTo(r.image().configDigest());
    }

    @Test
    void manifestListPicksThePlatformAskedFor() throws Exception {
        TestImage amd = image(Platform.LINUX_AMD64, "3.19.1");
        TestImage arm = image(new Platform("linux", "arm64", "v8"), "3.19.1-arm");
        registry.push("team/multi", amd, null);
        registry.push("team/multi", arm, null);
        ObjectMapper json = new ObjectMapper();
        ObjectNode index = json.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", "application/vnd.docker.distribution.manifest.list.v2+json");
        var manifests = index.putArray("manifests");
        for (TestImage i : new TestImage[] {amd, arm}) {
            ObjectNode d = manifests.addObject();
            d.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
            d.put("digest", i.manifest().digest().toString());
            d.put("size", i.manifest().size());
            d.putObject("platform").put("os", i.platform().os()).put("architecture", i.platform().architecture())
                    .put("variant", i.platform().variant());
        }
        registry.pushManifest("team/multi", "2.0", "application/vnd.docker.distribution.manifest.list.v2+json",
                json.writeValueAsBytes(index));

        String ref = "registry:" + registry.host() + "/team/multi:2.0";
        WalkResult armImage = Walks.walk(ref, ImageOptions.DEFAULT.withPlatform(Platform.parse("linux/arm64")), 2);
        assertThat(armImage.image().manifestDigest()).contains(arm.manifest().digest());
        assertThat(armImage.image().platform().architecture()).isEqualTo("arm64");

        WalkResult defaultImage = Walks.walk(ref);
        assertThat(defaultImage.image().manifestDigest()).contains(amd.manifest().digest());

        assertThatThrownBy(() -> Walks.walk(ref, ImageOptions.DEFAULT.withPlatform(Platform.parse("linux/s390x")), 2))
                .hasMessageContaining("no image for platform linux/s390x")
                .hasMessageContaining("linux/arm64");
    }

    @Test
    void aMissingTagOrRepositoryIsAClearErrorNamingTheReference() throws Exception {
        registry.push("team/app2", image(Platform.LINUX_AMD64, "3.19.1"), "1.0");
        assertThatThrownBy(() -> Walks.walk("registry:" + registry.host() + "/team/app2:nope"))
                .isInstanceOf(ImageException.class)
                .hasMessageStartingWith("registry:" + registry.host() + "/team/app2:nope: ")
                .hasMessageContaining("tag 'nope' not found");
        assertThatThrownBy(() -> Walks.walk("registry:" + registry.host() + "/team/never:1.0"))
                .hasMessageContaining("team/never")
                .hasMessageContaining("not found");
    }

    @Test
    void aManifestOfTooManyJsonValuesIsRefusedBeforeItsTreeIsBuilt() throws Exception {
        // under the 4 MiB manifest cap, but 300,000 values: a tree of them costs ~30 times the text
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        io.plimsoll.model.Digest configDigest = io.plimsoll.model.Digest.sha256Of(config);
        registry.pushBlob("team/wide", configDigest, config);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                + configDigest + "\",\"size\":" + config.length + "},\"layers\":[],\"x\":["
                + String.join(",", java.util.Collections.nCopies(300_000, "{}")) + "]}";
        registry.pushManifest("team/wide", "1", "application/vnd.oci.image.manifest.v1+json",
                manifest.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Walks.walk("registry:" + registry.host() + "/team/wide:1"))
                .isInstanceOf(ImageException.class)
                // refused as the registry's answer is parsed, not later by the layout reader (whose subject is the
                // manifest's digest): the first parse is where an unbounded tree would have been built
                .hasMessageContaining("team/wide:1 (manifest): holds more than 250000 JSON values");
    }

    @Test
    void layersAreFetchedAFewAheadOfTheWalkerAndEachOnlyOnce() throws Exception {
        TestImage img = TestImage.create();
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 6; i++) {
            // layer 2 is larger than a read-ahead buffer, so its fetch waits for the walker
            byte[] noise = new byte[i == 2 ? 6 << 20 : 1024];
            random.nextBytes(noise);
            img.layer(TestLayer.create().file("layer" + i + "/data", noise, 0644), Compressor.GZIP, "ADD " + i);
        }
        registry.push("team/ahead", img, "1");
        RegistryClient client = new RegistryClient(RegistrySettings.defaults(
                DockerConfig.load(work.resolve("no-such-config.json"))));
        RegistryReference ref = RegistryReference.parse(registry.host() + "/team/ahead:1");
        try (RegistrySource source = RegistrySource.open(ref, ref.toString(), client, ImageOptions.DEFAULT)) {
            assertThat(client.blobRequests()).isEqualTo(1); // the config: opening the image fetches no layer
            var layers = source.image().layers();
            long[] bytes = new long[1];
            // the walker opens layer 1: its fetch and the next three start, no more (and none before it)
            source.reader(layers.get(1)).read((entry, content) -> bytes[0] += content.transferTo(
                    java.io.OutputStream.nullOutputStream()), new io.plimsoll.image.layer.ExpansionBudget(
                    io.plimsoll.image.ImageLimits.DEFAULT));
            io.plimsoll.image.testing.Await.until("layers 1 to 4 fetched", () -> client.blobRequests() == 5);
            assertThat(client.blobRequests()).isEqualTo(5);
            assertThat(bytes[0]).isEqualTo(1024);
        }
        io.plimsoll.image.testing.Await.until("the fetch left waiting for layer 2 stopped with its image", () ->
                Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("plimsoll-fetch-")));

        RegistryClient whole = new RegistryClient(RegistrySettings.defaults(
                DockerConfig.load(work.resolve("no-such-config.json"))));
        try (RegistrySource source = RegistrySource.open(ref, ref.toString(), whole, ImageOptions.DEFAULT)) {
            WalkResult r = new io.plimsoll.image.walk.LayerWalker(1, io.plimsoll.image.ImageLimits.DEFAULT)
                    .walk(source, java.util.List.of());
            assertThat(r.tree().get("/layer2/data")).hasValueSatisfying(n -> assertThat(n.size()).isEqualTo(6 << 20));
            assertThat(r.tree().get("/layer5/data")).isPresent();
        }
        assertThat(whole.blobRequests()).isEqualTo(7); // config and six layers: none fetched twice
    }

    @Test
    void whenTheCallerTellsWhichLayersItsWalkReplaysTheOthersAreFetchedWithTheConfig() throws Exception {
        TestImage img = TestImage.create();
        for (int i = 0; i < 6; i++) {
            img.layer(TestLayer.create().file("layer" + i + "/data", "layer " + i), Compressor.GZIP, "ADD " + i);
        }
        registry.push("team/early", img, "1");
        RegistryReference ref = RegistryReference.parse(registry.host() + "/team/early:1");
        java.util.List<io.plimsoll.model.Digest> layerDigests;
        try (RegistrySource source = RegistrySource.open(ref, ref.toString(), newClient(), ImageOptions.DEFAULT)) {
            layerDigests = source.image().layers().stream().map(l -> l.digest().orElseThrow()).toList();
        }

        // layers 0 and 2 replayed by the walk's memo: the first four others start with the config, before any read
        java.util.Set<io.plimsoll.model.Digest> known = java.util.Set.of(layerDigests.get(0), layerDigests.get(2));
        RegistryClient client = newClient();
        try (RegistrySource source = RegistrySource.open(ref, ref.toString(), client,
                ImageOptions.DEFAULT.withLayersKnown(known::contains))) {
            io.plimsoll.image.testing.Await.until("the config and layers 1, 3, 4 and 5 fetched",
                    () -> client.blobRequests() == 5);
            WalkResult r = new io.plimsoll.image.walk.LayerWalker(1, io.plimsoll.image.ImageLimits.DEFAULT)
                    .walk(source, java.util.List.of());
            assertThat(r.tree().get("/layer5/data")).isPresent();
        }
        // the walk had no memo, so it read layers 0 and 2 too: each fetched when it asked, none twice
        assertThat(client.blobRequests()).isEqualTo(7);

        // a walk that replays every layer costs the config's fetch and nothing else; the caller is asked once, with
        // the chosen manifest and all its layers (a database-backed memo answers for them in one query)
        RegistryClient warm = newClient();
        java.util.List<Object> asked = new java.util.ArrayList<>();
        try (RegistrySource source = RegistrySource.open(ref, ref.toString(), warm,
                ImageOptions.DEFAULT.withLayersKnown((manifest, layers) -> {
                    asked.add(manifest);
                    asked.add(layers);
                    return d -> true;
                }))) {
            assertThat(source.image().layers()).hasSize(6);
            assertThat(asked).containsExactly(source.image().manifestDigest().orElseThrow(), layerDigests);
            Thread.sleep(200); // time for a wrongly started fetch to reach the registry
        }
        assertThat(warm.blobRequests()).isEqualTo(1);
    }

    private static RegistryClient newClient() throws Exception {
        return new RegistryClient(RegistrySettings.defaults(DockerConfig.load(work.resolve("no-such-config.json"))));
    }

    @Test
    void aBlobAlteredInTheRegistrysStorageFailsItsDigestCheck() throws Exception {
        TestImage img = image(Platform.LINUX_AMD64, "3.19.1");
        registry.push("team/tampered", img, "1.0");
        var blobs = img.manifest().blobs().keySet().stream().skip(1).limit(2).toList();
        // distribution stores blobs by digest and serves them as stored, so the reader is the last line of defence:
        // layer 0's file now holds layer 1's bytes, a well-formed layer that is not the one the manifest names
        Files.copy(blobFile(blobs.get(1)), blobFile(blobs.get(0)), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> Walks.walk("registry:" + registry.host() + "/team/tampered:1.0"))
                .isInstanceOf(ImageException.class)
                .hasMessageContaining("registry:" + registry.host() + "/team/tampered:1.0")
                .hasMessageContaining("digest mismatch");
    }

    private static Path blobFile(Digest d) {
        return work.resolve("open/storage/docker/registry/v2/blobs/sha256/" + d.hex().substring(0, 2) + "/"
                + d.hex() + "/data");
    }

    @Test
    void aGuardedClientConnectsOnlyToCheckedAddressesAndRefusesLoopbackUnlessPrivateIsAllowed() throws Exception {
        TestImage img = image(Platform.LINUX_AMD64, "3.19.2");
        registry.push("team/guarded", img, "1.0");
        RegistryReference ref = RegistryReference.parse("registry:" + registry.host() + "/team/guarded:1.0");
        RegistrySettings none = RegistrySettings.defaults(DockerConfig.load(work.resolve("no-such-config.json")));

        // allowed: the whole pull (manifest, config, both layers) runs over the pinned connection
        RegistryClient allowed = new RegistryClient(none.withAddressGuard(new AddressGuard(true)));
        try (RegistrySource s = RegistrySource.open(ref, ref.toString(), allowed, ImageOptions.DEFAULT)) {
            WalkResult r = new io.plimsoll.image.walk.LayerWalker(2, io.plimsoll.image.ImageLimits.DEFAULT)
                    .walk(s, java.util.List.of());
            assertThat(r.image().manifestDigest()).contains(img.manifest().digest());
            assertThat(r.tree().get("/app/run.sh")).isPresent();
        }

        long before = registry.blobGets();
        RegistryClient guarded = new RegistryClient(none.withAddressGuard(new AddressGuard(false)));
        assertThatThrownBy(() -> RegistrySource.open(ref, ref.toString(), guarded, ImageOptions.DEFAULT))
                .isInstanceOf(ImageException.class)
                .hasMessageContaining("resolves to 127.0.0.1 (loopback")
                .hasMessageNotContaining("\n");
        assertThat(registry.blobGets()).isEqualTo(before);
    }

    @Test
    void aGuardedPullOverTlsVerifiesTheCertificateForTheHostItConnectedToByAddress() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(canBind("127.0.0.2"), "cannot bind 127.0.0.2 here");
        io.plimsoll.image.testing.TestCertificate cert = io.plimsoll.image.testing.TestCertificate.create(
                work.resolve("tls-cert"), "registry");
        try (LocalRegistry tls = LocalRegistry.start(Files.createDirectories(work.resolve("tls")),
                LocalRegistry.Setup.open().withTls("127.0.0.2", cert.certificatePem(), cert.keyPem(),
                        cert.trustingIt()))) {
            TestImage img = image(Platform.LINUX_AMD64, "3.19.3");
            tls.push("team/tls", img, "1");
            RegistryReference ref = RegistryReference.parse("registry:" + tls.host() + "/team/tls:1");
            RegistrySettings none = RegistrySettings.defaults(DockerConfig.load(work.resolve("no-such-config.json")))
                    .withAddressGuard(new AddressGuard(true));

            try (RegistrySource s = RegistrySource.open(ref, ref.toString(),
                    new RegistryClient(none.withTls(cert.trustingIt())), ImageOptions.DEFAULT)) {
                assertThat(s.image().manifestDigest()).contains(img.manifest().digest());
            }
            assertThatThrownBy(() -> RegistrySource.open(ref, ref.toString(), new RegistryClient(none),
                    ImageOptions.DEFAULT)).hasMessageContaining("TLS handshake");
        }
    }

    private static boolean canBind(String address) {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(address))) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void htpasswdBasicAuthWithRightWrongAndNoPassword() throws Exception {
        try (LocalRegistry secured = LocalRegistry.startWithHtpasswd(
                Files.createDirectories(work.resolve("secured")), "ci", "s3cret")) {
            TestImage img = image(Platform.LINUX_AMD64, "3.19.1");
            secured.push("private/app", img, "1.0");
            RegistryReference ref = RegistryReference.parse("registry:" + secured.host() + "/private/app:1.0");
            RegistrySettings none = RegistrySettings.defaults(DockerConfig.load(work.resolve("no-such-config.json")));

            try (RegistrySource s = RegistrySource.open(ref, ref.toString(),
                    new RegistryClient(none.withCredentials(new Credentials("ci", "s3cret"))), ImageOptions.DEFAULT)) {
                assertThat(s.image().manifestDigest()).contains(img.manifest().digest());
            }

            // credentials the way docker login stores them
            Path config = work.resolve("docker-config.json");
            String auth = Base64.getEncoder().encodeToString("ci:s3cret".getBytes(StandardCharsets.UTF_8));
            Files.writeString(config, "{\"auths\":{\"http://" + secured.host() + "\":{\"auth\":\"" + auth + "\"}}}");
            try (RegistrySource s = RegistrySource.open(ref, ref.toString(),
                    new RegistryClient(RegistrySettings.defaults(DockerConfig.load(config))), ImageOptions.DEFAULT)) {
                assertThat(s.image().layers()).hasSize(2);
            }

            assertThatThrownBy(() -> RegistrySource.open(ref, ref.toString(),
                    new RegistryClient(none.withCredentials(new Credentials("ci", "wrong"))), ImageOptions.DEFAULT))
                    .hasMessageContaining(secured.host() + "/private/app:1.0")
                    .hasMessageContaining("authentication failed")
                    .hasMessageContaining("'ci'");
            assertThatThrownBy(() -> RegistrySource.open(ref, ref.toString(), new RegistryClient(none), ImageOptions.DEFAULT))
                    .hasMessageContaining("authentication required");
        }
    }

    @Test
    void tokenAuthWithAnIssuerSigningJwtsTheRegistryTrusts() throws Exception {
        try (TokenIssuer issuer = TokenIssuer.start(work.resolve("issuer"), "ci", "t0ken-pass");
             LocalRegistry secured = LocalRegistry.start(Files.createDirectories(work.resolve("token")),
                     LocalRegistry.Setup.open().withAuth(issuer.registryAuthConfig(),
                             "Bearer " + issuer.mint("private/app", "pull", "push")))) {
            TestImage img = image(Platform.LINUX_AMD64, "3.19.1");
            secured.push("private/app", img, "1.0");
            RegistryReference ref = RegistryReference.parse("registry:" + secured.host() + "/private/app:1.0");
            RegistrySettings none = RegistrySettings.defaults(DockerConfig.load(work.resolve("no-such-config.json")));
            String scope = "repository:private/app:pull";

            RegistryClient client = new RegistryClient(none.withCredentials(new Credentials("ci", "t0ken-pass")));
            try (RegistrySource s = RegistrySource.open(ref, ref.toString(), client, ImageOptions.DEFAULT)) {
                WalkResult r = new io.plimsoll.image.walk.LayerWalker(2, io.plimsoll.image.ImageLimits.DEFAULT)
                        .walk(s, java.util.List.of());
                assertThat(r.image().manifestDigest()).contains(img.manifest().digest());
                assertThat(r.tree().get("/app/run.sh")).isPresent();
            }
            // manifest, config and two layers on one token: the issuer was asked once for the scope
            assertThat(issuer.requests(scope)).isEqualTo(1);

            assertThatThrownBy(() -> RegistrySource.open(ref, ref.toString(),
                    new RegistryClient(none.withCredentials(new Credentials("ci", "wrong"))), ImageOptions.DEFAULT))
                    .isInstanceOf(ImageException.class)
                    .hasMessageContaining(secured.host() + "/private/app:1.0")
                    .hasMessageContaining("token service")
                    .hasMessageContaining("refused the credentials of 'ci'");
            assertThat(issuer.requests(scope)).isEqualTo(2);
        }
    }
}
