package io.plimsoll.ecosystem.golang;

import java.util.List;
import java.util.Map;

/**
 * What a Go executable says about its own build.
 *
 * @param goVersion the toolchain as the binary states it, e.g. {@code go1.21.5} or {@code go1.23.1 X:nocoverageredesign}
 * @param path      the main package's import path ({@code github.com/evanw/esbuild/cmd/esbuild}); empty if not stated
 * @param main      the main module, or null when the binary was built outside module mode (GOPATH)
 * @param deps      the dependency modules in the order the binary lists them
 * @param settings  build settings ({@code GOOS}, {@code GOARCH}, {@code -ldflags}, {@code vcs.revision}, ...) in order
 */
public record GoBuildInfo(String goVersion, String path, GoModule main, List<GoModule> deps,
                          Map<String, String> settings) {

    public GoBuildInfo {
        deps = List.copyOf(deps);
        settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
    }

    /**
     * The toolchain without its experiments: a release ({@code go1.23.1}), or a development build as Go describes it
     * ({@code devel go1.23-4b6a0b1 Tue Jan 2 ...}).
     */
    public String toolchain() {
        if (goVersion.startsWith("devel ")) {
            int x = goVersion.indexOf(" X:");
            return x < 0 ? goVersion : goVersion.substring(0, x);
        }
        int sp = goVersion.indexOf(' ');
        return sp < 0 ? goVersion : goVersion.substring(0, sp);
    }

    /** {@code GOEXPERIMENT}s the toolchain was built with, from the version's {@code X:a,b} suffix. */
    public List<String> experiments() {
        for (String word : goVersion.split(" ")) {
            if (word.startsWith("X:") && word.length() > 2) {
                return List.of(word.substring(2).split(","));
            }
        }
        return List.of();
    }
}
