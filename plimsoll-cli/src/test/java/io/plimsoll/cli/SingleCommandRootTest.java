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

    @Test
    void helpNumbersAreGroupedByThousandsWhateverTheLocale() {
        assertThat(Main.grouped(0)).isEqualTo("0");
        assertThat(Main.grouped(999)).isEqualTo("999");
        assertThat(Main.grouped(1000)).isEqualTo("1,000");
        assertThat(Main.grouped(400_000)).isEqualTo("400,000");
        assertThat(Main.grouped(10_000_000)).isEqualTo("10,000,000");
        assertThat(Main.grouped(-1_234_567)).isEqualTo("-1,234,567");
        assertThat(Main.grouped(Long.MAX_VALUE)).isEqualTo(String.format(java.util.Locale.ROOT, "%,d", Long.MAX_VALUE));
    }
}
