package io.plimsoll.server.analysis;

import java.util.Optional;
import java.util.function.Predicate;

/** Pulls and catalogs one image; {@code known} says whether a manifest digest is already analysed. */
@FunctionalInterface
interface Analyzer {

    Analysis analyze(String pullReference, Predicate<String> known) throws Exception;

    /**
     * The pull for {@code account}: an analyzer that knows registry credentials uses that account's; the access the
     * requester gave (Harbor names its registry and credentials), when there is one, wins. Stand-ins of tests that
     * never pull may ignore both.
     */
    default Analysis analyze(String account, String pullReference, Predicate<String> known,
                             Optional<PullAccess> access) throws Exception {
        return analyze(pullReference, known);
    }

    /** Called once when the worker module starts: housekeeping of what the analyzer keeps (none by default). */
    default void started(io.plimsoll.server.http.JsonLog log) {
    }
}
