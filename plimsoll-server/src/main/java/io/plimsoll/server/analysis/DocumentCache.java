package io.plimsoll.server.analysis;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last few decoded analyses, by manifest digest. An analysis never changes once stored (it is keyed by the
 * content's digest), so a cached one is never stale; this saves unzipping and parsing a file tree per request.
 */
final class DocumentCache {

    private final AnalysisRepository repo;
    private final Map<String, AnalysisDocument> cache;

    DocumentCache(AnalysisRepository repo, int size) {
        this.repo = repo;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, AnalysisDocument> eldest) {
                return size() > size;
            }
        };
    }

    Optional<AnalysisDocument> get(String digest) throws SQLException {
        synchronized (cache) {
            AnalysisDocument d = cache.get(digest);
            if (d != null) {
                return Optional.of(d);
            }
        }
        Optional<AnalysisDocument> loaded = repo.document(digest).map(AnalysisDocument::decode);
        loaded.ifPresent(d -> {
            synchronized (cache) {
                cache.put(digest, d);
            }
        });
        return loaded;
    }
}
