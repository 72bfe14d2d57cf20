package io.plimsoll.policy.content;

/**
 * One match of a content rule in a file: which rule, where (path, layer, line), and the matched text masked so a
 * report never prints a whole secret ({@code AKIA************MPLE}).
 */
public record ContentHit(String rule, String path, int layer, int line, String masked) {
}
