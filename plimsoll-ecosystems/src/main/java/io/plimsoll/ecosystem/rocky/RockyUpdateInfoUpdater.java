package io.plimsoll.ecosystem.rocky;

import io.plimsoll.ecosystem.rpm.repodata.ErrataRows;
import io.plimsoll.ecosystem.rpm.repodata.RepositoryErrata;
import io.plimsoll.ecosystem.rpm.repodata.UpdateInfoReader;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.FeedFetcher;
import io.plimsoll.vuln.feed.FeedFiles;
import io.plimsoll.vuln.feed.FeedSink;
import io.plimsoll.vuln.feed.Updater;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rocky Linux's errata as its repositories publish them: for each release folder of
 * {@code https://dl.rockylinux.org/vault/rocky/} ({@code 8.5/}, {@code 9.2/}), the BaseOS and AppStream
 * repositories' {@code x86_64/os/repodata/repomd.xml} and the {@code updateinfo.xml.gz} it names. Every point
 * release of a major is filed as {@code rocky:<major>}, so an erratum listed by several point releases is one
 * advisory (the first build that fixed it counts). Downloads use conditional GET, so only changed files are
 * transferred. From {@code --from DIR} the releases are the folders holding a repomd.xml.
 */
public final class RockyUpdateInfoUpdater implements Updater {

    public static final String NAME = "rocky";

    static final String VAULT = "vault/rocky/";

    static final List<String> REPOSITORIES = List.of("BaseOS", "AppStream");

    /** A release folder link in the vault's listing: {@code href="8.5/"}, {@code href="9/"}. */
    private static final Pattern INDEX_LINK = Pattern.compile("href=\"(\\d{1,3}(?:\\.\\d{1,3})?)/\"");

    private static final Pattern LOCAL_FILE = Pattern.compile(
            Pattern.quote(VAULT) + "(\\d{1,3}(?:\\.\\d{1,3})?)/[^/]+/x86_64/os/repodata/repomd\\.xml");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultBaseUrl() {
        return "https://dl.rockylinux.org/";
    }

    @Override
    public String description() {
        return "Rocky Linux errata: the builds that fixed each security advisory (RLSA), BaseOS and AppStream";
    }

    @Override
    public void update(FeedFetcher fetcher, FeedSink sink) throws FeedException, IOException {
        List<String> releases = fetcher.isLocal() ? localReleases(fetcher) : listedReleases(fetcher);
        ErrataRows rows = new ErrataRows(NAME, sink);
        RepositoryErrata repositories = new RepositoryErrata(NAME, UpdateInfoReader.Limits.DEFAULT);
        for (String release : releases) {
            String namespace = NAME + ":" + release.split("\\.")[0];
            int found = 0;
            for (String repo : REPOSITORIES) {
                String path = VAULT + release + "/" + repo + "/x86_64/os/";
                Optional<RepositoryErrata.Result> result = repositories.read(fetcher, path, namespace, rows, sink);
                if (result.isEmpty()) {
                    sink.progress(NAME + ": " + release + " " + repo + ": no repodata/repomd.xml, skipped");
                    continue;
                }
                found++;
                sink.progress(NAME + ": " + release + " " + repo + ": " + result.get().errata() + " errata, "
                        + result.get().security() + " security");
            }
            if (found == 0) {
                throw new FeedException(NAME, fetcher.baseUrl() + VAULT + release + "/",
                        "the release is listed but has neither a BaseOS nor an AppStream repodata/repomd.xml");
            }
        }
        rows.finish();
        sink.progress(NAME + ": " + releases.size() + " releases, " + rows.advisories() + " advisories, "
                + rows.rows() + " fixed packages");
    }

    private static List<String> listedReleases(FeedFetcher fetcher) throws FeedException {
        String html = FeedFiles.listing(NAME, fetcher, VAULT);
        TreeSet<String> releases = new TreeSet<>(RELEASE_ORDER);
        Matcher m = INDEX_LINK.matcher(html);
        while (m.find()) {
            releases.add(m.group(1));
        }
        if (releases.isEmpty()) {
            throw new FeedException(NAME, fetcher.baseUrl() + VAULT,
                    "the release listing links no release folders (8.5/, 9/, …)");
        }
        return List.copyOf(releases);
    }

    private static List<String> localReleases(FeedFetcher fetcher) throws FeedException {
        TreeSet<String> releases = new TreeSet<>(RELEASE_ORDER);
        for (String file : fetcher.list(VAULT)) {
            Matcher m = LOCAL_FILE.matcher(file);
            if (m.matches()) {
                releases.add(m.group(1));
            }
        }
        if (releases.isEmpty()) {
            throw new FeedException(NAME, fetcher.baseUrl() + VAULT, "no release folders with repository metadata"
                    + " (8.5/BaseOS/x86_64/os/repodata/repomd.xml, …)");
        }
        return List.copyOf(releases);
    }

    /** Releases by version: 8 before 8.5 before 8.10 before 9. */
    static final Comparator<String> RELEASE_ORDER = Comparator.comparing(
            (String r) -> Arrays.stream(r.split("\\.")).mapToInt(Integer::parseInt).toArray(), Arrays::compare);
}
