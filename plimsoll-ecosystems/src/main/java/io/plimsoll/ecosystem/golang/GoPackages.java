package io.plimsoll.ecosystem.golang;

import io.plimsoll.catalog.Package;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Turns one executable's build info into packages: the main module, each dependency as the build actually used it
 * (replacements applied), and the toolchain's standard library as {@code stdlib}.
 *
 * <p>No version is invented. A main module Go calls {@code (devel)} (built from a source tree, as most are) gets no
 * version; {@code (devel)} stays in the metadata under {@code moduleVersion}. Syft goes further and guesses one from
 * {@code -ldflags} or {@code vcs.revision}; those settings are kept in the metadata ({@code build.*}) for whoever
 * wants to.
 */
final class GoPackages {

    static final String FOUND_BY = "go-binary";
    static final String STDLIB = "stdlib";
    /** What {@code go build file.go} names the main package: not a module anyone can look up. */
    private static final String COMMAND_LINE = "command-line-arguments";
    private static final Pattern RELEASE = Pattern.compile("go[0-9].*");

    private GoPackages() {
    }

    static List<Package> of(GoBuildInfo info, String binary, Consumer<String> warnings) {
        String arch = info.settings().getOrDefault("GOARCH", "");
        List<GoModule> deps = new ArrayList<>(info.deps());
        GoModule main = info.main();
        boolean withoutModules = false;
        if (main == null || main.path().equals(COMMAND_LINE)) {
            // built in GOPATH mode or from a list of files: as syft does, a lone (devel) dependency is the main
            // module; otherwise the main package's path stands for it, without a version
            List<GoModule> devel = deps.stream().filter(d -> GoModule.DEVEL.equals(d.version())).toList();
            if (devel.size() == 1) {
                main = devel.get(0);
                deps.remove(main);
            } else {
                main = info.path().isEmpty() || info.path().equals(COMMAND_LINE) ? null
                        : new GoModule(info.path(), "", "", null);
                withoutModules = main != null;
            }
        }

        Map<String, String> common = new LinkedHashMap<>();
        common.put("goVersion", info.toolchain());
        if (!info.experiments().isEmpty()) {
            common.put("goExperiments", String.join(",", info.experiments()));
        }
        if (main != null) {
            common.put("mainModule", main.path());
        }

        List<Package> out = new ArrayList<>();
        if (main != null) {
            Map<String, String> meta = new LinkedHashMap<>(common);
            if (!info.path().isEmpty() && !info.path().equals(main.path())) {
                meta.put("packagePath", info.path());
            }
            if (withoutModules) {
                meta.put("builtWithoutModules", "true");
            }
            info.settings().forEach((k, v) -> meta.put("build." + k, v));
            add(out, module(main, arch, binary, meta, List.of(binary)), warnings);
        }
        for (GoModule d : deps) {
            if (d.equals(main)) {
                continue; // some toolchains list the main module among the dependencies as well
            }
            add(out, module(d, arch, binary, new LinkedHashMap<>(common), List.of()), warnings);
        }
        String toolchain = info.toolchain();
        if (RELEASE.matcher(toolchain).matches()) {
            Map<String, String> meta = new LinkedHashMap<>(common);
            out.add(new Package(GoPurls.TYPE, STDLIB, toolchain, arch, STDLIB, toolchain, List.of(),
                    io.plimsoll.catalog.Purls.of(GoPurls.TYPE, null, STDLIB, toolchain.substring(2), Map.of()),
                    List.of(), FOUND_BY, binary, null, meta));
        } else {
            warnings.accept("Go toolchain " + info.goVersion() + " is not a release: no stdlib package");
        }
        return out;
    }

    /** Null when the module path cannot form a package URL (a warning says so). */
    private static Package module(GoModule m, String arch, String binary, Map<String, String> meta,
                                  List<String> files) {
        String path = m.path();
        String version = m.version();
        String sum = m.sum();
        GoModule r = m.replace();
        if (r != null) {
            if (r.isLocalPath()) {
                // a directory stands in for the module: the name still says what it is, but no release matches it
                meta.put("replacedBy", r.path());
                version = r.version();
                sum = r.sum();
            } else {
                meta.put("replaces", m.path() + (m.version().isEmpty() ? "" : "@" + m.version()));
                path = r.path();
                version = r.version();
                sum = r.sum();
            }
        }
        if (GoModule.DEVEL.equals(version)) {
            meta.put("moduleVersion", version);
            version = "";
        }
        if (!sum.isEmpty()) {
            meta.put("h1Digest", sum);
        }
        String purl;
        try {
            purl = GoPurls.module(path, version);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return new Package(GoPurls.TYPE, path, version, arch, path, version, List.of(), purl, files, FOUND_BY,
                binary, null, meta);
    }

    private static void add(List<Package> out, Package p, Consumer<String> warnings) {
        if (p == null) {
            warnings.accept("Go module with a path that cannot be a package URL skipped");
        } else {
            out.add(p);
        }
    }
}
