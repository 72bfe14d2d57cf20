package io.plimsoll.ecosystem.photon;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.FeedFetcher;
import io.plimsoll.vuln.feed.FeedFiles;
import io.plimsoll.vuln.feed.FeedSink;
import io.plimsoll.vuln.feed.Updater;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Photon OS's CVE metadata, {@code https://packages.broadcom.com/photon/photon_cve_metadata/}:
 * {@code photon_versions.json} lists the releases ({@code {"branches": ["3.0", "4.0", "5.0"]}}), and
 * {@code cve_data_photon<release>.json} holds each release's entries. Each file is fetched with conditional GET, so
 * an unchanged release is not downloaded again. A listed release without its file fails the source (its older
 * data is kept) rather than silently dropping that release's data.
 */
public final class PhotonUpdater implements Updater {

    public static final String NAME = "photon";

    static final String VERSIONS = "photon_versions.json";

    /** A release as Photon names it ({@code 3.0}); anything else would put text from the feed into a path. */
    private static final Pattern RELEASE = Pattern.compile("\\d{1,3}\\.\\d{1,3}");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultBaseUrl() {
        return "https://packages.broadcom.com/photon/photon_cve_metadata/";
    }

    @Override
    public String description() {
        return "Photon OS CVE metadata: the fixed rpm version of each package per CVE, per release";
    }

    /** The file of one release below the base URL. */
    static String releaseFile(String release) {
        return "cve_data_photon" + release + ".json";
    }

    @Override
    public void update(FeedFetcher fetcher, FeedSink sink) throws FeedException, IOException {
        List<String> releases = releases(fetcher, sink);
        PhotonCveData rows = new PhotonCveData(NAME);
        for (String release : releases) {
            Document file = Document.fetch(fetcher, releaseFile(release));
            int entries = rows.read(file.name(), NAME + ":" + release, file.json());
            sink.progress(NAME + ": " + release + ": " + entries + " entries");
        }
        rows.writeTo(sink);
        sink.progress(NAME + ": " + releases.size() + " releases, " + rows.advisories() + " advisories, "
                + rows.rows() + " rows");
    }

    private static List<String> releases(FeedFetcher fetcher, FeedSink sink) throws FeedException {
        Document versions = Document.fetch(fetcher, VERSIONS);
        JsonNode branches = versions.json().path("branches");
        if (!branches.isArray()) {
            throw new FeedException(NAME, versions.name(), "expected an object with a 'branches' list of releases");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode b : branches) {
            String release = b.isTextual() ? b.asText().strip() : "";
            if (RELEASE.matcher(release).matches()) {
                if (!out.contains(release)) {
                    out.add(release);
                }
            } else {
                sink.progress(NAME + ": skipped the release '" + b.asText() + "' (not a release like 5.0)");
            }
        }
        if (out.isEmpty()) {
            throw new FeedException(NAME, versions.name(), "lists no releases");
        }
        return out;
    }

    /** A fetched JSON file and how messages name it (its URL, or its path under {@code --from}). */
    private record Document(String name, JsonNode json) {

        static Document fetch(FeedFetcher fetcher, String path) throws FeedException {
            Path file = fetcher.fetch(path);
            String name = FeedFiles.describe(fetcher, path, file);
            try (InputStream in = FeedFiles.openChecked(NAME, name, file, "JSON")) {
                return new Document(name, FeedFiles.readJson(NAME, name, in));
            } catch (IOException e) {
                throw FeedFiles.readError(NAME, name, e);
            }
        }
    }
}
