package io.plimsoll.ecosystem.python;

import io.plimsoll.catalog.CatalogInput;
import io.plimsoll.catalog.Cataloger;
import io.plimsoll.catalog.Package;
import io.plimsoll.catalog.Purls;
import io.plimsoll.ecosystem.ManifestFiles;
import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Python packages a project pins without installing them in the image: requirements files, {@code Pipfile.lock},
 * {@code poetry.lock}, {@code uv.lock} (and uv script locks, {@code NAME.py.lock}) and {@code pdm.lock}.
 * Each file stands alone: a package pinned by two files is listed twice, once per file, as each says something.
 */
public final class PythonLockCataloger implements Cataloger {

    /** Which reader a file name calls for. */
    enum Kind { REQUIREMENTS, PIPFILE_LOCK, POETRY_LOCK, UV_LOCK, PDM_LOCK }

    @Override
    public String name() {
        return "python-lock";
    }

    @Override
    public Predicate<String> wants() {
        return p -> kind(p) != null;
    }

    @Override
    public long maxFileSize() {
        return 64L << 20; // the largest real uv and poetry locks are a few megabytes
    }

    static Kind kind(String path) {
        String base = ManifestFiles.baseName(path);
        switch (base) {
            case "Pipfile.lock":
                return Kind.PIPFILE_LOCK;
            case "poetry.lock":
                return Kind.POETRY_LOCK;
            case "uv.lock":
                return Kind.UV_LOCK;
            case "pdm.lock":
                return Kind.PDM_LOCK;
            default:
                break;
        }
        if (base.endsWith(".py.lock") && base.length() > ".py.lock".length()) {
            return Kind.UV_LOCK;
        }
        // pip's conventions: requirements.txt, requirements-dev.txt, dev-requirements.txt, requirements/base.txt
        // is not matched (any .txt under a folder would be too broad)
        String lower = base.toLowerCase(Locale.ROOT);
        return lower.endsWith(".txt") && lower.contains("requirements") ? Kind.REQUIREMENTS : null;
    }

    @Override
    public Result catalog(CatalogInput input) {
        return ManifestFiles.readEach(input, p -> kind(p) != null, (v, warn) -> {
            ParseResult<LockedDistribution> r;
            try {
                r = read(kind(v.path()), v.path(), v.content());
            } catch (PackageDbException e) {
                throw ManifestFiles.unusable(e);
            }
            r.warnings().forEach(w -> warn.accept(w.toString()));
            List<Package> out = new ArrayList<>(r.packages().size());
            for (LockedDistribution d : r.packages()) {
                try {
                    out.add(toPackage(d, v.path()));
                } catch (IllegalArgumentException e) {
                    warn.accept(v.path() + ": " + e.getMessage()); // one odd name must not cost the others
                }
            }
            return out;
        });
    }

    static ParseResult<LockedDistribution> read(Kind kind, String path, byte[] content) throws PackageDbException {
        switch (kind) {
            case REQUIREMENTS:
                return RequirementsParser.parse(path, content);
            case PIPFILE_LOCK:
                return PipfileLockParser.parse(path, content);
            case POETRY_LOCK:
                return PoetryLockParser.parse(path, content);
            case UV_LOCK:
                return UvLockParser.parse(path, content);
            case PDM_LOCK:
                return PdmLockParser.parse(path, content);
            default:
                throw new IllegalArgumentException(kind.toString());
        }
    }

    private Package toPackage(LockedDistribution d, String location) {
        String name = PythonNames.normalize(d.declaredName());
        Map<String, String> meta = new LinkedHashMap<>(d.metadata());
        if (!name.equals(d.declaredName())) {
            meta.put("declaredName", d.declaredName());
        }
        String purl = Purls.of("pypi", null, name, d.version(), Map.of());
        return new Package("pypi", name, d.version(), "", name, d.version(), List.of(), purl, List.of(), name(),
                location, null, meta);
    }
}
