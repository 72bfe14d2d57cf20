package io.plimsoll.vuln.feed;

import io.plimsoll.vuln.FeedException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gives an updater its source's files by path below the source's base URL. Over HTTP it downloads with
 * conditional GET, retries and timeouts into a cache directory (an unchanged file is served from the cache);
 * in local mode it resolves the path in the source's folder of {@code --from DIR}. Either way the updater gets a
 * file on disk, so zip archives can be read with random access.
 */
public interface FeedFetcher {

    /** The source this fetcher serves. */
    String source();

    /** The base URL (or directory URI) paths are resolved against, for messages and metadata. */
    String baseUrl();

    /** The file at {@code path}; a missing file (HTTP 404) is an error. */
    Path fetch(String path) throws FeedException;

    /** The file at {@code path}, or empty when the source has no such file (HTTP 404, or absent locally). */
    Optional<Path> fetchIfPresent(String path) throws FeedException;

    /**
     * A response that is not cached between runs (paged APIs such as NVD's): {@code pathAndQuery} below the base
     * URL, with extra request headers (an API key). Local mode resolves the path without the query.
     */
    Path fetchUncached(String pathAndQuery, Map<String, String> headers) throws FeedException;

    /** True when reading {@code --from DIR}: paged APIs read whatever files the folder holds instead. */
    boolean isLocal();

    /** Local mode only: the regular files below {@code dir} (relative paths, sorted); empty over HTTP. */
    List<String> list(String dir) throws FeedException;
}
