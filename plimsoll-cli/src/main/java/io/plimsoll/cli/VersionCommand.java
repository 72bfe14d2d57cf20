package io.plimsoll.cli;

import io.plimsoll.ecosystem.VersionSchemes;
import io.plimsoll.model.version.VersionScheme;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code plimsoll version}: Plimsoll's own version (as {@code --version} and as Trivy's and Grype's {@code version}
 * commands print theirs); {@code plimsoll version compare}: how Plimsoll orders two versions, for debugging a match.
 */
@Command(name = "version", mixinStandardHelpOptions = true,
        description = {"Print Plimsoll's version.", "'version compare' shows how Plimsoll orders two package versions."},
        subcommands = VersionCommand.Compare.class)
final class VersionCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        for (String line : new Main.Version().getVersion()) {
            out.println(line);
        }
        out.flush();
    }

    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = {"Print -1, 0 or 1 as A sorts before, equal to or after B under SCHEME's rules "
                    + "(like dpkg --compare-versions).",
                "With --stdin, read 'A<TAB>B' lines and print one result per line."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {" 0:compared", " 2:usage error, unknown scheme or malformed input line"})
    static final class Compare implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "SCHEME", description = "One of: ${sys:plimsoll.schemes}.")
        String scheme;

        @Parameters(index = "1", arity = "0..1", paramLabel = "A")
        String a;

        @Parameters(index = "2", arity = "0..1", paramLabel = "B")
        String b;

        @Option(names = "--stdin", description = "Read A<TAB>B pairs from standard input, one per line.")
        boolean stdin;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            VersionScheme s = VersionSchemes.byName(scheme).orElseThrow(() -> new UserInputException(
                    "unknown version scheme '" + scheme + "' (known: " + names() + ")"));
            PrintWriter out = spec.commandLine().getOut();
            if (!stdin) {
                if (a == null || b == null) {
                    throw new UserInputException("version compare needs SCHEME A B, or SCHEME --stdin");
                }
                out.println(Integer.signum(s.compare(a, b)));
                return Main.OK;
            }
            if (a != null) {
                throw new UserInputException("with --stdin, give only the SCHEME");
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                int tab = line.indexOf('\t');
                if (tab < 0) {
                    throw new UserInputException("standard input line " + n + ": expected 'A<TAB>B', got '" + line + "'");
                }
                out.println(Integer.signum(s.compare(line.substring(0, tab), line.substring(tab + 1))));
            }
            out.flush();
            return Main.OK;
        }

        static String names() {
            return VersionSchemes.all().stream().map(VersionScheme::name).collect(Collectors.joining(", "));
        }
    }
}
