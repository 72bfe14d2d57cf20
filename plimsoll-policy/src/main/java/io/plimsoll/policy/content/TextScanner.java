package io.plimsoll.policy.content;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Runs a set of {@link SecretRule}s over one text. Thread-safe and reusable: build it once per rule set.
 *
 * <p>Speed comes from not running regexes over text where they cannot match. One pass over the bytes tests each
 * pair of adjacent bytes against a 64 Kbit table of the pairs the rules' keywords were anchored on (8 KB: it stays
 * in the L1 cache). Where a pair is set, the keywords anchored on it are compared in full, and where a keyword
 * starts, each of its rules' regexes is tried once from there. Ordinary text sets the table for a few positions in
 * a hundred, and only a few of those start a keyword.
 *
 * <p>Given the file's path, the generic rules ({@link SecretRule#generic}) give way in the documentation of source
 * files ({@link SourceSyntax}): comments, docstrings, POD. Which parts of a file are documentation is worked out
 * only when a generic rule has a match to report, so files without one never pay for it.
 */
public final class TextScanner {

    /** Hits kept per rule per file: a log of ten thousand identical tokens says no more than its first hundred. */
    public static final int MAX_HITS_PER_RULE = 100;

    /**
     * One secret found.
     *
     * @param line   1-based line of the keyword where the match starts
     * @param offset where the secret starts in the file (bytes)
     */
    public record Hit(String rule, int line, int offset, String masked) {
    }

    /** A keyword in the form the inner loop compares: lower-cased bytes, and which bytes ignore case. */
    private record Entry(byte[] text, byte[] caseBits, int anchor, int[] rules) {
        boolean matchesAt(byte[] b, int length, int start) {
            if (start < 0 || start + text.length > length) {
                return false;
            }
            for (int k = 0; k < text.length; k++) {
                if ((b[start + k] | caseBits[k]) != text[k]) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<SecretRule> rules;
    private final long[] pairs = new long[1 << 10];
    private final Entry[][] byPair = new Entry[1 << 16][];

    public TextScanner(List<SecretRule> rules) {
        this.rules = List.copyOf(rules);
        java.util.Map<String, List<Integer>> rulesByKeyword = new java.util.LinkedHashMap<>();
        java.util.Map<String, SecretRule.Keyword> keywords = new java.util.HashMap<>();
        for (int r = 0; r < this.rules.size(); r++) {
            for (SecretRule.Keyword k : this.rules.get(r).keywords()) {
                String key = k.ignoreCase() + ":" + k.anchor() + ":" + k.text();
                keywords.put(key, k);
                rulesByKeyword.computeIfAbsent(key, x -> new ArrayList<>()).add(r);
            }
        }
        for (var e : rulesByKeyword.entrySet()) {
            SecretRule.Keyword k = keywords.get(e.getKey());
            byte[] text = k.text().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] caseBits = new byte[text.length];
            for (int i = 0; i < text.length; i++) {
                if (k.ignoreCase() && Character.isLetter(text[i])) {
                    caseBits[i] = 0x20; // ASCII letters differ in case by this bit only; the text is lower case
                }
            }
            Entry entry = new Entry(text, caseBits, k.anchor(), e.getValue().stream().mapToInt(Integer::intValue)
                    .toArray());
            byte a = text[k.anchor()];
            byte b = text[k.anchor() + 1];
            for (byte x : variants(a, caseBits[k.anchor()] != 0)) {
                for (byte y : variants(b, caseBits[k.anchor() + 1] != 0)) {
                    int pair = (x & 0xff) << 8 | (y & 0xff);
                    pairs[pair >>> 6] |= 1L << pair;
                    Entry[] old = byPair[pair];
                    Entry[] now = old == null ? new Entry[1] : java.util.Arrays.copyOf(old, old.length + 1);
                    now[now.length - 1] = entry;
                    byPair[pair] = now;
                }
            }
        }
    }

    private static byte[] variants(byte c, boolean anyCase) {
        return anyCase ? new byte[] {c, (byte) (c & ~0x20)} : new byte[] {c};
    }

    public List<SecretRule> rules() {
        return rules;
    }

    /** Every secret in the first {@code length} bytes of {@code b}, in file order, reading it as plain text. */
    public List<Hit> scan(byte[] b, int length) {
        return scan(b, length, "");
    }

    /**
     * Every secret in the first {@code length} bytes of {@code b}, in file order; {@code path} (its name is enough)
     * tells source files, whose documentation the generic rules skip, from configuration and data.
     */
    public List<Hit> scan(byte[] b, int length, String path) {
        Scan s = new Scan(b, length, path);
        if (length < 2) {
            return List.of();
        }
        int prev = b[0] & 0xff;
        long[] table = pairs;
        for (int i = 1; i < length; i++) {
            int cur = b[i] & 0xff;
            int pair = prev << 8 | cur;
            if ((table[pair >>> 6] & 1L << pair) != 0) {
                s.candidate(i - 1, byPair[pair]);
            }
            prev = cur;
        }
        return s.finish();
    }

    /** The state of one file's scan. */
    private final class Scan {
        private final byte[] b;
        private final int length;
        private final ByteText text;
        private final String path;
        private SourceSyntax.Regions documentation;
        private final Matcher[] matchers = new Matcher[rules.size()];
        private final int[] counts = new int[rules.size()];
        private final Set<Long> seen = new HashSet<>();
        private final List<Hit> hits = new ArrayList<>();
        private final List<Integer> hitRules = new ArrayList<>();
        private int linePos;
        private int line = 1;

        Scan(byte[] b, int length, String path) {
            this.b = b;
            this.length = length;
            this.text = new ByteText(b, length);
            this.path = path;
        }

        private boolean inDocumentation(int pos) {
            if (documentation == null) {
                documentation = SourceSyntax.of(path, b, length).documentation(b, length);
            }
            return documentation.contains(pos);
        }

        void candidate(int pairAt, Entry[] entries) {
            for (Entry e : entries) {
                int start = pairAt - e.anchor;
                if (e.matchesAt(b, length, start)) {
                    for (int r : e.rules) {
                        tryRule(r, start, start + e.text.length);
                    }
                }
            }
        }

        private void tryRule(int r, int start, int keywordEnd) {
            SecretRule rule = rules.get(r);
            if (counts[r] >= MAX_HITS_PER_RULE || !rule.precheck().test(b, length, keywordEnd)) {
                return;
            }
            Matcher m = matchers[r];
            if (m == null) {
                m = rule.pattern().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
                matchers[r] = m;
            }
            m.region(start, (int) Math.min(length, (long) start + rule.span()));
            if (!m.lookingAt()) {
                return;
            }
            String value = SecretRule.value(m);
            int valueStart = valueStart(m);
            if (!seen.add((long) r << 32 | valueStart) || !rule.accepts(value, m, text)
                    || rule.generic() && inDocumentation(start)) {
                return;
            }
            counts[r]++;
            hits.add(new Hit(rule.name(), lineAt(start), valueStart, Secrets.mask(value)));
            hitRules.add(r);
        }

        private int valueStart(Matcher m) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.start(g) >= 0) {
                    return m.start(g);
                }
            }
            return m.start();
        }

        /** Lines are counted only up to hits, and only once for hits in file order. */
        private int lineAt(int pos) {
            for (int i = pos; i < linePos; i++) { // a keyword anchored further in may start before the last hit
                if (b[i] == '\n') {
                    line--;
                }
            }
            for (int i = linePos; i < pos; i++) {
                if (b[i] == '\n') {
                    line++;
                }
            }
            linePos = pos;
            return line;
        }

        /** Drops a generic rule's hit where a specific rule found the same value. */
        List<Hit> finish() {
            Set<Integer> specific = new HashSet<>();
            for (int i = 0; i < hits.size(); i++) {
                if (!rules.get(hitRules.get(i)).generic()) {
                    specific.add(hits.get(i).offset());
                }
            }
            List<Hit> out = new ArrayList<>(hits.size());
            for (int i = 0; i < hits.size(); i++) {
                if (!rules.get(hitRules.get(i)).generic() || !specific.contains(hits.get(i).offset())) {
                    out.add(hits.get(i));
                }
            }
            return out;
        }
    }
}
