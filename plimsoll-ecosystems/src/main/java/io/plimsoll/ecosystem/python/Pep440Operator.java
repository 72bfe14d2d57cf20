package io.plimsoll.ecosystem.python;

import java.util.Optional;

/** The comparison operators of PEP 440 version specifiers. */
enum Pep440Operator {
    // Declared so that each symbol comes before any shorter symbol it starts with (=== before ==, <= before <).
    ARBITRARY("==="),
    COMPATIBLE("~="),
    EQUAL("=="),
    NOT_EQUAL("!="),
    LESS_EQUAL("<="),
    GREATER_EQUAL(">="),
    LESS("<"),
    GREATER(">");

    private final String symbol;

    Pep440Operator(String symbol) {
        this.symbol = symbol;
    }

    String symbol() {
        return symbol;
    }

    /** The operator a clause starts with: the longest symbol that matches. */
    static Optional<Pep440Operator> startOf(String clause) {
        for (Pep440Operator op : values()) {
            if (clause.startsWith(op.symbol)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
