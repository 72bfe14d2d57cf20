package io.plimsoll.ecosystem.amazon;

import io.plimsoll.ecosystem.rpm.repodata.ErrataRows;
import io.plimsoll.ecosystem.rpm.repodata.RepositoryErrata;
import io.plimsoll.ecosystem.rpm.repodata.UpdateInfoReader;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.FeedFetcher;
import io.plimsoll.vuln.feed.FeedFiles;
import io.plimsoll.vuln.feed.FeedSink;
import io.plimsoll.vuln.feed.Updater;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Amazon Linux's security advisories (ALAS) as its core repositories publish them, at
 * {@code https://cdn.amazonlinux.com/}: each release's {@code mirror.list} names the current repository by an
 * absolute URL, whose {@code repodata/repomd.xml} names the {@code updateinfo.xml.gz}. The repository URL's path is
 * taken below the configured base URL, so a mirror or {@code --from DIR} holds the same tree
 * ({@code DIR/amazon/2/core/2.0/x86_64/<guid>/repodata/repomd.xml}). Amazon Linux 2 files as {@code amzn:2},
 * 2023 as {@code amzn:2023}, as their os-release {@code VERSION_ID} says.
 */
public final class AmazonUpdateInfoUpdater implements Updater {

    public static final String NAME = "amazon";

    /** The os-release ID, and the family of the namespaces rows are filed under. */
    public static final String DISTRO = "amzn";

    /** A release: its key in the namespace and where its mirror list is. */
    record Release(String key, String mirrorList) {
    }

    static final List<Release> RELEASES = List.of(
            new Release("2", "2/core/latest/x86_64/mirror.list"),
            new Release("2023", "al2023/core/mirrors/latest/x86_64/mirror.list"));

    /** A mirror list is a few lines; anything far larger is not one. */
    private static final long MAX_MIRROR_LIST = 1 << 20;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultBaseUrl() {
        return "https://cdn.amazonlinux.com/";
    }

    @Override
    public String description() {
        return "Amazon Linux security advisories (ALAS): the builds that fixed each, Amazon Linux 2 and 2023";
    }

    @Override
    public void update(FeedFetcher fetcher, FeedSink sink) throws FeedException, IOException {
        ErrataRows rows = new ErrataRows(NAME, sink);
        RepositoryErrata repositories = new RepositoryErrata(NAME, UpdateInfoReader.Limits.DEFAULT);
        for (Release release : RELEASES) {
            String repo = repository(fetcher, release.mirrorList());
            Optional<RepositoryErrata.Result> result = repositories.read(fetcher, repo, DISTRO + ":" + release.key(),
                    rows, sink);
            if (result.isEmpty()) {
                throw new FeedException(NAME, fetcher.baseUrl() + repo + "repodata/repomd.xml",
                        "the repository " + release.mirrorList() + " names has no repodata/repomd.xml");
            }
            sink.progress(NAME + ": " + release.key() + ": " + result.get().errata() + " errata, "
                    + result.get().security() + " security");
        }
        rows.finish();
        sink.progress(NAME + ": " + RELEASES.size() + " releases, " + rows.advisories() + " advisories, "
                + rows.rows() + " fixed packages");
    }

    /** The repository the mirror list names, as a path below the base URL ending in '/'. */
    static String repository(FeedFetcher fetcher, String mirrorList) throws FeedException {
        Path file = fetcher.fetch(mirrorList);
        String name = FeedFiles.describe(fetcher, mirrorList, file);
        String text;
        try {
            if (Files.size(file) > MAX_MIRROR_LIST) {
                throw new FeedException(NAME, name, "the mirror list is " + Files.size(file)
                        + " bytes; a mirror list is a few lines");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (FeedException e) {
            throw e;
        } catch (IOException e) {
            throw FeedFiles.readError(NAME, name, e);
        }
        String url = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst()
                .orElseThrow(() -> new FeedException(NAME, name, "the mirror list names no repository"));
        return pathOf(name, url);
    }

    /**
     * {@code https://cdn.amazonlinux.com/2/core/2.0/x86_64/6b02…} → {@code 2/core/2.0/x86_64/6b02…/}: the
     * repository's path, which a mirror or {@code --from} folder holds below its own base. A relative line is
     * taken as a path below the base URL already.
     */
    static String pathOf(String name, String line) throws FeedException {
        String path;
        try {
            URI uri = new URI(line.replace("$basearch", "x86_64"));
            path = uri.getPath() == null ? "" : uri.getPath();
        } catch (URISyntaxException e) {
            throw new FeedException(NAME, name, "the mirror list's repository '" + line + "' is not a URL", e);
        }
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        if (path.isEmpty() || List.of(path.split("/")).contains("..")) {
            throw new FeedException(NAME, name, "the mirror list's repository '" + line
                    + "' is not a repository path");
        }
        return path.endsWith("/") ? path : path + "/";
    }
}
