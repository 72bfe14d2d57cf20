package io.plimsoll.cli;

import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.vuln.feed.FeedProgress;
import io.plimsoll.vuln.feed.HttpSettings;
import io.plimsoll.vuln.feed.UpdateRunner;
import io.plimsoll.vuln.feed.Updater;
import io.plimsoll.vuln.store.StoreException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** The CLI's access to the vulnerability database: choosing sources and running updates with the user's settings. */
final class VulnDatabase {

    private VulnDatabase() {
    }

    static List<Updater> allUpdaters(Settings settings) {
        return Ecosystems.updaters(settings.nvdApiKey(), settings.amazonExtras());
    }

    /** The updaters named by {@code --source} (comma-separated or repeated); all when none given. */
    static List<Updater> select(Settings settings, List<String> names) throws UserInputException {
        List<Updater> all = allUpdaters(settings);
        if (names == null || names.isEmpty()) {
            return all;
        }
        Set<String> wanted = new TreeSet<>();
        for (String n : names) {
            for (String part : n.split(",")) {
                if (!part.isBlank()) {
                    wanted.add(part.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        List<Updater> chosen = new ArrayList<>();
        for (Updater u : all) {
            if (wanted.remove(u.name())) {
                chosen.add(u);
            }
        }
        if (!wanted.isEmpty()) {
            throw new UserInputException("unknown source " + String.join(", ", wanted) + " (known: "
                    + String.join(", ", all.stream().map(Updater::name).toList()) + ")");
        }
        return chosen;
    }

    static UpdateRunner.Report update(Settings settings, List<Updater> updaters, Path from, FeedProgress progress)
            throws StoreException {
        UpdateRunner.Origin origin = from != null ? new UpdateRunner.LocalDirectory(from.toAbsolutePath())
                : new UpdateRunner.Network(settings.feedUrls(), settings.cacheDir().resolve("feeds"),
                HttpSettings.defaults());
        return new UpdateRunner(updaters, progress, 4).run(settings.database(), origin);
    }

    /** The first scan without a database fills it (all but NVD's scores, which take a quarter of an hour). */
    static void firstUpdate(Settings settings, List<Updater> updaters, PrintWriter err)
            throws StoreException {
        err.println("plimsoll: no vulnerability database at " + settings.database()
                + "; running 'plimsoll db update' first (use --offline to skip)");
        List<Updater> first = updaters.stream().filter(u -> !u.name().equals("nvd")).toList();
        if (first.size() < updaters.size()) {
            err.println("plimsoll: NVD scores are not downloaded by this first update (it takes a while); add them "
                    + "with 'plimsoll db update --source nvd' (set NVD_API_KEY to go faster)");
        }
        err.flush();
        UpdateRunner.Report report = VulnDatabase.update(settings, first, null,
                new ProgressPrinter(err, ProgressPrinter.isTerminal()));
        if (!report.allOk()) {
            err.println("plimsoll: some feeds could not be downloaded; scanning with the data that could be");
        }
    }
}
