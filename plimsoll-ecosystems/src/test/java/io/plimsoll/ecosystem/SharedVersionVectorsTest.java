package io.plimsoll.ecosystem;

import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.ecosystem.testing.VersionVector;
import io.plimsoll.ecosystem.testing.VersionVectors;
import io.plimsoll.model.version.VersionScheme;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every scheme against the vectors its ecosystem's reference implementation answered (corpus/versions/MANIFEST.md):
 * dpkg, rpm, maven-artifact's ComparableVersion, node-semver, pypa packaging and RubyGems. Those tools dropped the
 * versions they refuse, so every version left must also be valid.
 */
class SharedVersionVectorsTest {

    @ParameterizedTest(name = "{0} agrees with {1}")
    @CsvSource({"deb, deb.tsv", "rpm, rpm.tsv", "maven, maven.tsv", "semver, semver.tsv", "pep440, pep440.tsv",
        "gem, gem.tsv"})
    void agreesWithTheReferenceImplementation(String name, String file) {
        VersionScheme scheme = VersionSchemes.byName(name).orElseThrow();
        List<VersionVector> vectors = VersionVectors.read(SharedCorpus.require("corpus/versions/" + file));
        VersionVectors.assertAgreement(scheme, vectors);
        VersionVectors.assertAllValid(scheme, file, VersionVectors.versionsOf(vectors));
    }
}
