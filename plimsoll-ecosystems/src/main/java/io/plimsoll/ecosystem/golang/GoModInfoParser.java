package io.plimsoll.ecosystem.golang;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the module info text Go embeds in executables (what {@code go version -m} prints after the first line):
 * tab-separated lines {@code path}, {@code mod}, {@code dep}, {@code =>} (a replacement for the module on the line
 * before) and {@code build key=value}. Lenient where Go is strict: a line it cannot read is skipped with a warning
 * and the rest still counts.
 */
final class GoModInfoParser {

    private static final int MAX_WARNINGS = 5;

    private GoModInfoParser() {
    }

    static GoBuildInfo parse(String goVersion, String modinfo, Consumer<String> warnings) {
        State st = new State(warnings);
        for (String line : modinfo.split("\n")) {
            st.line(line);
        }
        st.finish();
        return new GoBuildInfo(goVersion, st.path, st.main, st.deps, st.settings);
    }

    private static final class State {
        private final Consumer<String> warnings;
        private String path = "";
        private GoModule main;
        private final List<GoModule> deps = new ArrayList<>();
        private final Map<String, String> settings = new LinkedHashMap<>();
        /** What a {@code =>} line replaces: -1 the main module, an index into deps, or null for nothing. */
        private Integer last;
        private int problems;

        State(Consumer<String> warnings) {
            this.warnings = warnings;
        }

        void line(String line) {
            if (line.isEmpty()) {
                return;
            }
            int tab = line.indexOf('\t');
            String word = tab < 0 ? line : line.substring(0, tab);
            String rest = tab < 0 ? "" : line.substring(tab + 1);
            switch (word) {
                case "path" -> path = rest;
                case "go" -> { } // the toolchain is taken from the binary's version string
                case "mod" -> {
                    main = module(rest, line);
                    last = main == null ? null : -1;
                }
                case "dep" -> {
                    GoModule m = module(rest, line);
                    if (m != null) {
                        deps.add(m);
                    }
                    last = m == null ? null : deps.size() - 1;
                }
                case "=>" -> replacement(rest, line);
                case "build" -> setting(rest, line);
                default -> problem("line not understood: " + abbreviate(line));
            }
        }

        private GoModule module(String rest, String line) {
            String[] f = rest.split("\t", -1);
            if (f[0].isEmpty()) {
                problem("module line without a path: " + abbreviate(line));
                return null;
            }
            return new GoModule(f[0], f.length > 1 ? f[1] : "", f.length > 2 ? f[2] : "", null);
        }

        private void replacement(String rest, String line) {
            GoModule r = module(rest, line);
            if (r == null) {
                return;
            }
            if (last == null) {
                problem("replacement with no module before it: " + abbreviate(line));
            } else if (last == -1) {
                main = main.withReplace(r);
            } else {
                deps.set(last, deps.get(last).withReplace(r));
            }
            last = null;
        }

        /** {@code key=value}; either side may be a quoted Go string when it holds spaces, quotes or '='. */
        private void setting(String kv, String line) {
            String key;
            String raw;
            if (GoQuoted.startsQuoted(kv)) {
                int n = GoQuoted.prefixLength(kv);
                key = n < 0 ? null : GoQuoted.unquote(kv.substring(0, n));
                if (key == null || n >= kv.length() || kv.charAt(n) != '=') {
                    problem("build setting not understood: " + abbreviate(line));
                    return;
                }
                raw = kv.substring(n + 1);
            } else {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    problem("build setting not understood: " + abbreviate(line));
                    return;
                }
                key = kv.substring(0, eq);
                raw = kv.substring(eq + 1);
            }
            String value = raw;
            if (GoQuoted.startsQuoted(raw)) {
                value = GoQuoted.prefixLength(raw) == raw.length() ? GoQuoted.unquote(raw) : null;
                if (value == null) {
                    problem("build setting value not understood: " + abbreviate(line));
                    return;
                }
            }
            settings.put(key, value);
        }

        private void problem(String message) {
            if (++problems <= MAX_WARNINGS) {
                warnings.accept("Go module info: " + message);
            }
        }

        void finish() {
            if (problems > MAX_WARNINGS) {
                warnings.accept("Go module info: " + (problems - MAX_WARNINGS) + " more lines not understood");
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
