package io.plimsoll.ecosystem.alpine;

import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.ecosystem.testing.VersionVectors;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ApkVersionSchemeTest {

    private final ApkVersionScheme scheme = new ApkVersionScheme();

    @Test
    void agreesWithTheHandWrittenTable() {
        VersionVectors.assertAgreement(scheme, VersionVectors.resource(getClass(), "apk-versions.tsv"));
    }

    @Test
    void validatesLikeApk() throws IOException {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        try (BufferedReader reader = resource("apk-valid.tsv")) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (fields.length != 2 || !(fields[1].equals("true") || fields[1].equals("false"))) {
                    throw new IllegalArgumentException("apk-valid.tsv:" + number + ": expected version<TAB>true|false");
                }
                checked++;
                if (scheme.isValid(fields[0]) != Boolean.parseBoolean(fields[1])) {
                    wrong.add("apk-valid.tsv:" + number + ": isValid(\"" + fields[0] + "\") should be " + fields[1]);
                }
            }
        }
        assertThat(checked).isGreaterThan(0);
        assertThat(wrong).as("%d of %d validity cases wrong", wrong.size(), checked).isEmpty();
        assertThat(scheme.isValid("")).isFalse();
    }

    /** Real installed databases (syft's fixtures): every package version in them is one apk accepted. */
    @Test
    void acceptsEveryVersionInRealInstalledDatabases() throws IOException {
        Path fixtures = SharedCorpus.require("corpus/syft/syft/pkg/cataloger/alpine/testdata");
        List<String> versions = new ArrayList<>();
        try (Stream<Path> files = Files.walk(fixtures)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.startsWith("V:")) {
                        versions.add(line.substring(2));
                    }
                }
            }
        }

        VersionVectors.assertAllValid(scheme, fixtures.toString(), versions);
    }

    @Test
    void comparisonIsAConsistentTotalOrderOnValidVersions() {
        List<String> sorted = List.of("1.0_alpha", "1.0_alpha1", "1.0_beta", "1.0_pre1", "1.0_rc1", "1.0_rc1-r1",
                "1.0", "1.0-r0", "1.0-r1", "1.0-r2", "1.0-r10", "1.0_cvs", "1.0_svn", "1.0_git1", "1.0_hg",
                "1.0_p1", "1.0_p2", "1.0a", "1.0b", "1.0.1_rc1", "1.0.1", "1.1", "1.10", "2");
        for (int i = 0; i < sorted.size(); i++) {
            for (int j = 0; j < sorted.size(); j++) {
                assertThat(Integer.signum(scheme.compare(sorted.get(i), sorted.get(j))))
                        .as("compare(%s, %s)", sorted.get(i), sorted.get(j))
                        .isEqualTo(Integer.compare(i, j));
            }
        }
    }

    private BufferedReader resource(String name) {
        InputStream in = getClass().getResourceAsStream(name);
        if (in == null) {
            throw new UncheckedIOException(new IOException("no test resource " + name));
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
