package io.plimsoll.ecosystem.testing;

import io.plimsoll.model.version.VersionScheme;

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

import static org.assertj.core.api.Assertions.assertThat;

/** Reads {@code a<TAB>b<TAB>sign} vector files and checks a scheme against every line at once. */
public final class VersionVectors {

    private VersionVectors() {
    }

    public static List<VersionVector> read(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file.getFileName().toString(), reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A vector file on the test class path, next to {@code anchor}. */
    public static List<VersionVector> resource(Class<?> anchor, String name) {
        InputStream in = anchor.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("no test resource " + name + " beside " + anchor.getName());
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return read(name, reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Lines are {@code a<TAB>b<TAB>expected}; {@code #} starts a comment line, and in hand-written files a
     * trailing comment after the expected sign ({@code <TAB># why}). A malformed line is an error, not a skip.
     */
    static List<VersionVector> read(String name, BufferedReader reader) throws IOException {
        List<VersionVector> vectors = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            String where = name + ":" + number;
            if (fields.length < 3 || (fields.length > 3 && !fields[3].startsWith("#"))) {
                throw new IllegalArgumentException(where + ": expected a<TAB>b<TAB>sign, got: " + line);
            }
            int expected;
            try {
                expected = Integer.parseInt(fields[2].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": expected sign is not a number: " + line, e);
            }
            vectors.add(new VersionVector(where, fields[0], fields[1], expected));
        }
        return vectors;
    }

    /**
     * Checks {@code sign(compare(a, b)) == expected} and, for antisymmetry, {@code sign(compare(b, a)) == -expected}
     * on every vector, and fails once listing every disagreement.
     */
    public static void assertAgreement(VersionScheme scheme, List<VersionVector> vectors) {
        assertThat(vectors).as("vectors for %s", scheme.name()).isNotEmpty();
        List<String> disagreements = new ArrayList<>();
        for (VersionVector v : vectors) {
            int forward = Integer.signum(scheme.compare(v.a(), v.b()));
            int backward = Integer.signum(scheme.compare(v.b(), v.a()));
            List<String> wrong = new ArrayList<>(2);
            if (forward != v.expected()) {
                wrong.add(String.format("compare(%s, %s) = %d, expected %d", v.a(), v.b(), forward, v.expected()));
            }
            if (backward != -v.expected()) {
                wrong.add(String.format("compare(%s, %s) = %d, expected %d (antisymmetry)",
                        v.b(), v.a(), backward, -v.expected()));
            }
            if (!wrong.isEmpty()) {
                disagreements.add(v.where() + ": " + String.join("; ", wrong));
            }
        }
        assertThat(disagreements).as(() -> summary(scheme, vectors.size(), disagreements)).isEmpty();
    }

    private static String summary(VersionScheme scheme, int checked, List<String> disagreements) {
        StringBuilder sb = new StringBuilder()
                .append(scheme.name()).append(": ").append(disagreements.size())
                .append(" of ").append(checked).append(" vectors disagree");
        disagreements.forEach(d -> sb.append("\n  ").append(d));
        return sb.toString();
    }

    /** Fails once listing every string the scheme rejects. */
    public static void assertAllValid(VersionScheme scheme, String source, List<String> versions) {
        assertThat(versions).as("versions from %s", source).isNotEmpty();
        List<String> rejected = versions.stream().filter(v -> !scheme.isValid(v)).distinct().toList();
        assertThat(rejected)
                .as("%s rejects %d of %d versions from %s", scheme.name(), rejected.size(), versions.size(), source)
                .isEmpty();
    }

    /** Both sides of every vector. */
    public static List<String> versionsOf(List<VersionVector> vectors) {
        List<String> versions = new ArrayList<>(vectors.size() * 2);
        for (VersionVector v : vectors) {
            versions.add(v.a());
            versions.add(v.b());
        }
        return versions;
    }
}
