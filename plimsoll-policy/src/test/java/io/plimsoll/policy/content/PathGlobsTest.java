package io.plimsoll.policy.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.catalog.PathGlobs;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathGlobsTest {

    private static final List<String> PATHS = List.of("/usr/share/doc/x/README",
            "/usr/lib/python3/dist-packages/a/tests/k.pem",
            "/usr/lib/python3/dist-packages/a/testsuite.py", "/usr/share/perl5/A/t/x.t", "/usr/share/perl5/A/tt/x",
            "/usr/local/lib/python3.12/test/certdata/keycert.pem", "/app/.venv/lib/python3.11/site-packages/r/tests/k",
            "/app/lib/python_utils/tests/x", "/usr/lib/python3/dist-packages/crcmod-1.7.egg-info",
            "/usr/lib/python3/dist-packages/x.dist-info/RECORD", "/var/lib/gems/3.1.0/doc/webrick/ri/a.ri",
            "/app/node_modules/a/README.md", "/app/node_modules/a/lib/index.js", "/opt/app/test/.env",
            "/usr/src/app/test/key.pem", "/proc/self/environ", "/procfs/x", "/a/b[c]/d", "/usr/lib/x/{t}/y");

    @Test
    void matchesExactlyWhatTheJdksGlobsMatch() {
        List<String> globs = new java.util.ArrayList<>(ContentScanConfig.DEFAULT_ALLOW_PATHS);
        globs.addAll(List.of("/a/b\\[c]/**", "/usr/lib/x/\\{t}/**", "/opt/{,app/}test/**", "**/*.{md,pem}"));
        for (String glob : globs) {
            PathGlobs ours = new PathGlobs(List.of(glob));
            var jdk = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            for (String path : PATHS) {
                assertThat(ours.test(path)).as(glob + " on " + path).isEqualTo(jdk.matches(Path.of(path)));
            }
        }
    }

    @Test
    void literalsAndWordGroupsAreRequiredBeforeTheRegexRuns() {
        var g = PathGlobs.compile("/usr/{lib*,share}/**/{test,t}/**");
        assertThat(g.literals()).containsExactly("/usr/", "/", "/", "/");
        assertThat(g.anyOf()).containsExactly(List.of("/test/", "/t/"));
        assertThat(g.mayMatch("/usr/lib/python3/dist-packages/a/b.py")).isFalse();
        assertThat(g.mayMatch("/usr/lib/python3/dist-packages/a/test/b.py")).isTrue();
    }
}
