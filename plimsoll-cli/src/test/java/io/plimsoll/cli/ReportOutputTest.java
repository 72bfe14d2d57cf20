package io.plimsoll.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportOutputTest {

    @TempDir
    Path tmp;

    @Test
    void outputSpecsAreParsedAndWrittenWholeOverTheOldFile() throws Exception {
        List<String> formats = List.of("table", "json", "sarif");
        ReportOutput o = ReportOutput.parse("SARIF=" + tmp.resolve("a=b.sarif"), formats);
        assertThat(o.format()).isEqualTo("sarif");
        assertThat(o.file()).isEqualTo(tmp.resolve("a=b.sarif"));
        Files.writeString(o.file(), "old");
        o.write("new report");
        if (java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(o.file())))
                    .isEqualTo("rw-r--r--");
        }
        assertThat(Files.readString(o.file())).isEqualTo("new report");
        try (var files = Files.list(tmp)) {
            assertThat(files).containsExactly(o.file());
        }
        assertThatThrownBy(() -> ReportOutput.parse("=x", formats)).hasMessageContaining("FORMAT=FILE");
        assertThatThrownBy(() -> ReportOutput.parse("junit=x", formats)).hasMessageContaining("unknown format 'junit'");
    }
}
