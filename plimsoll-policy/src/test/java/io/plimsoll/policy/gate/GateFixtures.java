package io.plimsoll.policy.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.catalog.CatalogEngine;
import io.plimsoll.catalog.DistroProbe;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Package;
import io.plimsoll.catalog.Provenance;
import io.plimsoll.image.Image;
import io.plimsoll.image.ImageConfig;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.ImageReferences;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.source.ImageSources;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.walk.LayerWalker;
import io.plimsoll.model.Distro;
import io.plimsoll.policy.content.ContentFindings;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.store.DataFreshness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds what gates read: a real image walked into an inventory, with packages, findings and content by hand. */
public final class GateFixtures {

    public static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private GateFixtures() {
    }

    /** The image written as an OCI layout, read and walked as a scan does; packages and distro given by hand. */
    public static Inventory inventory(TestImage image, Optional<Distro> distro, List<Package> packages) {
        try {
            Path dir = Files.createTempDirectory("plimsoll-gates");
            image.writeOciLayout(dir.resolve("layout"), "test");
            DistroProbe probe = DistroProbe.given(distro);
            Inventory inv;
            try (ImageSource s = ImageSources.open(ImageReferences.parse("oci:" + dir.resolve("layout")),
                    ImageOptions.DEFAULT)) {
                inv = new CatalogEngine(probe, List.of()).run(s, LayerWalker.defaults());
            }
            return new Inventory(inv.image(), distro, packages, inv.warnings(), inv.walk());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Inventory inventory(TestImage image) {
        return inventory(image, Optional.empty(), List.of());
    }

    /** The same inventory with another image config (TestImage always writes a healthcheck, for instance). */
    public static Inventory withConfig(Inventory inv, ImageConfig config) {
        Image i = inv.image();
        Image changed = new Image(i.name(), i.kind(), i.manifestDigest(), i.configDigest(), i.platform(), i.tags(),
                config, i.layers(), i.warnings());
        return new Inventory(changed, inv.distro(), inv.packages(), inv.warnings(),
                new io.plimsoll.image.walk.WalkResult(changed, inv.walk().tree(), inv.walk().layers()));
    }

    public static ImageContext context(Inventory inv) {
        return context(inv, List.of(), ContentFindings.NONE);
    }

    public static ImageContext context(Inventory inv, List<Finding> findings, ContentFindings content) {
        DataFreshness fresh = new DataFreshness(Optional.of(Path.of("vuln.db")), List.of(), List.of(), List.of(),
                List.of(), Duration.ofDays(7), NOW);
        return new ImageContext(ImageName.parse("example.com/app:1.0"), inv, findings, fresh, content,
                Optional.empty(), NOW);
    }

    public static ImageContext withDockerfile(ImageContext c, ImageContext.Dockerfile d) {
        return new ImageContext(c.reference(), c.inventory(), c.findings(), c.vulnerabilityData(), c.content(),
                Optional.of(d), c.now());
    }

    public static ImageContext withFreshness(ImageContext c, DataFreshness f) {
        return new ImageContext(c.reference(), c.inventory(), c.findings(), f, c.content(), c.dockerfile(), c.now());
    }

    public static Package pkg(String type, String name, String version, List<String> licenses, List<String> files) {
        return new Package(type, name, version, "amd64", name, version, licenses,
                "pkg:" + type + "/" + name + "@" + version, files, "test", "/var/lib/test",
                new Provenance(0, Optional.empty(), Optional.empty()), Map.of());
    }

    public static TriggerParams params(String... nameValue) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put(nameValue[i], nameValue[i + 1]);
        }
        return new TriggerParams(m);
    }

    /** Runs gate/trigger as the evaluator will: the parameters must be valid first. */
    public static List<TriggerHit> run(String gate, String trigger, ImageContext image, TriggerParams params) {
        Trigger t = trigger(gate, trigger);
        assertThat(t.validate(params)).as("problems of %s", params).isEmpty();
        assertThat(params.values().keySet()).as("declared params")
                .allMatch(n -> t.params().stream().anyMatch(p -> p.name().equals(n)));
        return t.evaluate(image, params);
    }

    public static Trigger trigger(String gate, String trigger) {
        return Gates.byName(gate).orElseThrow().trigger(trigger).orElseThrow();
    }

    public static List<String> ids(List<TriggerHit> hits) {
        return hits.stream().map(TriggerHit::triggerId).toList();
    }

    public static List<String> messages(List<TriggerHit> hits) {
        return hits.stream().map(TriggerHit::message).toList();
    }
}
