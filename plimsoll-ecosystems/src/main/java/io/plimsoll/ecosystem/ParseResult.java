package io.plimsoll.ecosystem;

import java.util.List;

/** What a package database parser could read, and what it had to skip or guess at on the way. */
public record ParseResult<T>(List<T> packages, List<ParseWarning> warnings) {

    public ParseResult {
        packages = List.copyOf(packages);
        warnings = List.copyOf(warnings);
    }
}
