package io.plimsoll.ecosystem.golang;

import io.plimsoll.catalog.CatalogException;
import io.plimsoll.catalog.CatalogInput;
import io.plimsoll.catalog.Cataloger;
import io.plimsoll.catalog.FileVersion;
import io.plimsoll.catalog.Package;
import io.plimsoll.catalog.VersionedDatabase;
import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The modules a go.mod requires, as syft reports them: each {@code require} at its stated version, {@code replace}
 * applied (a module replacement takes the new path and version; a directory replacement keeps the module's name and
 * has no version), {@code exclude} removing what it names. go.sum, when it sits beside the go.mod, adds each module's
 * {@code h1:} checksum; it never adds packages or versions, because it lists every version the module graph
 * considered, not the ones the build uses.
 *
 * <p>Where Go's rules are narrower than syft's, Go's are followed: a replace that names an old version applies only
 * to that version, and an exclude removes only the version it names. A replacement of a module the file does not
 * require is still reported, as syft does: older go.mod files omit indirect requirements the replacement may serve.
 *
 * <p>go.mod files in Go's module cache ({@code .../pkg/mod/...}) and in {@code vendor/} folders belong to
 * dependencies, not to a program in the image, and are not read. The module itself is not reported: its version is
 * not in its go.mod.
 */
public final class GoModCataloger implements Cataloger {

    static final String FOUND_BY = "go-mod";

    @Override
    public String name() {
        return FOUND_BY;
    }

    @Override
    public Predicate<String> wants() {
        return p -> (p.endsWith("/go.mod") || p.endsWith("/go.sum")) && !p.contains("/pkg/mod/")
                && !p.contains("/vendor/");
    }

    /** A go.mod of megabytes is not a go.mod. */
    @Override
    public long maxFileSize() {
        return 8L << 20;
    }

    @Override
    public Result catalog(CatalogInput input) {
        List<String> warnings = new ArrayList<>();
        List<Package> out = new ArrayList<>();
        for (String path : input.paths()) {
            if (!path.endsWith("/go.mod")) {
                continue;
            }
            Map<String, String> sums = input.squashed(path.substring(0, path.length() - 3) + "sum").map(GoSum::parse)
                    .orElse(Map.of());
            try {
                out.addAll(VersionedDatabase.read(input, path, (v, warn) -> parse(v, sums, warn), warnings));
            } catch (CatalogException e) {
                warnings.add(e.getMessage()); // one invalid go.mod must not hide the others
            }
        }
        return new Result(out, warnings);
    }

    private static List<Package> parse(FileVersion v, Map<String, String> sums, Consumer<String> warn)
            throws CatalogException {
        ParseResult<GoModFile> r;
        try {
            r = GoModParser.parse(v.path(), v.content());
        } catch (PackageDbException e) {
            throw new CatalogException(v.path(), e.reason(), e);
        }
        r.warnings().forEach(w -> warn.accept(w.toString()));
        return packages(r.packages().get(0), v.path(), sums);
    }

    /** The modules the file selects, in the order they are first named. */
    static List<Package> packages(GoModFile mod, String location, Map<String, String> sums) {
        Map<String, Selected> selected = new LinkedHashMap<>();
        for (GoModFile.Require r : mod.requires()) {
            Map<String, String> meta = new LinkedHashMap<>();
            if (r.indirect()) {
                meta.put("indirect", "true");
            }
            selected.put(r.path(), new Selected(r.path(), r.version(), meta));
        }
        for (GoModFile.Replace r : mod.replaces()) {
            Selected old = selected.get(r.oldPath());
            if (old != null && !r.oldVersion().isEmpty() && !r.oldVersion().equals(old.version)) {
                continue; // replaces a version the build does not use
            }
            Map<String, String> meta = old == null ? new LinkedHashMap<>() : new LinkedHashMap<>(old.meta);
            Selected now;
            if (r.isLocal()) {
                meta.put("replacedBy", r.newPath());
                now = new Selected(r.oldPath(), "", meta);
            } else {
                String was = old != null ? old.version : r.oldVersion();
                meta.put("replaces", r.oldPath() + (was.isEmpty() ? "" : "@" + was));
                now = new Selected(r.newPath(), r.newVersion(), meta);
            }
            selected.remove(r.oldPath());
            selected.put(now.path, now);
        }
        for (GoModule e : mod.excludes()) {
            Selected s = selected.get(e.path());
            if (s != null && s.version.equals(e.version())) {
                selected.remove(e.path());
            }
        }
        List<Package> out = new ArrayList<>(selected.size());
        for (Selected s : selected.values()) {
            Map<String, String> meta = new LinkedHashMap<>(s.meta);
            if (!mod.module().isEmpty()) {
                meta.put("mainModule", mod.module());
            }
            String sum = sums.get(GoSum.key(s.path, s.version));
            if (sum != null) {
                meta.put("h1Digest", sum);
            }
            String purl;
            try {
                purl = GoPurls.module(s.path, s.version);
            } catch (IllegalArgumentException ex) {
                continue;
            }
            out.add(new Package(GoPurls.TYPE, s.path, s.version, "", s.path, s.version, List.of(), purl, List.of(),
                    FOUND_BY, location, null, meta));
        }
        return out;
    }

    private record Selected(String path, String version, Map<String, String> meta) {
    }
}
