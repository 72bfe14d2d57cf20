package io.plimsoll.vuln.feed;

import io.plimsoll.vuln.FeedException;
import java.io.IOException;

/**
 * One vulnerability data source: knows its upstream files and turns them into advisories, affected packages or
 * enrichment. It never opens a connection itself: it asks the {@link FeedFetcher} for paths below its base URL,
 * so the same code reads the real upstream, a mirror, or a local directory ({@code db update --from DIR}).
 */
public interface Updater {

    /** The short name users type and the folder it reads under {@code --from DIR}: {@code debian}, {@code osv}, … */
    String name();

    /** The real upstream base URL, ending in {@code /}; overridable per source for mirrors. */
    String defaultBaseUrl();

    /** One line for {@code db status} and {@code --help}. */
    String description();

    /**
     * Fetches this source's files and writes what they say to {@code sink}. Throws when the source as a whole
     * could not be read; the caller then keeps the previous data for this source and updates the others.
     */
    void update(FeedFetcher fetcher, FeedSink sink) throws FeedException, IOException;
}
