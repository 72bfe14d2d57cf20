package io.plimsoll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SingleCommandRootTest {

    private static final CommandLine FULL = new CommandLine(new Main());

    @Test
    void aRunNamingItsSubcommandBuildsOnlyThatOneWithTheSameHelpAsUnderTheWholeModel() {
        for (Map.Entry<String, CommandLine> sub : FULL.getSubcommands().entrySet()) {
            String name = sub.getKey();
            CommandLine root = Main.commandLine(new String[] {name, "--help"});
            if (name.equals("help") || name.equals("completion")) {
                assertThat(root.getSubcommands()).as(name).hasSameSizeAs(FULL.getSubcommands());
                continue;
            }
            assertThat(root.getSubcommands()).as(name).containsOnlyKeys(name);
            assertThat(root.getSubcommands().get(name).getUsageMessage(CommandLine.Help.Ansi.OFF)).as(name)
                    .isEqualTo(sub.getValue().getUsageMessage(CommandLine.Help.Ansi.OFF))
                    .contains("--debug");
        }
    }

    @Test
    void optionsBeforeTheSubcommandAndMistypedOrMissingCommandsGetTheWholeModel() {
        for (String[] args : new String[][] {{}, {"--debug", "sbom", "x"}, {"sbon"}, {"--help"}}) {
            assertThat(Main.commandLine(args).getSubcommands()).hasSameSizeAs(FULL.getSubcommands());
        }
        CliTest.Run r = CliTest.run("sbon");
        assertThat(r.code()).isEqualTo(Main.INPUT_ERROR);
        assertThat(r.err()).contains("Did you mean: plimsoll sbom");
    }

    @Test
    void aSubcommandsErrorsStillNameItUnderPlimsollAndDebugStillApplies() {
        CliTest.Run r = CliTest.run("sbom", "--bogus", "x");
        assertThat(r.code()).isEqualTo(Main.INPUT_ERROR);
        assertThat(r.err()).isEqualTo("plimsoll: Unknown option: '--bogus'\n"
                + "Try 'plimsoll sbom --help' for more information.\n");
        CliTest.Run missing = CliTest.run("sbom", "--debug", "/no/such/image.tar");
        assertThat(missing.code()).isEqualTo(Main.INPUT_ERROR);
        assertThat(missing.err()).startsWith("plimsoll: ").contains("\tat ");
    }
}
