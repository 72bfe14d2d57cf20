package io.plimsoll.vuln.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.testing.MemoryVulnStore;
import io.plimsoll.vuln.testing.RecordingSink;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The row cache in front of a store: rows read once, everything else answered by the store itself. */
class RowCacheTest {

    @Test
    void rowsAreReadOnceAndWhatTheStoreKnowsOfNamespacesIsKept() {
        RecordingSink sink = new RecordingSink();
        sink.affected(AffectedPackage.fixedIn("CVE-2024-1", "rocky", "rocky:9", "openssl", "rpm", "1:3.0.7-27.el9"));
        List<Collection<String>> reads = new ArrayList<>();
        VulnStore store = new ForwardingVulnStore(new MemoryVulnStore(sink)) {
            @Override
            public Map<String, List<AffectedPackage>> affected(String namespace, Collection<String> names) {
                reads.add(List.copyOf(names));
                return super.affected(namespace, names);
            }

            @Override
            public boolean hasRows(String namespace) {
                return namespace.equals("rocky:9"); // rocky:10: its feed published nothing
            }
        };
        RowCache cache = new RowCache(store);

        assertThat(cache.affected("rocky:9", List.of("openssl", "zlib")).get("openssl")).hasSize(1);
        assertThat(cache.affected("rocky:9", "openssl")).hasSize(1);
        assertThat(cache.affected("rocky:9", List.of("zlib", "bash")).get("bash")).isEmpty();
        // the second and third lookups asked the store only for what it had not been asked yet
        assertThat(reads).containsExactly(List.of("openssl", "zlib"), List.of("bash"));
        // an interface default ("can't tell: true") here would let a release without data pass as clean
        assertThat(cache.hasRows("rocky:10")).isFalse();
        assertThat(cache.hasRows("rocky:9")).isTrue();
    }
}
