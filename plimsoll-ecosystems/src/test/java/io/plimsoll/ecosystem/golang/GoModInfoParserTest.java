package io.plimsoll.ecosystem.golang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoModInfoParserTest {

    private final List<String> warnings = new ArrayList<>();

    private GoBuildInfo parse(String text) {
        return GoModInfoParser.parse("go1.21.5", text, warnings::add);
    }

    @Test
    void readsPathMainModuleDependenciesReplacementsAndSettings() {
        GoBuildInfo info = parse("""
                path\texample.com/app/cmd/app
                mod\texample.com/app\tv1.4.0\th1:main=
                dep\tgithub.com/a/b\tv1.0.0\th1:ab=
                dep\tgithub.com/c/d\tv0.1.0
                =>\tgithub.com/fork/d\tv0.1.1\th1:fork=
                dep\tgithub.com/e/f\tv2.0.0+incompatible\th1:ef=
                dep\texample.com/local\tv0.0.0
                =>\t../local\t\t
                build\t-buildmode=exe
                build\t-ldflags="-s -w -X main.version=1.4.0"
                build\tGOARCH=arm64
                build\tvcs.revision=0123abc
                """);
        assertThat(warnings).isEmpty();
        assertThat(info.path()).isEqualTo("example.com/app/cmd/app");
        assertThat(info.main()).isEqualTo(new GoModule("example.com/app", "v1.4.0", "h1:main=", null));
        assertThat(info.deps()).hasSize(4);
        assertThat(info.deps().get(1).replace()).isEqualTo(new GoModule("github.com/fork/d", "v0.1.1", "h1:fork=", null));
        assertThat(info.deps().get(1).sum()).isEmpty();
        assertThat(info.deps().get(3).replace().isLocalPath()).isTrue();
        assertThat(info.settings()).containsEntry("-ldflags", "-s -w -X main.version=1.4.0")
                .containsEntry("GOARCH", "arm64").containsEntry("vcs.revision", "0123abc");
        assertThat(info.settings().keySet()).startsWith("-buildmode", "-ldflags");
    }

    @Test
    void quotedKeysAndEscapes() {
        GoBuildInfo info = parse("build\t\"we=ird\"=\"tab\\there \\u00e9 \\x41\"\nbuild\t-tags=`raw \"x\"`\n");
        assertThat(warnings).isEmpty();
        assertThat(info.settings()).containsEntry("we=ird", "tab\there é A").containsEntry("-tags", "raw \"x\"");
    }

    @Test
    void toolchainExperimentsAreSplitOff() {
        GoBuildInfo info = GoModInfoParser.parse("go1.23.1 X:nocoverageredesign,boringcrypto", "", warnings::add);
        assertThat(info.toolchain()).isEqualTo("go1.23.1");
        assertThat(info.experiments()).containsExactly("nocoverageredesign", "boringcrypto");
        assertThat(info.main()).isNull();
    }

    @Test
    void badLinesAreSkippedWithCappedWarnings() {
        StringBuilder text = new StringBuilder("=>\tgithub.com/orphan\tv1\th1:x=\ndep\t\tv1\nbuild\tnoequals\n"
                + "build\t\"unterminated=1\nbuild\tk=\"bad \\q escape\"\ndep\tgithub.com/ok\tv1.0.0\n");
        for (int i = 0; i < 20; i++) {
            text.append("\u0000garbage ").append(i).append('\n');
        }
        GoBuildInfo info = parse(text.toString());
        assertThat(info.deps()).extracting(GoModule::path).containsExactly("github.com/ok");
        assertThat(warnings).hasSize(6).last().asString().contains("more lines not understood");
        assertThat(warnings.get(0)).contains("replacement with no module");
    }
}
