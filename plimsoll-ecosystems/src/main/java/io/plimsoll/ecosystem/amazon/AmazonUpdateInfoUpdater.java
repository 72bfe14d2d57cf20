package io.plimsoll.ecosystem.amazon;

import io.plimsoll.ecosystem.rpm.repodata.ErrataRows;
import io.plimsoll.ecosystem.rpm.repodata.RepositoryErrata;
import io.plimsoll.ecosystem.rpm.repodata.UpdateInfoReader;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.FeedFetcher;
import io.plimsoll.vuln.feed.FeedFiles;
import io.plimsoll.vuln.feed.FeedSink;
import io.plimsoll.vuln.feed.Updater;
import io.plimsoll.vuln.store.SourceStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Amazon Linux's security advisories (ALAS) as its core repositories publish them, at
 * {@code https://cdn.amazonlinux.com/}: each release's {@code mirror.list} names the current repository by an
 * absolute URL, whose {@code repodata/repomd.xml} names the {@code updateinfo.xml.gz}. The repository URL's path is
 * taken below the configured base URL, so a mirror or {@code --from DIR} holds the same tree
 * ({@code DIR/amazon/2/core/2.0/x86_64/<guid>/repodata/repomd.xml}). Amazon Linux 2 files as {@code amzn:2},
 * 2023 as {@code amzn:2023}, as their os-release {@code VERSION_ID} says.
 *
 * <p>Amazon Linux 2's extras topics (amazon-linux-extras: {@code docker}, {@code kernel-5.10}, {@code nginx1}, …)
 * are yum repositories of their own with their own advisories ({@code ALAS2DOCKER-2023-024}), for packages core may
 * ship too under the same name: each configured topic is read by the same chain from
 * {@code 2/extras/<topic>/latest/x86_64/mirror.list} and filed as {@code amzn:2:extras:<topic>}
 * ({@link #extrasNamespace}), never mixed with core's rows. Each topic is a part of the source
 * ({@code amazon/extras/docker}) with its own age, error and row count, since a topic that was not read leaves its
 * packages unchecked however fresh core is. A topic without a mirror list (HTTP 404: retired, or never a topic) is
 * skipped, its part recording "no such extras topic"; one that fails keeps its older data, as the others update.
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

    /**
     * The topics read when Amazon's extras catalog ({@link AmazonExtrasCatalog}, which the default reads) is not
     * under the base URL (a mirror without it, an old {@code --from} tree): the long-lived ones with security
     * advisories, and the runtimes and kernels most images install from extras. A topic Amazon retires is skipped,
     * not an error.
     */
    public static final List<String> DEFAULT_EXTRAS = List.of("docker", "ecs", "kernel-5.4", "kernel-5.10",
            "kernel-5.15", "livepatch", "nginx1", "php7.4", "php8.0", "php8.1", "php8.2", "postgresql11",
            "postgresql12", "postgresql13", "postgresql14", "redis6", "mariadb10.5", "python3.8", "ruby3.0",
            "golang1.11", "corretto8", "java-openjdk11", "tomcat9", "haproxy2", "httpd_modules", "epel", "ansible2",
            "lustre", "rust1", "vim");

    /** A mirror list is a few lines; anything far larger is not one. */
    private static final long MAX_MIRROR_LIST = 1 << 20;

    private final List<String> extras;
    /** The topics are the extras catalog's, {@link #extras} only when there is none. */
    private final boolean fromCatalog;

    /** Core for AL2 and AL2023, and every AL2 extras topic the catalog lists ({@link #DEFAULT_EXTRAS} without one). */
    public AmazonUpdateInfoUpdater() {
        this(DEFAULT_EXTRAS, true);
    }

    /**
     * Core for AL2 and AL2023, and these AL2 extras topics (none when empty).
     *
     * @throws IllegalArgumentException naming a topic that cannot be one ({@code ../x}, a space)
     */
    public AmazonUpdateInfoUpdater(List<String> extras) {
        this(extras, false);
    }

    private AmazonUpdateInfoUpdater(List<String> extras, boolean fromCatalog) {
        this.fromCatalog = fromCatalog;
        for (String topic : extras) {
            if (!AmazonExtrasCatalog.isTopic(topic)) {
                throw new IllegalArgumentException("'" + topic + "' is not an Amazon Linux 2 extras topic name "
                        + "(letters, digits, '.', '_', '+', '-', as amazon-linux-extras lists them)");
            }
        }
        this.extras = List.copyOf(new LinkedHashSet<>(extras));
    }

    /**
     * A comma-separated topic list as the config files write it ({@code docker, nginx1}); blank or {@code none}
     * is no topic.
     *
     * @throws IllegalArgumentException naming a topic that cannot be one
     */
    public static List<String> parseExtras(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.equalsIgnoreCase("none")) {
            return List.of();
        }
        List<String> topics = Arrays.stream(t.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
        return new AmazonUpdateInfoUpdater(topics).extras(); // checked, each once
    }

    /** The AL2 extras topics this updater reads (for the default: those it reads when there is no catalog). */
    public List<String> extras() {
        return extras;
    }

    /**
     * The part of this source a topic's data is ({@code extras/docker}), recorded with its own age and error and
     * named {@code amazon/extras/docker} where parts are listed; an image with a package from the topic needs it.
     */
    public static String extrasPart(String topic) {
        return "extras/" + topic;
    }

    /** Where a topic's rows are filed: {@code amzn:2:extras:docker}. */
    public static String extrasNamespace(String topic) {
        return DISTRO + ":2:extras:" + topic;
    }

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
        return "Amazon Linux security advisories (ALAS): the builds that fixed each, Amazon Linux 2 (core and extras"
                + " topics) and 2023";
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
        extras(topics(fetcher, sink), fetcher, sink, rows, repositories);
        rows.finish();
        sink.progress(NAME + ": " + RELEASES.size() + " releases, " + rows.advisories() + " advisories, "
                + rows.rows() + " fixed packages");
    }

    /**
     * The topics to read: the configured ones, or every topic Amazon's extras catalog lists; without a catalog (or
     * with one that cannot be read, which is said) the well-known ones, so core and those still update.
     */
    private List<String> topics(FeedFetcher fetcher, FeedSink sink) {
        if (!fromCatalog) {
            return extras;
        }
        try {
            Optional<AmazonExtrasCatalog.Topics> catalog = AmazonExtrasCatalog.read(fetcher);
            if (catalog.isPresent()) {
                sink.progress(NAME + ": 2 extras: the catalog lists " + catalog.get().names().size() + " topics"
                        + (catalog.get().refused().isEmpty() ? "" : "; not topic names, not read: "
                        + String.join(", ", catalog.get().refused())));
                return catalog.get().names();
            }
            sink.progress(NAME + ": 2 extras: no catalog at " + fetcher.baseUrl() + AmazonExtrasCatalog.PATH
                    + "; reading the " + extras.size() + " well-known topics");
        } catch (FeedException e) {
            sink.progress(NAME + ": 2 extras: the catalog cannot be read (" + e.getMessage() + "); reading the "
                    + extras.size() + " well-known topics");
        }
        return extras;
    }

    /**
     * AL2's extras topics, each a repository of its own and a part of this source ({@link #extrasPart}) with its own
     * age, error and row count, so a scan is judged by the topics its packages came from. A topic is read whole into
     * its own rows before they join the others: one whose fetch or parse fails records its error and keeps its older
     * data (the source's previous rows are kept, and the topics read now replace theirs advisory by advisory, as
     * OSV's ecosystems do); one without a mirror list is not published, which is its error but not a failed update.
     */
    private void extras(List<String> extras, FeedFetcher fetcher, FeedSink sink, ErrataRows rows,
                        RepositoryErrata repositories) {
        Map<String, Integer> read = new LinkedHashMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        Map<String, String> unpublished = new LinkedHashMap<>();
        for (String topic : extras) {
            String mirrorList = "2/extras/" + topic + "/latest/x86_64/mirror.list";
            try {
                Optional<Path> list = fetcher.fetchIfPresent(mirrorList);
                if (list.isEmpty()) {
                    unpublished.put(topic, "no such extras topic at " + fetcher.baseUrl() + mirrorList);
                    continue;
                }
                String repo = repository(fetcher, mirrorList, list.get());
                ErrataRows topicRows = new ErrataRows(NAME, sink);
                RepositoryErrata.Result result = repositories.read(fetcher, repo, extrasNamespace(topic), topicRows,
                        sink).orElseThrow(() -> new FeedException(NAME, fetcher.baseUrl() + repo
                        + "repodata/repomd.xml", "the repository " + mirrorList + " names has no repodata/repomd.xml"));
                rows.addAll(topicRows);
                read.put(topic, topicRows.rows());
                sink.progress(NAME + ": 2 extras " + topic + ": " + result.errata() + " errata, " + result.security()
                        + " security");
            } catch (FeedException e) {
                failed.put(topic, e.getMessage());
            } catch (UncheckedIOException e) {
                failed.put(topic, NAME + ": " + mirrorList + ": " + e.getCause().getMessage());
            }
        }
        // nothing is written yet, so the previous rows can still be kept: only when a topic not read now may have
        // had data before
        boolean kept = Stream.concat(failed.keySet().stream(), unpublished.keySet().stream())
                .anyMatch(t -> mayHaveHadData(sink, t)) && sink.keepPrevious();
        String now = Instant.now().toString();
        read.forEach((topic, count) -> {
            String part = extrasPart(topic);
            sink.state(SourceStatus.partKey(part, "updated"), now);
            sink.state(SourceStatus.partKey(part, "error"), "");
            sink.state(SourceStatus.partKey(part, "unpublished"), "");
            sink.state(SourceStatus.partKey(part, "records"), Integer.toString(count));
        });
        failed.forEach((topic, error) -> notRead(sink, topic, error, false, kept));
        unpublished.forEach((topic, error) -> notRead(sink, topic, error, true, kept));
        failed.forEach((topic, error) -> sink.progress(NAME + ": 2 extras " + topic + " failed (" + error + ")"
                + (kept ? ": its older data, if any, is kept" : "")));
        if (!extras.isEmpty()) {
            sink.progress(NAME + ": 2 extras: " + read.size() + " of " + extras.size() + " topics read"
                    + (unpublished.isEmpty() ? "" : "; no mirror list (skipped): "
                    + String.join(", ", unpublished.keySet())));
        }
    }

    /** A topic without a record of its own may still have rows: in a database written before topics were parts. */
    private static boolean mayHaveHadData(FeedSink sink, String topic) {
        return sink.previousState(SourceStatus.partKey(extrasPart(topic), "updated")).map(u -> !u.isEmpty())
                .orElse(true);
    }

    /** A topic not read this time: its error; its older age and row count stay when its older rows were kept. */
    private static void notRead(FeedSink sink, String topic, String error, boolean unpublished, boolean kept) {
        String part = extrasPart(topic);
        sink.state(SourceStatus.partKey(part, "error"), error);
        sink.state(SourceStatus.partKey(part, "unpublished"), unpublished ? "true" : "");
        if (!kept) {
            sink.state(SourceStatus.partKey(part, "updated"), "");
            sink.state(SourceStatus.partKey(part, "records"), "0");
        }
    }

    /** The repository the mirror list names, as a path below the base URL ending in '/'. */
    static String repository(FeedFetcher fetcher, String mirrorList) throws FeedException {
        return repository(fetcher, mirrorList, fetcher.fetch(mirrorList));
    }

    private static String repository(FeedFetcher fetcher, String mirrorList, Path file) throws FeedException {
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
