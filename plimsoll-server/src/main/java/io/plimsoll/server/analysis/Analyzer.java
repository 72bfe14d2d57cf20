package io.plimsoll.server.analysis;

import java.util.Optional;
import java.util.function.Predicate;

/** Pulls and catalogs one image; {@code known} says whether a manifest digest is already analysed. */
@FunctionalInterface
interface Analyzer {

    Analysis analyze(String pullReference, Predicate<String> known) throws Exception;

    /**
     * As {@link #analyze(String, Predicate)}, pulling with the access the requester gave. Only the registry analyzer
     * pulls; stand-ins of tests that never pull may ignore it.
     */
    default Analysis analyze(String pullReference, Predicate<String> known, Optional<PullAccess> access)
            throws Exception {
        return analyze(pullReference, known);
    }
}
