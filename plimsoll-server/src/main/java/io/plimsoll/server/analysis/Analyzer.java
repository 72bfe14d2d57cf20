package io.plimsoll.server.analysis;

import java.util.function.Predicate;

/** Pulls and catalogs one image; {@code known} says whether a manifest digest is already analysed. */
@FunctionalInterface
interface Analyzer {

    Analysis analyze(String pullReference, Predicate<String> known) throws Exception;

    /** The pull for {@code account}: an analyzer that knows registry credentials uses that account's. */
    default Analysis analyze(String account, String pullReference, Predicate<String> known) throws Exception {
        return analyze(pullReference, known);
    }
}
