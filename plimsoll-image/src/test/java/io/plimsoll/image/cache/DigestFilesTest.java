package io.plimsoll.image.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.plimsoll.model.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestFilesTest {

    private static final Digest DIGEST = new Digest("sha256", "c".repeat(64));

    @TempDir
    Path dir;

    @Test
    void partialFilesAreNewOwnerOnlyAndNeverShared() throws Exception {
        Path target = dir.resolve("sha256").resolve(DIGEST.hex());
        Set<Path> partials = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            Path p = DigestFiles.newPartial(target, DIGEST);
            assertThat(p.getParent()).isEqualTo(target.getParent());
            assertThat(p.getFileName().toString()).startsWith(DIGEST.hex() + ".").endsWith(".partial");
            assertThat(Files.size(p)).isZero();
            partials.add(p);
        }
        assertThat(partials).hasSize(50);
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX permissions here");
        for (Path p : partials) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).isEqualTo("rw-------");
        }
    }

    @Test
    void aCommittedPartialIsTheDigestsFileAndCountsAsIt() throws Exception {
        Path target = dir.resolve("sha256").resolve(DIGEST.hex());
        Path partial = DigestFiles.newPartial(target, DIGEST);
        Files.writeString(partial, "content");
        DigestFiles.commit(partial, target);
        assertThat(target).hasContent("content");
        assertThat(partial).doesNotExist();
        try (var files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }
}
