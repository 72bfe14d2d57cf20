package io.plimsoll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.ecosystem.CatalogLimits;
import io.plimsoll.ecosystem.binary.BinaryLimits;
import io.plimsoll.image.ImageLimits;
import io.plimsoll.image.layer.FileType;
import io.plimsoll.image.layer.LayerEntry;
import io.plimsoll.model.Digest;
import io.plimsoll.model.PackageType;
import io.plimsoll.model.Platform;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/**
 * The records whose equals, hashCode or toString are written out rather than generated (a generated one bootstraps
 * method handles on first use, on a cold run's critical path: docs/performance.md, "Records on the cold path") still
 * behave as the generated ones would: equal exactly when every component is, and toString naming every component in
 * the record's own format (the limits' text is part of the layer cache's key). Adding a component without writing
 * it into these methods fails here.
 */
class WrittenOutRecordMethodsTest {

    private static final String HEX_A = "a".repeat(64);
    private static final String HEX_B = "b".repeat(64);

    @Test
    void equalExactlyWhenEveryComponentIs() throws Exception {
        checkEquality(PackageType.class, List.of("deb"), List.of("rpm"));
        checkEquality(Digest.class, List.of("sha256", HEX_A), Arrays.asList(null, HEX_B));
        assertThat(new Digest("sha256", HEX_A)).isNotEqualTo(new Digest("sha512", "a".repeat(128)));
        checkEquality(Platform.class, List.of("linux", "arm", "v7"), List.of("windows", "arm64", "v6"));
        checkEquality(LayerEntry.class, List.of("/bin/sh", FileType.SYMLINK, 0755, 1L, 2L, 3L, "dash", 4L, false),
                List.of("/bin/bash", FileType.REGULAR, 0644, 5L, 6L, 7L, "bash", 8L, true));
        Class<?> candidate = Class.forName("io.plimsoll.image.source.OciLayoutSource$Candidate");
        checkEquality(candidate, List.of(new Digest("sha256", HEX_A), "application/vnd.oci.image.manifest.v1+json",
                Optional.of(Platform.LINUX_AMD64), List.of("app:1")), List.of(new Digest("sha256", HEX_B),
                "application/vnd.docker.distribution.manifest.v2+json", Optional.empty(), List.of("app:2")));
        Class<?> collectedKey = Class.forName("io.plimsoll.image.walk.CollectedFiles$Key");
        checkEquality(collectedKey, List.of("/var/lib/dpkg/status", 1), List.of("/lib/apk/db/installed", 2));
    }

    @Test
    void limitsNameEveryComponentAsARecordWould() throws Exception {
        checkText(BinaryLimits.class);
        checkText(CatalogLimits.class);
        checkText(ImageLimits.class);
    }

    /** Equal to a copy with a hash to match; unequal to each copy with one component changed to its alternative. */
    private static void checkEquality(Class<?> type, List<Object> values, List<Object> alternatives)
            throws Exception {
        Object one = make(type, values);
        Object same = make(type, new ArrayList<>(values));
        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(null).isNotEqualTo("other");
        RecordComponent[] components = type.getRecordComponents();
        assertThat(alternatives).hasSize(components.length);
        for (int i = 0; i < components.length; i++) {
            if (alternatives.get(i) == null) {
                continue; // cannot change alone (checked by the caller)
            }
            List<Object> changed = new ArrayList<>(values);
            changed.set(i, alternatives.get(i));
            assertThat(make(type, changed)).as("%s with another %s", type.getSimpleName(), components[i].getName())
                    .isNotEqualTo(one);
        }
    }

    /** Each component a different value, so that a component written twice or left out shows. */
    private static void checkText(Class<?> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        List<Object> values = new ArrayList<>();
        StringJoiner expected = new StringJoiner(", ", type.getSimpleName() + "[", "]");
        for (int i = 0; i < components.length; i++) {
            Object value = components[i].getType() == int.class ? (Object) (i + 1) : (Object) (i + 1L);
            values.add(value);
            expected.add(components[i].getName() + "=" + value);
        }
        assertThat(make(type, values)).hasToString(expected.toString());
    }

    private static Object make(Class<?> type, List<Object> values) throws Exception {
        Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        Constructor<?> canonical = type.getDeclaredConstructor(types);
        canonical.setAccessible(true);
        return canonical.newInstance(values.toArray());
    }
}
