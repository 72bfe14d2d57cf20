package io.plimsoll.ecosystem.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.FeedFetcher;
import io.plimsoll.vuln.feed.FeedFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The topics Amazon Linux 2's extras offer, as {@code amazon-linux-extras} itself learns them: the catalog at
 * {@code 2/extras-catalog.json} below the CDN, {@code {"topics": [{"n": "docker", "versions": [...], "inst":
 * [...], "deprecated-at": ..., "visible": [...]}, ...]}}. A retired topic stays listed (with {@code deprecated-at})
 * and is still read: images built while it was offered keep its packages. The updater reads every listed topic, so
 * no topic an image may have installed from is left out by a list kept by hand.
 */
final class AmazonExtrasCatalog {

    static final String PATH = "2/extras-catalog.json";

    /** What a topic name may be: it becomes a path below the base URL and part of a namespace. */
    static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");

    /** The catalog's topics and the names in it that cannot be topics (reported, not read). */
    record Topics(List<String> names, List<String> refused) {
    }

    private AmazonExtrasCatalog() {
    }

    /** The topics the catalog lists, in its order; empty when there is no catalog under the base URL. */
    static Optional<Topics> read(FeedFetcher fetcher) throws FeedException {
        Optional<Path> file = fetcher.fetchIfPresent(PATH);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        String name = FeedFiles.describe(fetcher, PATH, file.get());
        JsonNode topics = FeedFiles.readJson(AmazonUpdateInfoUpdater.NAME, name, open(file.get(), name))
                .path("topics");
        if (!topics.isArray()) {
            throw new FeedException(AmazonUpdateInfoUpdater.NAME, name, "no \"topics\" list: not an extras catalog");
        }
        Set<String> names = new LinkedHashSet<>();
        List<String> refused = new ArrayList<>();
        for (JsonNode t : topics) {
            String n = t.path("n").asText("");
            if (isTopic(n)) {
                names.add(n);
            } else if (!n.isEmpty()) {
                refused.add(n);
            }
        }
        if (names.isEmpty()) {
            throw new FeedException(AmazonUpdateInfoUpdater.NAME, name, "the extras catalog lists no topic");
        }
        return Optional.of(new Topics(List.copyOf(names), List.copyOf(refused)));
    }

    static boolean isTopic(String name) {
        return TOPIC.matcher(name).matches() && !name.contains("..");
    }

    private static java.io.InputStream open(Path file, String name) throws FeedException {
        try {
            return java.nio.file.Files.newInputStream(file);
        } catch (java.io.IOException e) {
            throw FeedFiles.readError(AmazonUpdateInfoUpdater.NAME, name, e);
        }
    }
}
