package io.plimsoll.ecosystem;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.ecosystem.testing.CraftedFiles;
import io.plimsoll.image.testing.CraftedLayers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crafted package files that once overflowed the stack or ran a 256 MiB heap out of memory (issue 21), each read by
 * its cataloger in a child JVM with {@code -Xmx256m}: each now ends in a warning naming the file, and the cataloger
 * returns (exit 0), so the scan would go on.
 */
class CatalogBoundedMemoryTest {

    private static final CatalogLimits LIMITS = CatalogLimits.DEFAULT;

    @TempDir
    Path tmp;

    @Test
    void aGemspecWith100000NestedBracketsIsRefusedNotAStackOverflow() throws Exception {
        String gemspec = "/usr/local/bundle/specifications/rake-13.0.6.gemspec";
        CatalogMain.Result r = CatalogMain.fork("gem", gemspec, CraftedFiles.gemspecNested(tmp.resolve("g"), 100_000));
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).isEqualTo("read 0 packages; " + gemspec + ": line 4: s.files: a literal nests more than "
                + LIMITS.maxNestingDepth() + " levels deep");
    }

    @Test
    void anApkLineOf40MiBIsSkipped() throws Exception {
        CatalogMain.Result r = CatalogMain.fork("apk", "/lib/apk/db/installed",
                CraftedFiles.apkLongLine(tmp.resolve("installed"), 40 << 20));
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).isEqualTo("read 1 packages; /lib/apk/db/installed:4: a line of " + ((40 << 20) + 2)
                + " bytes is over the " + LIMITS.maxLineBytes() + "-byte limit: skipped");
    }

    @Test
    void anNpmLockfileWithA60MiBStringIsRefused() throws Exception {
        // read as a stream, the file has no document limit: the string's own limit refuses it
        CatalogMain.Result r = CatalogMain.fork("npm", "/app/package-lock.json",
                CraftedFiles.npmLockLongString(tmp.resolve("lock"), 60 << 20));
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).startsWith("read 0 packages; /app/package-lock.json: not valid JSON: String value length")
                .contains("exceeds the maximum allowed (" + LIMITS.maxStringChars());
    }

    @Test
    void aRealShapedNpmLockfileOver24MiBIsReadInFull() throws Exception {
        Path lock = CraftedFiles.npmLockReal(tmp.resolve("lock"), 90_000);
        assertThat(java.nio.file.Files.size(lock)).isGreaterThan(LIMITS.maxDocumentBytes());
        CatalogMain.Result r = CatalogMain.fork("npm", "/app/package-lock.json", lock);
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).isEqualTo("read 90001 packages"); // the project itself and every package
    }

    @Test
    void eightNestedJarsOf60MiBEachAreStreamedPastTheBufferBudget() throws Exception {
        CatalogMain.Result r = CatalogMain.fork("jar", "/app/app.jar",
                CraftedFiles.nestedPaddedJars(tmp.resolve("app.jar"), 8, 60 << 20));
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).isEqualTo("read 8 packages"); // one per archive: all eight levels were reached
    }

    @Test
    void a500000PackageDpkgStatusKeepsTheFirst100000() throws Exception {
        CatalogMain.Result r = CatalogMain.fork("dpkg", "/var/lib/dpkg/status",
                CraftedFiles.dpkgStatus(tmp.resolve("status"), 500_000));
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).isEqualTo("read " + LIMITS.maxPackagesPerFile() + " packages; /var/lib/dpkg/status:700001:"
                + " more than " + LIMITS.maxPackagesPerFile() + " packages in one file: the rest are not read");
    }

    @Test
    void aComposerLockOf400000PackagesOver24MiBKeepsTheFirst100000() throws Exception {
        // read as a stream: the file's size is no limit, the packages kept are
        Path lock = CraftedFiles.composerLock(tmp.resolve("composer.lock"), 400_000);
        assertThat(java.nio.file.Files.size(lock)).isGreaterThan(LIMITS.maxDocumentBytes());
        CatalogMain.Result r = CatalogMain.fork("composer", "/app/composer.lock", lock);
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).isEqualTo("read " + LIMITS.maxPackagesPerFile() + " packages; /app/composer.lock: more than "
                + LIMITS.maxPackagesPerFile() + " packages in one file: 300000 in packages are not listed");
    }

    @Test
    void aComposerInstalledJsonOver24MiBKeepsTheFirst100000() throws Exception {
        // once read as one tree, refused by the document limit; now a stream, whose cost is the packages kept
        Path installed = CraftedFiles.composerInstalled(tmp.resolve("installed.json"), 300_000);
        assertThat(java.nio.file.Files.size(installed)).isGreaterThan(LIMITS.maxDocumentBytes());
        CatalogMain.Result r = CatalogMain.fork("composer", "/app/vendor/composer/installed.json", installed);
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).isEqualTo("read " + LIMITS.maxPackagesPerFile() + " packages;"
                + " /app/vendor/composer/installed.json: more than " + LIMITS.maxPackagesPerFile()
                + " packages in one file: 200000 in packages are not listed");
    }

    @Test
    void aDepsJsonOver24MiBKeepsTheFirst100000() throws Exception {
        Path deps = CraftedFiles.depsJson(tmp.resolve("app.deps.json"), 150_000);
        assertThat(java.nio.file.Files.size(deps)).isGreaterThan(LIMITS.maxDocumentBytes());
        CatalogMain.Result r = CatalogMain.fork("dotnet", "/app/app.deps.json", deps);
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).isEqualTo("read " + LIMITS.maxPackagesPerFile() + " packages; /app/app.deps.json:"
                + " more than " + LIMITS.maxPackagesPerFile() + " packages in one file: 50000 in libraries are not listed");
    }

    @Test
    void aPipfileLockOver24MiBKeepsTheFirst100000() throws Exception {
        Path lock = CraftedFiles.pipfileLock(tmp.resolve("Pipfile.lock"), 200_000);
        assertThat(java.nio.file.Files.size(lock)).isGreaterThan(LIMITS.maxDocumentBytes());
        CatalogMain.Result r = CatalogMain.fork("python-lock", "/app/Pipfile.lock", lock);
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).isEqualTo("read " + LIMITS.maxPackagesPerFile() + " packages; /app/Pipfile.lock:"
                + " more than " + LIMITS.maxPackagesPerFile() + " packages in one file: 100000 are not listed");
    }

    @Test
    void aRequirementsFileOfAMillionPinsKeepsTheFirst100000() throws Exception {
        // line-based, so no document limit: 1,000,000 pins (19 MB) once ran -Xmx256m out of memory
        CatalogMain.Result r = CatalogMain.fork("python-lock", "/app/requirements.txt",
                CraftedFiles.requirements(tmp.resolve("requirements.txt"), 1_000_000));
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).isEqualTo("read " + LIMITS.maxPackagesPerFile() + " packages; /app/requirements.txt:"
                + (LIMITS.maxPackagesPerFile() + 1) + ": more than " + LIMITS.maxPackagesPerFile()
                + " packages in one file: the rest are not read");
    }

    @Test
    void aGemfileLockOf300000GemsKeepsTheFirst100000() throws Exception {
        CatalogMain.Result r = CatalogMain.fork("gem", "/app/Gemfile.lock",
                CraftedFiles.gemfileLock(tmp.resolve("Gemfile.lock"), 300_000));
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).isEqualTo("read " + LIMITS.maxPackagesPerFile() + " packages; /app/Gemfile.lock:"
                + (LIMITS.maxPackagesPerFile() + 4) + ": more than " + LIMITS.maxPackagesPerFile()
                + " packages in one file: the rest are not read");
    }

    @Test
    void osDatabasesOwningMillionsOfFilesListTheFirstMillion() throws Exception {
        // 4,000,000 short paths (40 MB, a few hundred KB of gzip) once ran -Xmx256m out of memory, a path costing
        // ~60 bytes of heap however short its line
        int lines = 4_000_000;
        byte[] list = ownedLines("/f", lines);
        Path dpkg = CraftedLayers.ociLayout(tmp.resolve("dpkg"), List.of(CraftedLayers.gzipTar(t -> t
                .file("var/lib/dpkg/status", "Package: bash\nStatus: install ok installed\nArchitecture: amd64\n"
                        .concat("Version: 5.2.15-2\n\n").getBytes(StandardCharsets.UTF_8))
                .file("var/lib/dpkg/info/bash.list", list))));
        byte[] installed = concat("P:musl\nV:1.2.4-r2\nA:x86_64\nF:usr\n", ownedLines("R:f", lines), "\n");
        Path apk = CraftedLayers.ociLayout(tmp.resolve("apk"), List.of(CraftedLayers.gzipTar(t -> t
                .file("lib/apk/db/installed", installed))));
        int max = LIMITS.maxOwnedFiles();
        CatalogMain.Result r = CatalogMain.forkImages("oci:" + dpkg, "oci:" + apk);
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output().lines()).containsExactly(
                "read 1 packages; /var/lib/dpkg/status: more than " + max + " files owned by the packages of one "
                        + "database (at bash): the rest are not listed",
                "read 1 packages; /lib/apk/db/installed:" + (max + 5) + ": more than " + max + " files owned by the "
                        + "packages of one database: the rest are not listed");
    }

    private static byte[] ownedLines(String prefix, int lines) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(lines * 12);
        for (int i = 0; i < lines; i++) {
            out.writeBytes((prefix + i + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    private static byte[] concat(String head, byte[] body, String tail) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(body.length + 64);
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        out.writeBytes(tail.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Test
    void theFilesCollectedFromOneImageStayWithinABudgetAndWhatPassesItIsAWarning() throws Exception {
        // a few MB of gzip each, these once ran -Xmx256m out of memory while the walk kept the catalogers' files
        Path big = CraftedLayers.ociLayout(tmp.resolve("big"), List.of(CraftedLayers.gzipTar(t -> t.header(
                sized("var/lib/dpkg/status", 200L << 20)).data(200L << 20, (byte) '\n'))));
        List<byte[]> versions = new ArrayList<>();
        for (int layer = 0; layer < 30; layer++) {
            // each layer a different version: a layer identical to an earlier one is read once
            byte[] status = java.nio.file.Files.readAllBytes(CraftedFiles.dpkgStatus(tmp.resolve("s" + layer),
                    40_000 + layer));
            versions.add(CraftedLayers.gzipTar(t -> t.file("var/lib/dpkg/status", status)));
        }
        Path rewritten = CraftedLayers.ociLayout(tmp.resolve("versions"), versions);
        Path manifests = CraftedLayers.ociLayout(tmp.resolve("json"), List.of(CraftedLayers.gzipTar(t -> {
            for (int i = 0; i < 100; i++) {
                t.file("app/node_modules/p" + i + "/package.json", packageJson("p" + i, (1 << 20) - 100));
            }
        })));

        CatalogMain.Result r = CatalogMain.forkImages("oci:" + big, "oci:" + rewritten, "oci:" + manifests);
        assertThat(r.exit()).as(r.output()).isZero();
        List<String> lines = r.output().lines().toList();
        String why = " \\(the files the catalogers keep from this image would pass \\d+ MiB, a quarter of the heap; "
                + "give Java more with PLIMSOLL_JAVA_OPTS if the image is genuine\\)";
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("read 0 packages; /var/lib/dpkg/status: not read, its packages are not listed"
                + why);
        assertThat(lines.get(1)).matches("read 40029 packages; /var/lib/dpkg/status: the versions earlier layers wrote"
                + " were not kept, so its packages may be credited to a later layer" + why);
        assertThat(lines.get(2)).matches("read [56]\\d packages; /app/node_modules/p[56]\\d/package.json: not read, its "
                + "packages are not listed" + why);
    }

    private static org.apache.commons.compress.archivers.tar.TarArchiveEntry sized(String name, long size) {
        var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(name);
        e.setMode(0100644);
        e.setSize(size);
        return e;
    }

    private static byte[] packageJson(String name, int size) {
        String head = "{\"name\":\"" + name + "\",\"version\":\"1.0.0\",\"description\":\"";
        return (head + "x".repeat(size - head.length() - 2) + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
