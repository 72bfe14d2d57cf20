package io.plimsoll.ecosystem.wolfi;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.FeedFetcher;
import io.plimsoll.vuln.feed.FeedFiles;
import io.plimsoll.vuln.feed.FeedSink;
import io.plimsoll.vuln.feed.Updater;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * One apk distribution's security database, a single secdb JSON file ({@code os/security.json} below
 * {@code https://packages.wolfi.dev/} for Wolfi, {@code chainguard/security.json} below
 * {@code https://packages.cgr.dev/} for Chainguard). It is one file, so the fetcher's conditional GET is the whole of
 * the incremental update: an unchanged file is not downloaded again.
 */
public final class WolfiSecdbUpdater implements Updater {

    public static final String WOLFI = "wolfi";
    public static final String CHAINGUARD = "chainguard";

    private final String name;
    private final String baseUrl;
    private final String path;
    private final String description;

    private WolfiSecdbUpdater(String name, String baseUrl, String path, String description) {
        this.name = name;
        this.baseUrl = baseUrl;
        this.path = path;
        this.description = description;
    }

    public static WolfiSecdbUpdater wolfi() {
        return new WolfiSecdbUpdater(WOLFI, "https://packages.wolfi.dev/", "os/security.json",
                "Wolfi secdb: the versions of each Wolfi package that fixed each vulnerability");
    }

    public static WolfiSecdbUpdater chainguard() {
        return new WolfiSecdbUpdater(CHAINGUARD, "https://packages.cgr.dev/", "chainguard/security.json",
                "Chainguard OS secdb: the versions of each Chainguard package that fixed each vulnerability");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String defaultBaseUrl() {
        return baseUrl;
    }

    @Override
    public String description() {
        return description;
    }

    /** The file below the base URL, and below {@code DIR/<name>/} for {@code --from DIR}. */
    String path() {
        return path;
    }

    @Override
    public void update(FeedFetcher fetcher, FeedSink sink) throws FeedException, IOException {
        Path file = fetcher.fetch(path);
        String described = FeedFiles.describe(fetcher, path, file);
        JsonNode doc;
        try (InputStream in = FeedFiles.openChecked(name, described, file, "JSON")) {
            doc = FeedFiles.readJson(name, described, in);
        } catch (IOException e) {
            throw FeedFiles.readError(name, described, e);
        }
        WolfiSecdb rows = WolfiSecdb.read(name, described, name + ":rolling", doc);
        rows.writeTo(sink);
        sink.progress(name + ": " + rows.packages() + " packages, " + rows.advisories() + " advisories, "
                + rows.rows() + " fixed versions");
    }
}
