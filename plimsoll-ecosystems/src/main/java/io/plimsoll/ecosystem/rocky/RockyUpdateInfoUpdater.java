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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rocky Linux's errata as its repositories publish them: for each past point release in
 * {@code https://dl.rockylinux.org/vault/rocky/} ({@code 8.5/}, {@code 9.2/}) and each major's current tree in
 * {@code https://dl.rockylinux.org/pub/rocky/} ({@code 8/}, {@code 9/}: errata issued since the last vaulted point
 * release are only there), the BaseOS and AppStream repositories' {@code x86_64/os/repodata/repomd.xml} and the
 * {@code updateinfo.xml.gz} it names. Every point release of a major is filed as {@code rocky:<major>}, so an
 * erratum listed by several trees is one advisory (the first build that fixed it counts; the vault is read oldest
 * first, then the current trees). Downloads use conditional GET, so only changed files are transferred. From
 * {@code --from DIR} the releases are the folders under {@code vault/rocky/} and {@code pub/rocky/} holding a
 * repomd.xml.
 */
public final class RockyUpdateInfoUpdater implements Updater {

    public static final String NAME = "rocky";

    static final String VAULT = "vault/rocky/";

    /** The current tree of each major; its point-release links ({@code 9.6/}) are aliases of it and not read. */
    static final String CURRENT = "pub/rocky/";

    static final List<String> REPOSITORIES = List.of("BaseOS", "AppStream");

    /** A release folder link in the vault's listing: {@code href="8.5/"}, {@code href="9/"}. */
    private static final Pattern INDEX_LINK = Pattern.compile("href=\"(\\d{1,3}(?:\\.\\d{1,3})?)/\"");

    /** A major's folder link in the current listing: {@code href="9/"}. */
    private static final Pattern MAJOR_LINK = Pattern.compile("href=\"(\\d{1,3})/\"");

    private static final Pattern LOCAL_FILE = Pattern.compile(
            "(\\d{1,3}(?:\\.\\d{1,3})?)/[^/]+/x86_64/os/repodata/repomd\\.xml");

    /** A release folder: {@code vault/rocky/} and {@code 8.5}, or {@code pub/rocky/} and {@code 9}. */
    record ReleaseFolder(String tree, String release) {
        String path() {
            return tree + release + "/";
        }
    }

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
        List<ReleaseFolder> releases = new ArrayList<>();
        releases.addAll(fetcher.isLocal() ? localReleases(fetcher, VAULT) : listed(fetcher, VAULT, INDEX_LINK));
        releases.addAll(fetcher.isLocal() ? localReleases(fetcher, CURRENT) : listed(fetcher, CURRENT, MAJOR_LINK));
        if (releases.isEmpty()) {
            throw new FeedException(NAME, fetcher.baseUrl(), fetcher.isLocal()
                    ? "no release folders with repository metadata"
                            + " (vault/rocky/8.5/BaseOS/x86_64/os/repodata/repomd.xml, pub/rocky/9/…)"
                    : "neither vault/rocky/ nor pub/rocky/ links a release folder (8.5/, 9/, …)");
        }
        ErrataRows rows = new ErrataRows(NAME, sink);
        RepositoryErrata repositories = new RepositoryErrata(NAME, UpdateInfoReader.Limits.DEFAULT);
        for (ReleaseFolder release : releases) {
            String namespace = NAME + ":" + release.release().split("\\.")[0];
            String label = release.tree().equals(CURRENT) ? release.release() + " (current)" : release.release();
            int found = 0;
            for (String repo : REPOSITORIES) {
                String path = release.path() + repo + "/x86_64/os/";
                Optional<RepositoryErrata.Result> result = repositories.read(fetcher, path, namespace, rows, sink);
                if (result.isEmpty()) {
                    sink.progress(NAME + ": " + label + " " + repo + ": no repodata/repomd.xml, skipped");
                    continue;
                }
                found++;
                sink.progress(NAME + ": " + label + " " + repo + ": " + result.get().errata() + " errata, "
                        + result.get().security() + " security");
            }
            if (found == 0) {
                throw new FeedException(NAME, fetcher.baseUrl() + release.path(),
                        "the release is listed but has neither a BaseOS nor an AppStream repodata/repomd.xml");
            }
        }
        rows.finish();
        sink.progress(NAME + ": " + releases.size() + " releases, " + rows.advisories() + " advisories, "
                + rows.rows() + " fixed packages");
    }

    private static List<ReleaseFolder> listed(FeedFetcher fetcher, String tree, Pattern link) throws FeedException {
        String html = FeedFiles.listing(NAME, fetcher, tree);
        TreeSet<String> releases = new TreeSet<>(RELEASE_ORDER);
        Matcher m = link.matcher(html);
        while (m.find()) {
            releases.add(m.group(1));
        }
        return releases.stream().map(r -> new ReleaseFolder(tree, r)).toList();
    }

    private static List<ReleaseFolder> localReleases(FeedFetcher fetcher, String tree) throws FeedException {
        TreeSet<String> releases = new TreeSet<>(RELEASE_ORDER);
        for (String file : fetcher.list(tree)) {
            Matcher m = LOCAL_FILE.matcher(file.startsWith(tree) ? file.substring(tree.length()) : file);
            if (m.matches()) {
                releases.add(m.group(1));
            }
        }
        return releases.stream().map(r -> new ReleaseFolder(tree, r)).toList();
    }

    /** Releases by version: 8 before 8.5 before 8.10 before 9. */
    static final Comparator<String> RELEASE_ORDER = Comparator.comparing(
            (String r) -> Arrays.stream(r.split("\\.")).mapToInt(Integer::parseInt).toArray(), Arrays::compare);
}
