package io.plimsoll.vuln.store;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One source's row in the database metadata.
 *
 * @param url        the base URL or folder the data came from
 * @param updatedAt  when this source's data was last fetched successfully (the data's age)
 * @param attemptAt  when an update of this source was last tried
 * @param error      why the last attempt failed, when it did (the data then is the older one)
 * @param records    how many rows the source contributed
 * @param checksum   SHA-256 over the fetched files, to tell whether anything changed
 * @param validators the HTTP validators (ETag / Last-Modified) per fetched path, for conditional GET
 * @param state      the updater's own cursors (NVD's last-modified time)
 */
public record SourceStatus(String name, String url, Optional<Instant> updatedAt, Instant attemptAt,
                           Optional<String> error, long records, String checksum, Map<String, String> validators,
                           Map<String, String> state) {

    public SourceStatus {
        validators = Map.copyOf(validators);
        state = Map.copyOf(state);
    }

    public boolean failed() {
        return error.isPresent();
    }
}
