package io.plimsoll.policy.gate.common;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The ordering comparisons Anchore's parameters spell as symbols ({@code severity_comparison: ">="}). */
public enum Comparison {
    EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

    public static final List<String> SYMBOLS = Arrays.stream(values()).map(c -> c.symbol).toList();

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public static Optional<Comparison> parse(String symbol) {
        return Arrays.stream(values()).filter(c -> c.symbol.equals(symbol.trim())).findFirst();
    }

    /** Whether {@code a <op> b}, given {@code compare(a, b)}. */
    public boolean holds(int compare) {
        return switch (this) {
            case EQ -> compare == 0;
            case NE -> compare != 0;
            case LT -> compare < 0;
            case LE -> compare <= 0;
            case GT -> compare > 0;
            case GE -> compare >= 0;
        };
    }

    public boolean holds(double a, double b) {
        return holds(Double.compare(a, b));
    }
}
