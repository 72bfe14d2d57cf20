package io.plimsoll.cli;

import io.plimsoll.catalog.CatalogException;
import io.plimsoll.image.ImageException;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code plimsoll} command: parses arguments, runs a subcommand, turns errors into one line and an exit code. */
@Command(name = "plimsoll",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Plimsoll reads container images, lists what is inside them and finds their known vulnerabilities.",
        subcommands = {InspectCommand.class, SbomCommand.class, ScanCommand.class, AdviseCommand.class, DiffCommand.class, DbCommand.class, CacheCommand.class, ServeCommand.class, VersionCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:success (scan: the policy, if any, says GO or WARN)",
            " 1:scan: the policy says STOP; db update/status: some sources failed, are stale or missing",
            " 2:usage or input error: bad arguments, or an image that cannot be read (the message names the file); "
                    + "scan with a gate: data the image needs is missing or stale",
            " 3:internal error (a bug: rerun with --debug and report the stack trace)",
            " N:scan --exit-code N: findings remain"})
public final class Main implements Runnable {

    public static final int OK = 0;
    /** Done, but not all of it: some feeds failed to update, or the data is stale or missing. */
    public static final int PARTIAL = 1;
    public static final int INPUT_ERROR = 2;
    public static final int INTERNAL_ERROR = 3;

    @CommandLine.Mixin
    DebugOption debug;

    /** {@code --debug}, on Main and on the one-subcommand root alike; read through the parse result. */
    static final class DebugOption {
        @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces with errors.")
        boolean debug;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    {
        helpProperties();
    }

    /**
     * The help texts name these through ${sys:...}; set before any command model is built (the run below, the man
     * page generator at build time), not when the class loads: naming the schemes loads every ecosystem, which
     * --version has no use for.
     */
    private static void helpProperties() {
        System.setProperty("plimsoll.schemes", VersionCommand.Compare.names());
        System.setProperty("plimsoll.maxEntries", grouped(io.plimsoll.image.ImageLimits.DEFAULT_MAX_ENTRIES));
    }

    /**
     * {@code 400000} as {@code 400,000}, as the help text around it writes its numbers, in any locale; by hand, since
     * {@code String.format} loads the locale data first, 18 ms of every run's start before any work.
     */
    static String grouped(long n) {
        String digits = Long.toString(n);
        StringBuilder sb = new StringBuilder(digits.length() + digits.length() / 3);
        int start = digits.startsWith("-") ? 1 : 0;
        sb.append(digits, 0, start);
        for (int i = start; i < digits.length(); i++) {
            if (i > start && (digits.length() - i) % 3 == 0) {
                sb.append(',');
            }
            sb.append(digits.charAt(i));
        }
        return sb.toString();
    }

    /**
     * The root a run that names its subcommand first gets: Main's name, standard options and {@code --debug}, with
     * only that subcommand under it. picocli builds a command's model by reflecting over every option of every
     * subcommand, a third of a warm re-scan's start-up; a run uses one. Help, completion, a bare or mistyped
     * command, and options before the subcommand get the whole of {@link Main}.
     */
    @Command(name = "plimsoll", mixinStandardHelpOptions = true, versionProvider = Main.Version.class)
    static final class SingleCommandRoot {
        @CommandLine.Mixin
        DebugOption debug;

        SingleCommandRoot() {
            helpProperties();
        }
    }

    /** The command line for these arguments: Main with every subcommand, or the one the first argument names. */
    static CommandLine commandLine(String[] args) {
        Class<?> named = args.length == 0 ? null : subcommandNamed(args[0]);
        if (named == null || named == CommandLine.HelpCommand.class || named == CompletionCommand.class) {
            return new CommandLine(new Main());
        }
        CommandLine root = new CommandLine(new SingleCommandRoot());
        root.addSubcommand(new CommandLine(named, CommandLine.defaultFactory()));
        return root;
    }

    /**
     * The subcommands by the names (and aliases) their {@code @Command}s give, written out: reading those annotations
     * to find one costs 16-20 ms of every run's start. SingleCommandRootTest fails for a subcommand missing here.
     */
    private static final Map<String, Class<?>> SUBCOMMANDS = Map.ofEntries(
            Map.entry("inspect", InspectCommand.class), Map.entry("sbom", SbomCommand.class),
            Map.entry("scan", ScanCommand.class), Map.entry("advise", AdviseCommand.class),
            Map.entry("diff", DiffCommand.class), Map.entry("db", DbCommand.class),
            Map.entry("cache", CacheCommand.class), Map.entry("serve", ServeCommand.class),
            Map.entry("version", VersionCommand.class),
            Map.entry("completion", CompletionCommand.class),
            Map.entry("help", CommandLine.HelpCommand.class));

    private static Class<?> subcommandNamed(String name) {
        return SUBCOMMANDS.get(name);
    }

    /** Runs the command line with the given streams and returns the exit code (tests call this). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V") || args[0].equals("version"))) {
            // the one command a script runs on every start, so it skips building the command model (every
            // subcommand's options, by reflection): the same lines, in a fraction of the time
            for (String line : new Version().getVersion()) {
                out.println(line);
            }
            out.flush();
            return OK;
        }
        CommandLine cli = commandLine(args);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler(Main::optionError);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean debug = parseResult.hasMatchedOption("--debug")
                    || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"));
            PrintWriter w = commandLine.getErr();
            if (e instanceof ImageException || e instanceof CatalogException || e instanceof UserInputException
                    || e instanceof io.plimsoll.app.ScanException
                    || e instanceof io.plimsoll.vuln.store.StoreException || e instanceof io.plimsoll.vuln.FeedException
                    || e instanceof io.plimsoll.vuln.store.UncheckedStoreException) {
                w.println("plimsoll: " + e.getMessage());
                if (debug) {
                    e.printStackTrace(w);
                }
                w.flush();
                return INPUT_ERROR;
            }
            w.println("plimsoll: internal error: " + e);
            if (debug) {
                e.printStackTrace(w);
            } else {
                w.println("plimsoll: rerun with --debug for the stack trace, and please report it");
            }
            w.flush();
            return INTERNAL_ERROR;
        });
        int code;
        try {
            code = cli.execute(args);
        } catch (VirtualMachineError e) {
            // picocli hands only Exceptions to the handler above; running out of heap or stack is this program's
            // failure, not the input's, so it must read neither as bad input (2) nor, escaping main, as STOP (1)
            String what = e instanceof OutOfMemoryError ? "out of memory" : e instanceof StackOverflowError
                    ? "out of stack" : e.getClass().getSimpleName();
            err.println("plimsoll: internal error: " + what + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")")
                    + "; more with PLIMSOLL_JAVA_OPTS (e.g. -Xmx4g or -Xss8m) may help; please report it");
            code = INTERNAL_ERROR;
        }
        out.flush();
        err.flush();
        return code;
    }

    /**
     * A mistyped option prints one line and a hint, not the whole usage (over a hundred lines for {@code scan}) that
     * would scroll the error out of a CI log's view.
     */
    private static int optionError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter w = cmd.getErr();
        String message = e.getMessage() == null ? "invalid arguments" : e.getMessage().lines().findFirst().orElse("");
        w.println("plimsoll: " + message);
        CommandLine.UnmatchedArgumentException.printSuggestions(e, w);
        w.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        w.flush();
        return INPUT_ERROR;
    }

    /** The version Maven wrote into the jar, "unknown" when it is missing; SBOMs name the tool with it. */
    static String version() {
        java.util.Properties p = new java.util.Properties();
        try (var in = Main.class.getResourceAsStream("/plimsoll-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (java.io.IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }

    /** Reads the version Maven wrote into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"plimsoll " + version(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
