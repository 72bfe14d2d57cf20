package io.plimsoll.ecosystem.alpine;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.vuln.feed.FeedFiles;
import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.StructuredText;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.FeedFetcher;
import io.plimsoll.vuln.feed.FeedSink;
import io.plimsoll.vuln.feed.Updater;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alpine's security database, {@code https://secdb.alpinelinux.org/}: one folder per release ({@code v3.12/},
 * {@code edge/}) holding {@code main.json} and {@code community.json}. Over HTTP the releases are the folder links
 * of the server's directory listing; from {@code --from DIR} they are the folders that hold secdb files. Each
 * file may also be the older YAML form ({@code main.yaml}), read when the JSON one is absent, so a copy of the
 * alpine-secdb repository works as a {@code --from} folder. Old releases have no community file.
 */
public final class AlpineSecdbUpdater implements Updater {

    public static final String NAME = "alpine";

    private static final List<String> REPOSITORIES = List.of("main", "community");

    /** A release folder link in the index page: {@code href="v3.12/"}, {@code href="edge/"}. */
    private static final Pattern INDEX_LINK = Pattern.compile("href=\"(v\\d+\\.\\d+|edge)/\"");

    /** A secdb file in a local folder: {@code v3.12/main.json}, {@code edge/community.yaml}. */
    private static final Pattern LOCAL_FILE = Pattern.compile("(v\\d+\\.\\d+|edge)/(main|community)\\.(json|yaml)");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultBaseUrl() {
        return "https://secdb.alpinelinux.org/";
    }

    @Override
    public String description() {
        return "Alpine secdb: the versions of each Alpine package that fixed each CVE, per release";
    }

    @Override
    public void update(FeedFetcher fetcher, FeedSink sink) throws FeedException, IOException {
        List<String> releases = fetcher.isLocal() ? localReleases(fetcher) : indexReleases(fetcher);
        SecdbDocument rows = new SecdbDocument(sink);
        for (String release : releases) {
            String namespace = namespaceOf(release);
            for (String repo : REPOSITORIES) {
                Optional<Secdb> file = find(fetcher, release, repo);
                if (file.isEmpty()) {
                    if (repo.equals("main")) {
                        throw new FeedException(NAME, fetcher.baseUrl() + release + "/main.json",
                                "the release is listed but has neither main.json nor main.yaml");
                    }
                    continue;
                }
                int packages = rows.read(file.get().name(), namespace, file.get().read());
                sink.progress(NAME + ": " + release + " " + repo + ": " + packages + " packages");
            }
        }
        rows.finish();
        sink.progress(NAME + ": " + releases.size() + " releases, " + rows.advisories() + " advisories, "
                + rows.rows() + " fixed versions");
    }

    /** {@code alpine:3.12} for {@code v3.12}, {@code alpine:edge} for {@code edge}: what {@code Distro} gives. */
    static String namespaceOf(String release) {
        return NAME + ":" + (release.startsWith("v") ? release.substring(1) : release);
    }

    private static List<String> indexReleases(FeedFetcher fetcher) throws FeedException {
        String html = FeedFiles.listing(NAME, fetcher, "");
        TreeSet<String> releases = new TreeSet<>(RELEASE_ORDER);
        Matcher m = INDEX_LINK.matcher(html);
        while (m.find()) {
            releases.add(m.group(1));
        }
        if (releases.isEmpty()) {
            throw new FeedException(NAME, fetcher.baseUrl(),
                    "the release index links no release folders (vX.Y/ or edge/)");
        }
        return List.copyOf(releases);
    }

    private static List<String> localReleases(FeedFetcher fetcher) throws FeedException {
        TreeSet<String> releases = new TreeSet<>(RELEASE_ORDER);
        for (String file : fetcher.list("")) {
            Matcher m = LOCAL_FILE.matcher(file);
            if (m.matches()) {
                releases.add(m.group(1));
            }
        }
        if (releases.isEmpty()) {
            throw new FeedException(NAME, fetcher.baseUrl(),
                    "no release folders with secdb files (vX.Y/main.json or main.yaml, edge/…)");
        }
        return List.copyOf(releases);
    }

    /** Releases by version, v3.3 before v3.10, edge last. */
    static final Comparator<String> RELEASE_ORDER = Comparator.comparing((String r) -> r.equals("edge"))
            .thenComparing(r -> r.equals("edge") ? new int[0] : Arrays.stream(r.substring(1).split("\\."))
                    .mapToInt(Integer::parseInt).toArray(), Arrays::compare);

    /** A secdb file found for a release and repository, JSON preferred. */
    private record Secdb(String name, Path file, boolean yaml) {

        JsonNode read() throws FeedException {
            if (!yaml) {
                try (InputStream in = open()) {
                    return FeedFiles.readJson(NAME, name, in);
                } catch (IOException e) {
                    throw FeedFiles.readError(NAME, name, e);
                }
            }
            byte[] content;
            try (InputStream in = open()) {
                content = in.readAllBytes();
            } catch (IOException e) {
                throw FeedFiles.readError(NAME, name, e);
            }
            try {
                List<JsonNode> docs = StructuredText.yaml(name, content);
                if (docs.size() != 1) {
                    throw new FeedException(NAME, name, docs.isEmpty() ? "the file is empty"
                            : "expected one YAML document but found " + docs.size());
                }
                return docs.get(0);
            } catch (PackageDbException e) {
                throw new FeedException(NAME, name, e.reason(), e);
            }
        }

        private InputStream open() throws FeedException {
            return FeedFiles.openChecked(NAME, name, file, yaml ? "YAML" : "JSON");
        }
    }

    private static Optional<Secdb> find(FeedFetcher fetcher, String release, String repo) throws FeedException {
        for (String ext : List.of("json", "yaml")) {
            String path = release + "/" + repo + "." + ext;
            Optional<Path> file = fetcher.fetchIfPresent(path);
            if (file.isPresent()) {
                return Optional.of(new Secdb(FeedFiles.describe(fetcher, path, file.get()), file.get(),
                        ext.equals("yaml")));
            }
        }
        return Optional.empty();
    }
}
