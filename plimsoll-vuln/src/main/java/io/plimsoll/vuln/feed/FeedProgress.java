package io.plimsoll.vuln.feed;

/** Download and parse progress, for a progress bar on a terminal or plain lines in CI logs. */
public interface FeedProgress {

    FeedProgress NONE = new FeedProgress() { };

    /** A download started; {@code totalBytes} is -1 when the server did not say. */
    default void downloading(String source, String url, long totalBytes) {
    }

    default void downloaded(String source, String url, long bytes) {
    }

    /** Bytes received so far for the current download of {@code source}. */
    default void bytes(String source, long soFar) {
    }

    /** A retry after a failure, with the delay before it. */
    default void retrying(String source, String url, String why, long delayMillis) {
    }

    default void message(String source, String message) {
    }

    default void finished(String source, boolean ok, String summary) {
    }
}
