package io.plimsoll.cli;

import io.plimsoll.report.scan.ScanReport;
import io.plimsoll.report.text.Ages;
import io.plimsoll.report.text.Tables;
import io.plimsoll.vuln.feed.UpdateRunner;
import io.plimsoll.vuln.feed.Updater;
import io.plimsoll.vuln.store.DataFreshness;
import io.plimsoll.vuln.store.SourceStatus;
import io.plimsoll.vuln.store.SqliteVulnStore;
import io.plimsoll.vuln.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plimsoll db …}: the embedded vulnerability database. */
@Command(name = "db", mixinStandardHelpOptions = true,
        description = {"Manage the embedded vulnerability database (one SQLite file, by default in the user's cache "
                + "directory; --db or PLIMSOLL_DB to choose another)."},
        subcommands = {DbCommand.Update.class, DbCommand.Status.class, DbCommand.Export.class, DbCommand.Import.class})
final class DbCommand implements Runnable {

    @Option(names = "--db", paramLabel = "PATH", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "The database file (default: $PLIMSOLL_DB, the config file's db.path, or vuln.db in the "
                    + "cache directory).")
    Path db;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    Settings settings() throws UserInputException {
        return Settings.load(db);
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = {"Download the vulnerability feeds and rebuild the database. Sources update in parallel; one "
                    + "that fails keeps its previous data and the others still update. The new file replaces the old "
                    + "one atomically, so an interrupted update never breaks it.",
                "Feed base URLs can point at mirrors: PLIMSOLL_FEED_<SOURCE>_URL or feeds.<source>.url in the config "
                        + "file. NVD_API_KEY raises NVD's rate limit."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {" 0:every selected source updated",
                " 1:some or all sources, or parts of one (OSV's ecosystems), failed (their older data is kept); when "
                        + "all failed, nothing was updated and the file is left as it was",
                " 2:usage error, or a --from DIR holding no feed folder", " 3:internal error"})
    static final class Update implements Callable<Integer> {
        @ParentCommand
        DbCommand parent;

        @Option(names = "--source", paramLabel = "NAME", split = ",",
                description = "Update only these sources (repeatable or comma-separated); the others keep their data.")
        List<String> sources;

        @Option(names = "--from", paramLabel = "DIR",
                description = "Air-gapped: read the feed files from DIR/<source>/ (one folder per source named as "
                        + "'db status' lists them: debian/, redhat/, osv/, ...), laid out as the upstream paths below "
                        + "each source's base URL, "
                        + "e.g. osv/Go/all.zip. Sources without a folder keep their data; a DIR holding none of the "
                        + "selected sources' folders is an error.")
        Path from;

        @Override
        public Integer call() throws IOException {
            Settings settings = parent.settings();
            List<Updater> chosen = VulnDatabase.select(settings, sources);
            if (from != null) {
                requireFeedFolder(from, chosen);
            }
            PrintWriter out = parent.spec.commandLine().getOut();
            PrintWriter err = parent.spec.commandLine().getErr();
            boolean hadData = Files.exists(settings.database());
            UpdateRunner.Report report = VulnDatabase.update(settings, chosen, from,
                    new ProgressPrinter(err, ProgressPrinter.isTerminal()));
            boolean nothingUpdated = !report.outcomes().isEmpty()
                    && report.outcomes().stream().noneMatch(UpdateRunner.Outcome::applied);
            if (nothingUpdated) {
                out.printf("Nothing was updated: %s failed%s%n",
                        report.outcomes().size() == 1 ? report.outcomes().get(0).source()
                                : "all " + report.outcomes().size() + " sources",
                        hadData ? "; " + report.database() + " keeps its previous data"
                                : "; " + report.database() + " holds no vulnerability data");
            } else {
                out.printf("Updated %s in %.1f s (%s)%n", report.database(), report.took().toMillis() / 1000.0,
                        ProgressPrinter.human(Files.size(report.database())));
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"SOURCE", "RESULT", "RECORDS", "TIME", "DETAIL"});
            for (UpdateRunner.Outcome o : report.outcomes()) {
                rows.add(new String[] {o.source(), o.ok() ? "ok" : o.applied() ? "PARTLY" : "FAILED", String.format("%,d", o.records()),
                    String.format("%.1f s", o.took().toMillis() / 1000.0), o.error().orElse(o.url())});
            }
            Tables.print(out, rows, "");
            if (!report.allOk()) {
                out.println();
                out.println((nothingUpdated ? "No source could be updated" : "Some sources could not be updated")
                        + "; their previous data (if any) is kept. Without network access use a mirror "
                        + "(PLIMSOLL_FEED_<SOURCE>_URL), 'plimsoll db update --from DIR' or "
                        + "'plimsoll db import FILE'.");
            }
            out.flush();
            return report.allOk() ? Main.OK : Main.PARTIAL;
        }

        /**
         * A {@code --from} folder holding none of the chosen sources' folders is a typo or the wrong directory, not
         * an update: refuse it before any database is written, saying what was expected.
         */
        private static void requireFeedFolder(Path from, List<Updater> chosen) throws UserInputException {
            String expected = String.join(", ", chosen.stream().map(u -> u.name() + "/").toList());
            if (!Files.isDirectory(from)) {
                throw new UserInputException(from + ": no such directory (expected a folder holding " + expected
                        + ")");
            }
            if (chosen.stream().noneMatch(u -> Files.isDirectory(from.resolve(u.name())))) {
                throw new UserInputException(from + ": no feed folder in it (expected " + expected
                        + ", each laid out as below the source's base URL, e.g. osv/Go/all.zip)");
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show each source's age, record counts and last error; warn when data is older than "
                    + "db.max-age (PLIMSOLL_DB_MAX_AGE, default 72h).",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {" 0:the database is usable", " 1:some data is stale, failed or missing",
                " 2:no usable database", " 3:internal error"})
    static final class Status implements Callable<Integer> {
        @ParentCommand
        DbCommand parent;

        @Option(names = "--verify", description = "Also run SQLite's full integrity check (slow on big files).")
        boolean verify;

        @Override
        public Integer call() throws IOException {
            Settings settings = parent.settings();
            PrintWriter out = parent.spec.commandLine().getOut();
            SqliteVulnStore store;
            try {
                store = SqliteVulnStore.open(settings.database());
            } catch (StoreException e) {
                throw new UserInputException(e.getMessage() + ". To get data: " + ScanReport.HOW_TO_GET_DATA);
            }
            try (store) {
                if (verify) {
                    store.verify();
                }
                List<SourceStatus> sources = store.sources();
                // every source, and every part a source recorded (osv/npm): one staleness rule judges them all. A
                // part the upstream does not publish (an extras topic without a mirror list) is not data this
                // database lacks; a scan of an image that needs it still stops on it
                List<String> expected = java.util.stream.Stream.concat(
                        VulnDatabase.allUpdaters(settings).stream().map(Updater::name),
                        sources.stream().flatMap(s -> s.parts().stream().filter(part -> !s.unpublished(part)))
                                .map(SourceStatus::name)).toList();
                DataFreshness f = DataFreshness.of(settings.database(), sources, expected, settings.maxAge(),
                        Instant.now());
                Map<String, Map<String, Long>> counts = store.counts();
                print(out, "Database: " + settings.database() + " ("
                        + ProgressPrinter.human(Files.size(settings.database())) + ", built "
                        + store.builtAt().map(t -> Ages.of(Duration.between(t, Instant.now())) + " ago").orElse("?") + ")",
                        "  ");
                // the table keeps to short cells; where each source came from and its last error (paths, URLs,
                // parser messages of any length) follow it, folded, so the whole fits a 100-column terminal
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"SOURCE", "UPDATED", "ADVISORIES", "AFFECTED", "OTHER", "STATE"});
                List<String[]> origins = new ArrayList<>();
                java.util.Set<String> names = new java.util.LinkedHashSet<>();
                VulnDatabase.allUpdaters(settings).forEach(u -> names.add(u.name()));
                sources.forEach(x -> names.add(x.name()));
                for (String name : names) {
                    SourceStatus s = sources.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
                    Map<String, Long> c = counts.getOrDefault(name, Map.of());
                    long other = c.getOrDefault("kev", 0L) + c.getOrDefault("epss", 0L) + c.getOrDefault("cvss", 0L);
                    String state = s == null || s.updatedAt().isEmpty() ? "missing"
                            : f.stale().contains(name) ? "STALE" : "ok";
                    if (s != null && s.failed()) {
                        state += ", last update failed";
                    }
                    rows.add(new String[] {name,
                        s == null ? "never" : s.updatedAt().map(t -> Ages.of(Duration.between(t, Instant.now())) + " ago")
                                .orElse("never"),
                        String.format("%,d", c.getOrDefault("advisory", 0L)),
                        String.format("%,d", c.getOrDefault("affected", 0L)), String.format("%,d", other), state});
                    if (s != null) {
                        origins.add(new String[] {name, s.url(), s.failed() ? "last update failed: " + s.error().get()
                            : ""});
                        // each part (OSV's ecosystems) has its own age and error: scans are judged by the parts
                        for (SourceStatus part : s.parts()) {
                            // a part the upstream does not publish (an extras topic without a mirror list) did
                            // not fail: its error says where it was looked for
                            boolean unpublished = s.unpublished(part);
                            rows.add(partRow(part, f, unpublished));
                            part.error().ifPresent(e -> origins.add(new String[] {part.name(), s.url(),
                                (unpublished ? "not published: " : "last update failed: ") + e}));
                        }
                    }
                }
                Tables.print(out, rows, "");
                if (!origins.isEmpty()) {
                    out.println();
                    int nameWidth = Math.max("SOURCE".length(),
                            origins.stream().mapToInt(o -> o[0].length()).max().orElse(0));
                    String indent = " ".repeat(nameWidth + 2);
                    out.println(pad("SOURCE", nameWidth) + "FROM, LAST ERROR");
                    for (String[] o : origins) {
                        print(out, pad(o[0], nameWidth) + (o[1].isEmpty() ? "?" : o[1]), indent);
                        if (!o[2].isEmpty()) {
                            print(out, indent + o[2], indent);
                        }
                    }
                }
                if (!f.stale().isEmpty()) {
                    out.println();
                    print(out, "warning: data older than " + Ages.of(settings.maxAge()) + ": "
                            + String.join(", ", f.stale()) + "; run 'plimsoll db update'", "  ");
                }
                if (!f.missing().isEmpty()) {
                    out.println();
                    print(out, "warning: no data for " + String.join(", ", f.missing()) + "; "
                            + ScanReport.HOW_TO_GET_DATA, "  ");
                }
                out.flush();
                return f.complete() ? Main.OK : Main.PARTIAL;
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the database to FILE as an offline bundle (tar.gz with the database and a manifest "
                    + "holding its SHA-256), to carry to air-gapped hosts and load with 'db import'.")
    static final class Export implements Callable<Integer> {
        @ParentCommand
        DbCommand parent;

        @Parameters(paramLabel = "FILE", description = "The bundle to write, e.g. plimsoll-db.tar.gz.")
        Path file;

        @Override
        public Integer call() throws IOException {
            Settings settings = parent.settings();
            DbBundle.Manifest m = DbBundle.export(settings.database(), file);
            parent.spec.commandLine().getOut().printf("Exported %s to %s (%s, %s)%n", settings.database(), file,
                    ProgressPrinter.human(Files.size(file)), m.sha256());
            return Main.OK;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Replace the database with one from a bundle made by 'db export', after checking its "
                    + "checksum, schema version and integrity.")
    static final class Import implements Callable<Integer> {
        @ParentCommand
        DbCommand parent;

        @Parameters(paramLabel = "FILE", description = "The bundle to read.")
        Path file;

        @Override
        public Integer call() throws IOException {
            Settings settings = parent.settings();
            DbBundle.Manifest m = DbBundle.importBundle(file, settings.database());
            parent.spec.commandLine().getOut().printf("Imported %s into %s (built %s, %d sources)%n", file,
                    settings.database(), m.builtAt(), m.sources().size());
            return Main.OK;
        }
    }

    /** The widest line {@code db status} prints: it must read in a 100-column terminal. */
    static final int STATUS_WIDTH = 100;

    private static void print(PrintWriter out, String text, String indent) {
        TextWrap.lines(text, STATUS_WIDTH, indent).forEach(out::println);
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length() + 2);
    }

    /** A source part's row: its age, its affected rows, its state. */
    private static String[] partRow(SourceStatus part, DataFreshness f, boolean unpublished) {
        Instant now = f.now();
        String state = unpublished ? "not published" : f.missing().contains(part.name()) ? "missing"
                : f.stale().contains(part.name()) ? "STALE" : "ok";
        if (part.failed() && !unpublished) {
            state += ", last update failed";
        }
        return new String[] {"  " + part.name(),
            part.updatedAt().map(t -> Ages.of(Duration.between(t, now)) + " ago").orElse("never"), "",
            String.format("%,d", part.records()), "", state};
    }
}
