package io.plimsoll.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The options of the commands that scan with the local database ({@code advise}, {@code diff}). */
final class LocalDataOptions {

    @Option(names = "--db", paramLabel = "PATH", description = "The vulnerability database (default: as 'db update').")
    Path db;

    @Option(names = "--offline", description = "Never download feeds; use whatever data the database has.")
    boolean offline;

    @Option(names = {"-q", "--quiet"}, description = "Print no progress or warnings on standard error.")
    boolean quiet;

    /** A scan over the local database; progress and warnings go to the command's error stream unless quiet. */
    LocalScan scan(CommandSpec spec, SeverityFilter shown, boolean onlyFixed,
                   io.plimsoll.catalog.SkippedPaths skipped) {
        return scan(spec, shown, onlyFixed, skipped, new ServerOptions());
    }

    /** The same, with the data of {@code server} when it names one ({@code --db} and {@code --offline} refused). */
    LocalScan scan(CommandSpec spec, SeverityFilter shown, boolean onlyFixed,
                   io.plimsoll.catalog.SkippedPaths skipped, ServerOptions server) {
        if (server.url != null && (offline || db != null)) {
            throw new UserInputException((offline ? "--offline" : "--db") + " and --server cannot be used together: "
                    + "with --server the server's data is used");
        }
        PrintWriter err = quiet ? new PrintWriter(java.io.Writer.nullWriter()) : spec.commandLine().getErr();
        return new LocalScan(db, offline, shown, onlyFixed, skipped, err, server.client());
    }
}
