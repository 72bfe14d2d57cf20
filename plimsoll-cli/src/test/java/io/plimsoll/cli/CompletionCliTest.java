package io.plimsoll.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CompletionCliTest {

    @TempDir
    Path tmp;

    /** Every command path below the root, e.g. "db update", read from the same model the scripts are made from. */
    private static List<String> commandPaths() {
        List<String> paths = new ArrayList<>();
        collect(new CommandLine(new Main()), "", paths);
        return paths;
    }

    private static void collect(CommandLine cmd, String prefix, List<String> paths) {
        for (Map.Entry<String, CommandLine> sub : cmd.getSubcommands().entrySet()) {
            String path = (prefix + " " + sub.getKey()).strip();
            paths.add(path);
            collect(sub.getValue(), path, paths);
        }
    }

    @Test
    void bashScriptNamesEverySubcommand() {
        CliTest.Run r = CliTest.run("completion", "bash");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(commandPaths()).contains("scan", "db update", "db import", "version compare", "completion", "serve");
        for (String path : commandPaths()) {
            String last = path.substring(path.lastIndexOf(' ') + 1);
            assertThat(r.out()).as(path).containsPattern("\\b" + last + "\\b");
        }
        assertThat(r.out()).contains("complete -F _complete_plimsoll", "--fail-on");
    }

    @Test
    void bashCompletesSubcommandsAndOptionsWhenSourced() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "no /bin/bash to source the script in");
        Path script = tmp.resolve("plimsoll.bash");
        Files.writeString(script, CliTest.run("completion", "bash").out());
        assertThat(complete(script, "plimsoll d")).containsExactlyInAnyOrder("db", "diff");
        assertThat(complete(script, "plimsoll db")).containsExactly("db");
        assertThat(complete(script, "plimsoll db ")).contains("update", "status", "export", "import");
        assertThat(complete(script, "plimsoll scan --fail-o")).containsExactly("--fail-on");
    }

    /** What bash offers for the last word of {@code line}, through the script's own completion function. */
    private List<String> complete(Path script, String line) throws IOException, InterruptedException {
        String words = line.endsWith(" ") ? line + "''" : line;
        // compopt works only inside a completion bash itself started; outside one it is a no-op here
        String program = "source " + script + " >/dev/null 2>&1\ncompopt() { :; }\n"
                + "COMP_WORDS=(" + words + "); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_LINE=\"" + line + "\"\n"
                + "COMP_POINT=${#COMP_LINE}\n_complete_plimsoll\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process p = new ProcessBuilder("/bin/bash", "--norc", "-c", program).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    @Test
    void zshScriptLoadsBashCompatibilityFirst() {
        CliTest.Run r = CliTest.run("completion", "zsh");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n")
                .contains("complete -F _complete_plimsoll");
    }

    @Test
    void fishScriptOffersEverySubcommandUnderItsParent() {
        CliTest.Run r = CliTest.run("completion", "fish");
        assertThat(r.code()).as(r.err()).isZero();
        for (String path : commandPaths()) {
            String last = path.substring(path.lastIndexOf(' ') + 1);
            assertThat(r.out()).as(path).contains(" -a '" + last + "' ");
        }
        assertThat(r.out())
                .contains("complete -c plimsoll -f -n '__fish_use_subcommand' -a 'scan' -d ")
                .contains("-n '__fish_seen_subcommand_from db; and not __fish_seen_subcommand_from update status export import' -a 'update'")
                .containsPattern("-n '__fish_seen_subcommand_from scan' -l fail-on -r");
    }

    @Test
    void anUnknownShellIsAUsageError() {
        CliTest.Run r = CliTest.run("completion", "tcsh");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("tcsh").contains("bash, zsh, fish");
    }
}
