package io.plimsoll.vuln.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.vuln.Advisory;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreBuilderTest {

    @TempDir
    Path tmp;

    @Test
    void aSecondUpdateOfOneFileIsRefusedWhileTheFirstRunsAndAllowedAfterIt() throws Exception {
        Path db = tmp.resolve("vuln.db");
        try (StoreBuilder first = StoreBuilder.create(db)) {
            assertThatThrownBy(() -> StoreBuilder.create(db)).isInstanceOf(StoreException.class)
                    .hasMessage(db + ": another update of this database is running (it holds " + db
                            + ".lock); try again when it has finished");
            first.sink("a").advisory(Advisory.of("CVE-1", "a"));
            first.succeeded("a", "file:/a/", Map.of(), "");
            first.commit();
            // the lock goes with the commit, before the builder is closed
            try (StoreBuilder second = StoreBuilder.create(db)) {
                second.commit();
            }
        }
        // an abandoned update releases the lock too
        try (StoreBuilder abandoned = StoreBuilder.create(db)) {
            abandoned.sink("a").advisory(Advisory.of("CVE-2", "a"));
        }
        try (StoreBuilder again = StoreBuilder.create(db)) {
            again.commit();
        }
        try (SqliteVulnStore store = SqliteVulnStore.open(db)) {
            assertThat(store.advisory("a", "CVE-1")).isPresent();
            assertThat(store.advisory("a", "CVE-2")).isEmpty();
        }
    }
}
