package io.plimsoll.ecosystem.alma;

import io.plimsoll.ecosystem.rpm.repodata.ErrataRows;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.FeedFetcher;
import io.plimsoll.vuln.feed.FeedFiles;
import io.plimsoll.vuln.feed.FeedSink;
import io.plimsoll.vuln.feed.Updater;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AlmaLinux's errata, {@code https://errata.almalinux.org/<major>/errata.json} for each supported major release,
 * filed as {@code almalinux:<major>}: each major's file applies to that major only. The files are re-fetched with
 * conditional GET, so an unchanged release costs a 304. From {@code --from DIR} the releases are the folders
 * holding an {@code errata.json}.
 */
public final class AlmaErrataUpdater implements Updater {

    public static final String NAME = "alma";

    /** The os-release ID, and the family of the namespaces rows are filed under. */
    public static final String DISTRO = "almalinux";

    /** The major releases AlmaLinux publishes errata for. */
    static final List<String> MAJORS = List.of("8", "9", "10");

    private static final Pattern LOCAL_FILE = Pattern.compile("(\\d+)/errata\\.json");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultBaseUrl() {
        return "https://errata.almalinux.org/";
    }

    @Override
    public String description() {
        return "AlmaLinux errata: the builds that fixed each security advisory (ALSA), per major release";
    }

    @Override
    public void update(FeedFetcher fetcher, FeedSink sink) throws FeedException, IOException {
        List<String> majors = fetcher.isLocal() ? localMajors(fetcher) : MAJORS;
        ErrataRows rows = new ErrataRows(NAME, sink);
        for (String major : majors) {
            String path = major + "/errata.json";
            Path file = fetcher.fetch(path);
            String name = FeedFiles.describe(fetcher, path, file);
            String namespace = DISTRO + ":" + major;
            int[] security = new int[1];
            int errata;
            try (InputStream in = FeedFiles.openChecked(NAME, name, file, "JSON")) {
                errata = AlmaErrata.read(NAME, name, in, e -> {
                    if (rows.add(namespace, e)) {
                        security[0]++;
                    }
                });
            }
            sink.progress(NAME + ": " + major + ": " + errata + " errata, " + security[0] + " security");
        }
        rows.finish();
        sink.progress(NAME + ": " + majors.size() + " releases, " + rows.advisories() + " advisories, "
                + rows.rows() + " fixed packages");
    }

    private static List<String> localMajors(FeedFetcher fetcher) throws FeedException {
        TreeSet<Integer> majors = new TreeSet<>();
        for (String file : fetcher.list("")) {
            Matcher m = LOCAL_FILE.matcher(file);
            if (m.matches() && m.group(1).length() < 4) {
                majors.add(Integer.parseInt(m.group(1)));
            }
        }
        if (majors.isEmpty()) {
            throw new FeedException(NAME, fetcher.baseUrl(), "no release folders with an errata.json (8/errata.json, …)");
        }
        return majors.stream().map(String::valueOf).toList();
    }
}
