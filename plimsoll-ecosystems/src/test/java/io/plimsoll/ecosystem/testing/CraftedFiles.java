package io.plimsoll.ecosystem.testing;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Hostile package files written straight to disk, so the test JVM never holds them: huge package counts, one
 * endless line or string, deep nesting, archives nested inside archives.
 */
public final class CraftedFiles {

    private CraftedFiles() {
    }

    public static Path dpkgStatus(Path file, int packages) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (int i = 0; i < packages; i++) {
                w.write("Package: pkg" + i + "\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.0-" + i
                        + "\nMaintainer: Someone <someone@example.com>\nDescription: package " + i + "\n\n");
            }
        }
        return file;
    }

    /** {@code lines} pins, one a line: {@code p0==1.0.0}, … */
    public static Path requirements(Path file, int lines) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (int i = 0; i < lines; i++) {
                w.write("p" + i + "==1.0." + i + "\n");
            }
        }
        return file;
    }

    /** A Gemfile.lock whose GEM specs list {@code gems} gems. */
    public static Path gemfileLock(Path file, int gems) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("GEM\n  remote: https://rubygems.org/\n  specs:\n");
            for (int i = 0; i < gems; i++) {
                w.write("    g" + i + " (1.0." + i + ")\n");
            }
            w.write("\nPLATFORMS\n  ruby\n");
        }
        return file;
    }

    public static Path apkInstalled(Path file, int packages) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (int i = 0; i < packages; i++) {
                w.write("P:pkg" + i + "\nV:1.0-r" + i + "\nA:x86_64\no:pkg" + i + "\nL:MIT\nF:usr/lib\nR:libpkg" + i
                        + ".so\n\n");
            }
        }
        return file;
    }

    /** An apk database whose one package has a {@code bytes}-long line. */
    public static Path apkLongLine(Path file, int bytes) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("P:musl\nV:1.2.4-r2\nA:x86_64\nL:".getBytes(StandardCharsets.US_ASCII));
            writeRepeated(out, (byte) 'a', bytes);
            out.write("\n\n".getBytes(StandardCharsets.US_ASCII));
        }
        return file;
    }

    /** A package-lock.json v3 listing {@code packages} packages. */
    public static Path npmLock(Path file, int packages) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("{\"name\":\"app\",\"version\":\"1.0.0\",\"lockfileVersion\":3,\"packages\":{\"\":{\"name\":\"app\"}");
            for (int i = 0; i < packages; i++) {
                w.write(",\"node_modules/pkg" + i + "\":{\"version\":\"1.0." + i + "\",\"resolved\":\"https://registry"
                        + ".npmjs.org/pkg" + i + "/-/pkg" + i + "-1.0." + i + ".tgz\",\"license\":\"MIT\"}");
            }
            w.write("}}\n");
        }
        return file;
    }

    /**
     * A package-lock.json v3 shaped like a large monorepo's: each package with its integrity hash and a few
     * dependencies, about 330 bytes per package (60,000 packages: 20 MB; 100,000: 33 MB).
     */
    public static Path npmLockReal(Path file, int packages) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("{\n  \"name\": \"app\",\n  \"version\": \"1.0.0\",\n  \"lockfileVersion\": 3,\n  \"requires\": true,\n"
                    + "  \"packages\": {\n    \"\": {\"name\": \"app\", \"version\": \"1.0.0\"}");
            String hash = "A".repeat(86);
            for (int i = 0; i < packages; i++) {
                w.write(",\n    \"node_modules/pkg" + i + "\": {\n      \"version\": \"1.0." + i + "\",\n      \"resolved\": "
                        + "\"https://registry.npmjs.org/pkg" + i + "/-/pkg" + i + "-1.0." + i + ".tgz\",\n      \"integrity\": "
                        + "\"sha512-" + hash + "==\",\n      \"dev\": " + (i % 3 == 0) + ",\n      \"dependencies\": {\"pkg"
                        + (i + 1) + "\": \"^1.0.0\", \"pkg" + (i + 2) + "\": \"^1.0.0\"},\n      \"license\": \"MIT\"\n    }");
            }
            w.write("\n  }\n}\n");
        }
        return file;
    }

    /** A package-lock.json v3 whose one package has a license string of {@code chars} characters. */
    public static Path npmLockLongString(Path file, int chars) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(("{\"name\":\"app\",\"lockfileVersion\":3,\"packages\":{\"node_modules/a\":{\"version\":\"1.0.0\","
                    + "\"license\":\"").getBytes(StandardCharsets.US_ASCII));
            writeRepeated(out, (byte) 'x', chars);
            out.write("\"}}}\n".getBytes(StandardCharsets.US_ASCII));
        }
        return file;
    }

    public static Path composerLock(Path file, int packages) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("{\"packages\":[");
            for (int i = 0; i < packages; i++) {
                w.write((i == 0 ? "" : ",") + "{\"name\":\"vendor/pkg" + i + "\",\"version\":\"1.0." + i
                        + "\",\"type\":\"library\",\"license\":[\"MIT\"]}");
            }
            w.write("],\"packages-dev\":[]}\n");
        }
        return file;
    }

    /** A gemspec whose files array nests {@code depth} brackets deep. */
    public static Path gemspecNested(Path file, int depth) throws IOException {
        StringBuilder b = new StringBuilder("Gem::Specification.new do |s|\n  s.name = \"rake\".freeze\n"
                + "  s.version = \"13.0.6\"\n  s.files = ");
        b.append("[".repeat(depth)).append("\"a\"").append("]".repeat(depth)).append("\nend\n");
        Files.writeString(file, b);
        return file;
    }

    /**
     * {@code levels} jars, each inside the next, each holding {@code padBytes} of stored zeros (so every level is
     * that big once inflated) and the innermost a pom.properties.
     */
    public static Path nestedPaddedJars(Path file, int levels, int padBytes) throws IOException {
        byte[] jar = zip(null, padBytes, "META-INF/maven/g/inner/pom.properties",
                "groupId=g\nartifactId=inner\nversion=1.0\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 1; i < levels; i++) {
            jar = zip(jar, padBytes, null, null);
        }
        Files.write(file, jar);
        return file;
    }

    private static byte[] zip(byte[] inner, int padBytes, String name, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            byte[] pad = new byte[padBytes];
            CRC32 crc = new CRC32();
            crc.update(pad);
            ZipEntry e = new ZipEntry("pad.bin");
            e.setMethod(ZipEntry.STORED);
            e.setSize(padBytes);
            e.setCrc(crc.getValue());
            z.putNextEntry(e);
            z.write(pad);
            z.closeEntry();
            if (inner != null) {
                z.putNextEntry(new ZipEntry("lib/inner.jar"));
                z.write(inner);
                z.closeEntry();
            }
            if (name != null) {
                z.putNextEntry(new ZipEntry(name));
                z.write(content);
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static void writeRepeated(OutputStream out, byte b, long count) throws IOException {
        byte[] chunk = new byte[1 << 16];
        java.util.Arrays.fill(chunk, b);
        for (long left = count; left > 0; left -= chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
    }

    /** Composer 2's {@code vendor/composer/installed.json} listing {@code packages}, the first half for development. */
    public static Path composerInstalled(Path file, int packages) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("{\"packages\":[");
            for (int i = 0; i < packages; i++) {
                w.write((i == 0 ? "" : ",") + "{\"name\":\"vendor/pkg" + i + "\",\"version\":\"1.0." + i
                        + "\",\"type\":\"library\",\"install-path\":\"../vendor/pkg" + i + "\"}");
            }
            w.write("],\"dev\":true,\"dev-package-names\":[");
            for (int i = 0; i < packages / 2; i++) {
                w.write((i == 0 ? "" : ",") + "\"vendor/pkg" + i + "\"");
            }
            w.write("]}\n");
        }
        return file;
    }

    /** An application's {@code .deps.json}: {@code targets} naming every package's assembly, then the libraries. */
    public static Path depsJson(Path file, int packages) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("{\"runtimeTarget\":{\"name\":\".NETCoreApp,Version=v8.0\"},\"targets\":{\".NETCoreApp,Version=v8.0\":{");
            for (int i = 0; i < packages; i++) {
                w.write((i == 0 ? "" : ",") + "\"Pkg" + i + "/1.0." + i + "\":{\"runtime\":{\"lib/net8.0/Pkg" + i
                        + ".dll\":{\"assemblyVersion\":\"1.0.0.0\"}}}");
            }
            w.write("}},\"libraries\":{");
            for (int i = 0; i < packages; i++) {
                w.write((i == 0 ? "" : ",") + "\"Pkg" + i + "/1.0." + i + "\":{\"type\":\"package\",\"serviceable\":true,"
                        + "\"sha512\":\"sha512-" + "A".repeat(86) + "==\",\"path\":\"pkg" + i + "/1.0." + i + "\"}");
            }
            w.write("}}\n");
        }
        return file;
    }

    /** Pipenv's {@code Pipfile.lock} with {@code packages} pinned entries in {@code default}, each with a hash. */
    public static Path pipfileLock(Path file, int packages) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("{\"_meta\":{\"sources\":[{\"name\":\"pypi\",\"url\":\"https://pypi.org/simple\"}]},"
                    + "\"default\":{");
            for (int i = 0; i < packages; i++) {
                w.write((i == 0 ? "" : ",") + "\"pkg" + i + "\":{\"hashes\":[\"sha256:" + "0".repeat(64)
                        + "\"],\"index\":\"pypi\",\"version\":\"==1.0." + i + "\"}");
            }
            w.write("},\"develop\":{}}\n");
        }
        return file;
    }
}
