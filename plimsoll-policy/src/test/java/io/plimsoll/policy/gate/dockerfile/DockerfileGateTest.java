package io.plimsoll.policy.gate.dockerfile;

import static io.plimsoll.policy.gate.GateFixtures.context;
import static io.plimsoll.policy.gate.GateFixtures.inventory;
import static io.plimsoll.policy.gate.GateFixtures.messages;
import static io.plimsoll.policy.gate.GateFixtures.params;
import static io.plimsoll.policy.gate.GateFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.image.ImageConfig;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.policy.gate.GateFixtures;
import io.plimsoll.policy.gate.ImageContext;
import io.plimsoll.policy.gate.TriggerHit;
import io.plimsoll.policy.gate.common.LegacyTriggerId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DockerfileGateTest {

    /** The DoD rule's regex for "apt-get update alone". */
    static final String APT_UPDATE = "(\\s*/bin/sh\\s*-c\\s*)*\\s*apt(-get)*.*up(date|grade)\\s*$";

    static ImageContext image(TestImage image) {
        return context(inventory(image));
    }

    static TestImage base() {
        return TestImage.create().layer(TestLayer.create().file("etc/hostname", "x"), Compressor.GZIP);
    }

    static ImageContext withoutHealthcheck(ImageContext c) {
        Inventory inv = c.inventory();
        ImageConfig k = inv.image().config();
        ImageConfig none = new ImageConfig(k.created(), k.os(), k.architecture(), k.variant(), k.user(), k.env(),
                k.entrypoint(), k.cmd(), k.workingDir(), k.exposedPorts(), k.volumes(), k.labels(), Optional.empty(),
                k.stopSignal(), k.diffIds(), k.history());
        return GateFixtures.context(GateFixtures.withConfig(inv, none));
    }

    static ImageContext dockerfile(ImageContext c, String text) throws Exception {
        return GateFixtures.withDockerfile(c, new ImageContext.Dockerfile(java.nio.file.Path.of("Dockerfile"),
                DockerfileParser.parse("Dockerfile", text.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void addExistsFiresForTheHistorysAddAndNotForCopy() {
        List<TriggerHit> hits = run("dockerfile", "instruction", image(base()),
                params("instruction", "ADD", "check", "exists"));
        assertThat(messages(hits)).containsExactly(
                "Dockerfile directive 'ADD' check 'exists' matched against '' for line 'file:0 in /'");
        TestImage copied = TestImage.create().layer(TestLayer.create().file("a", "a"), Compressor.GZIP,
                "COPY file:abc in / # buildkit");
        assertThat(run("dockerfile", "instruction", image(copied), params("instruction", "ADD", "check", "exists")))
                .isEmpty();
    }

    @Test
    void likeIsAnchoredAtTheStartLikePythonsMatch() {
        TestImage alone = base().emptyStep("RUN /bin/sh -c apt-get update # buildkit");
        TestImage combined = base().emptyStep("/bin/sh -c apt-get update && apt-get install -y curl");
        TriggerHit hit = run("dockerfile", "instruction", image(alone),
                params("instruction", "RUN", "check", "like", "value", APT_UPDATE)).get(0);
        assertThat(hit.message()).endsWith("for line 'apt-get update'");
        assertThat(hit.triggerId()).isEqualTo(LegacyTriggerId.of("dockerfile", "instruction", hit.message()));
        assertThat(run("dockerfile", "instruction", image(combined),
                params("instruction", "RUN", "check", "like", "value", APT_UPDATE))).isEmpty();
        // not_like fires for the RUN that does not match
        assertThat(run("dockerfile", "instruction", image(combined),
                params("instruction", "RUN", "check", "not_like", "value", APT_UPDATE))).hasSize(1);
        // re.match, not re.search: "update" in the middle is no match for "update"
        assertThat(run("dockerfile", "instruction", image(combined),
                params("instruction", "RUN", "check", "like", "value", "update"))).isEmpty();
    }

    @Test
    void healthcheckNotExistsFiresOnlyWithoutOne() {
        ImageContext with = image(base());
        assertThat(run("dockerfile", "instruction", with, params("instruction", "HEALTHCHECK", "check", "not_exists")))
                .isEmpty();
        assertThat(messages(run("dockerfile", "instruction", withoutHealthcheck(with),
                params("instruction", "HEALTHCHECK", "check", "not_exists")))).containsExactly(
                "Dockerfile directive 'HEALTHCHECK' not found, matching condition 'not_exists' check");
    }

    @Test
    void equalityAndListChecks() throws Exception {
        ImageContext c = dockerfile(image(base()), "FROM debian:12\nFROM scratch\nUSER app\n");
        assertThat(run("dockerfile", "instruction", c, params("instruction", "FROM", "check", "=", "value",
                "scratch"))).hasSize(1);
        assertThat(run("dockerfile", "instruction", c, params("instruction", "FROM", "check", "!=", "value",
                "scratch"))).extracting(TriggerHit::message).singleElement().asString().contains("debian:12");
        assertThat(run("dockerfile", "instruction", c, params("instruction", "FROM", "check", "in", "value",
                "alpine, scratch"))).hasSize(1);
        assertThat(run("dockerfile", "instruction", c, params("instruction", "FROM", "check", "not_in", "value",
                "debian:12,scratch"))).isEmpty();
        assertThat(run("dockerfile", "instruction", c, params("instruction", "RUN", "check", "not_exists")))
                .hasSize(1);
    }

    @Test
    void instructionValidation() {
        var t = GateFixtures.trigger("dockerfile", "instruction");
        assertThat(t.validate(params("instruction", "RUN", "check", "like"))).containsExactly(
                "value: required when check is 'like'");
        assertThat(t.validate(params("instruction", "RUN", "check", "like", "value", "(unclosed")))
                .singleElement().asString().startsWith("value: not a valid regular expression");
        assertThat(t.validate(params("instruction", "RUN", "check", "exists"))).isEmpty();
    }

    @Test
    void rootIsTheEffectiveUserWhenNoneIsSet() {
        List<TriggerHit> hits = run("dockerfile", "effective_user", image(base()),
                params("users", "0,root,docker", "type", "blacklist"));
        assertThat(messages(hits)).containsExactly("User root found as effective user, which is explicity not allowed");
        assertThat(run("dockerfile", "effective_user", image(base().user("app")),
                params("users", "0,root,docker", "type", "blacklist"))).isEmpty();
        assertThat(run("dockerfile", "effective_user", image(base().user("0:0")),
                params("users", "0,root,docker", "type", "blacklist"))).hasSize(1);
    }

    @Test
    void effectiveUserWhitelist() throws Exception {
        assertThat(messages(run("dockerfile", "effective_user", image(base().user("nobody")),
                params("users", "1000", "type", "whitelist")))).containsExactly(
                "User nobody found as effective user, which is not on the allowed list");
        assertThat(run("dockerfile", "effective_user", image(base().user("1000")),
                params("users", "1000", "type", "whitelist"))).isEmpty();
        // A given Dockerfile: its final stage's last USER, not an earlier stage's.
        ImageContext c = dockerfile(image(base().user("1000")), "FROM a\nUSER root\nFROM b\nUSER 1000\n");
        assertThat(run("dockerfile", "effective_user", c, params("users", "1000", "type", "whitelist"))).isEmpty();
    }

    @Test
    void exposedPortsBlacklistAndWhitelist() {
        ImageContext ssh = image(base().exposedPort("22/tcp").exposedPort("8080/tcp"));
        assertThat(messages(run("dockerfile", "exposed_ports", ssh, params("ports", "22,23,80,443", "type",
                "blacklist")))).containsExactly("Dockerfile exposes port (22/tcp) which is in policy file DENIEDPORTS list");
        assertThat(run("dockerfile", "exposed_ports", image(base().exposedPort("2222/tcp")),
                params("ports", "22,23,80,443", "type", "blacklist"))).isEmpty();
        assertThat(messages(run("dockerfile", "exposed_ports", ssh, params("ports", "8080", "type", "whitelist"))))
                .containsExactly("Dockerfile exposes port (22/tcp) which is not in policy file ALLOWEDPORTS list");
        assertThat(run("dockerfile", "exposed_ports", ssh, params("ports", "8080,22", "type", "whitelist"))).isEmpty();
        assertThat(run("dockerfile", "exposed_ports", ssh, params("ports", "0", "type", "blacklist"))).hasSize(1);
        assertThat(GateFixtures.trigger("dockerfile", "exposed_ports").validate(params("ports", "22,ssh", "type",
                "blacklist"))).containsExactly("ports: 'ssh' is not a whole number");
    }

    @Test
    void exposedPortsFromTheHistoryOfAnImageWithoutConfigPorts() throws Exception {
        ImageContext c = dockerfile(image(base()), "FROM a\nEXPOSE 22 53/udp $PORT\n");
        assertThat(messages(run("dockerfile", "exposed_ports", c, params("ports", "22,53", "type", "blacklist"))))
                .containsExactly("Dockerfile exposes port (22/tcp) which is in policy file DENIEDPORTS list",
                        "Dockerfile exposes port (53/udp) which is in policy file DENIEDPORTS list");
    }

    @Test
    void actualDockerfileOnlySkipsInferredOnes() throws Exception {
        ImageContext inferred = image(base());
        assertThat(run("dockerfile", "instruction", inferred, params("instruction", "ADD", "check", "exists",
                "actual_dockerfile_only", "true"))).isEmpty();
        ImageContext actual = dockerfile(inferred, "FROM a\nADD x /x\n");
        assertThat(run("dockerfile", "instruction", actual, params("instruction", "ADD", "check", "exists",
                "actual_dockerfile_only", "true"))).hasSize(1);
    }

    @Test
    void noDockerfileProvided() throws Exception {
        ImageContext c = image(base());
        assertThat(messages(run("dockerfile", "no_dockerfile_provided", c, params())))
                .containsExactly("Image was not analyzed with an actual Dockerfile");
        assertThat(run("dockerfile", "no_dockerfile_provided", dockerfile(c, "FROM a\n"), params())).isEmpty();
    }
}
