package io.plimsoll.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release archive as a user gets it: unpacked with tar, run through bin/plimsoll with only a Java runtime. */
class ReleaseArchiveTest {

    @TempDir
    static Path tmp;

    static Path home;

    static final String VERSION = System.getProperty("plimsoll.version");

    @BeforeAll
    static void unpack() throws Exception {
        Path archive = Path.of(System.getProperty("plimsoll.release.archive"));
        assertThat(archive).isRegularFile();
        Commands.Run untar = run(Map.of(), "tar", "-xzf", archive.toString(), "-C", tmp.toString());
        assertThat(untar.code()).as(untar.err()).isZero();
        home = tmp.resolve("plimsoll-" + VERSION);
    }

    @Test
    void holdsTheLauncherTheJarManPagesAndCompletions() {
        assertThat(home.resolve("bin/plimsoll")).isExecutable();
        assertThat(home.resolve("lib/plimsoll.jar")).isRegularFile();
        assertThat(home.resolve("man/plimsoll.adoc")).content().contains(":doctype: manpage", "plimsoll - ");
        assertThat(home.resolve("man/plimsoll-scan.adoc")).content().contains("--fail-on");
        assertThat(home.resolve("man/plimsoll-version-compare.adoc")).content()
                .doesNotContain("${sys:").contains("deb");
        assertThat(home.resolve("completion/plimsoll.bash")).content().contains("complete -F _complete_plimsoll");
        assertThat(home.resolve("completion/_plimsoll")).content().contains("bashcompinit");
        assertThat(home.resolve("completion/plimsoll.fish")).content().contains("-a 'scan'");
        assertThat(home.resolve("LICENSE")).isRegularFile();
    }

    @Test
    void runsWithOnlyAJavaRuntimeFromAnyDirectoryAndThroughASymlink() throws Exception {
        String java = Path.of(System.getProperty("java.home")).toString();
        // JAVA_HOME chosen, and PATH without Maven or a JDK's tools: what an installed machine has
        Map<String, String> env = Map.of("JAVA_HOME", java, "PATH", "/usr/bin:/bin");
        Commands.Run direct = run(env, home.resolve("bin/plimsoll").toString(), "--version");
        assertThat(direct.code()).as(direct.err()).isZero();
        assertThat(direct.out()).startsWith("plimsoll " + VERSION + "\n");

        Path link = tmp.resolve("usr-local-bin/plimsoll");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, home.resolve("bin/plimsoll"));
        Commands.Run linked = run(env, link.toString(), "version", "compare", "deb", "1:1.0", "2.0");
        assertThat(linked.code()).as(linked.err()).isZero();
        assertThat(linked.out().strip()).isEqualTo("1");
    }

    @Test
    void saysWhatIsMissingWithoutAJavaRuntime() throws Exception {
        Commands.Run r = run(Map.of("JAVA_HOME", tmp.resolve("no-such-jdk").toString(), "PATH", "/usr/bin:/bin"),
                home.resolve("bin/plimsoll").toString(), "--version");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("needs a Java 17 or later runtime");
    }

    static Commands.Run run(Map<String, String> env, String... cmd) throws Exception {
        return Commands.run(tmp, env, cmd);
    }
}
