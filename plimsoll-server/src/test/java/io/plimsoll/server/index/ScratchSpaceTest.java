package io.plimsoll.server.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchSpaceTest {

    @TempDir
    Path dir;

    @Test
    void startUpRemovesWhatGoneProcessesLeftAndKeepsWhatLiveOnesUse() throws Exception {
        ScratchSpace scratch = new ScratchSpace(dir.resolve("scratch"));
        Path mine = scratch.newDirectory("upload");
        Files.write(mine.resolve("blob"), new byte[10]);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path left = Files.createDirectory(dir.resolve("scratch").resolve("index-" + gone.pid() + "-123"));
        Files.write(left.resolve("sha256-abc"), new byte[1 << 16]);
        Path stray = Files.createDirectory(dir.resolve("scratch").resolve("plimsoll-upload-9"));

        assertThat(scratch.removeLeftovers()).isEqualTo(2);

        assertThat(left).doesNotExist();
        assertThat(stray).doesNotExist();
        assertThat(mine.resolve("blob")).exists();
        assertThat(Files.getPosixFilePermissions(dir.resolve("scratch")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }
}
