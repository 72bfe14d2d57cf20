package io.plimsoll.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.policy.eval.BundleValidator;
import io.plimsoll.policy.eval.ValidatedBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every real Anchore policy and every built-in pack validates strictly against the gates Plimsoll implements. */
class RealGatesValidationTest {

    @Test
    void everySharedAnchorePolicyValidatesStrictlyAgainstTheRealGates() throws Exception {
        Path dir = SharedCorpus.require("policies/anchore/policies");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSize(26);
        int rules = 0;
        for (Path f : files) {
            ValidatedBundle v = new BundleValidator().validate(BundleReader.strict().read(f), false);
            assertThat(v.skipped()).as(f.toString()).isEmpty();
            rules += v.bundle().policies().stream().mapToInt(p -> p.rules().size()).sum();
        }
        assertThat(rules).isGreaterThanOrEqualTo(50);
    }

    @Test
    void everyBuiltInPackValidatesStrictly() throws Exception {
        for (String name : PolicyPacks.NAMES) {
            BundleReader.Source source = PolicyPacks.source(name).orElseThrow();
            ValidatedBundle v = new BundleValidator().validate(BundleReader.strict().readSources(List.of(source)), false);
            assertThat(v.skipped()).as(name).isEmpty();
            assertThat(v.bundle().mappings()).as(name).isNotEmpty();
            assertThat(v.bundle().policies().get(0).rules()).as(name).hasSizeGreaterThan(5);
        }
        assertThat(PolicyPacks.source("nope")).isEmpty();
    }
}
