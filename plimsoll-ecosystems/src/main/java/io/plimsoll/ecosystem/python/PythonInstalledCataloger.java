package io.plimsoll.ecosystem.python;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.catalog.CatalogInput;
import io.plimsoll.catalog.Cataloger;
import io.plimsoll.catalog.Package;
import io.plimsoll.catalog.Purls;
import io.plimsoll.ecosystem.Documents;
import io.plimsoll.ecosystem.ManifestFiles;
import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseWarnings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Installed Python distributions, wherever a site-packages (or dist-packages, or a virtualenv) holds them.
 *
 * <p>Each metadata file is read in every layer's version, so a distribution upgraded in place is credited to the
 * layer of the upgrade; pip's usual upgrade removes {@code foo-1.0.dist-info} and writes {@code foo-2.0.dist-info},
 * which is a new path and so naturally belongs to its own layer. Owned files, top-level modules and the direct-URL
 * origin come from the final image only.
 */
public final class PythonInstalledCataloger implements Cataloger {

    @Override
    public String name() {
        return "python-installed";
    }

    @Override
    public Predicate<String> wants() {
        return DistInfoPaths::isWanted;
    }

    @Override
    public long maxFileSize() {
        return 32L << 20; // METADATA with a long description, or RECORD of a big distribution, stay well below
    }

    @Override
    public Result catalog(CatalogInput input) {
        Result r = ManifestFiles.readEach(input, DistInfoPaths::isMetadata, (v, warn) -> {
            try {
                return parseMetadata(v.path(), v.content(), warn);
            } catch (PackageDbException e) {
                throw ManifestFiles.unusable(e);
            }
        });
        List<String> warnings = new ArrayList<>(r.warnings());
        List<Package> out = new ArrayList<>(r.packages().size());
        for (Package p : r.packages()) {
            out.add(withInstallation(input, p, warnings));
        }
        return new Result(out, warnings);
    }

    /** The distribution a metadata file describes, without what the files beside it say; none when it is not one. */
    private List<Package> parseMetadata(String path, byte[] content, Consumer<String> warn) throws PackageDbException {
        if (content.length == 0) {
            return List.of(); // empty egg-info markers exist and name nothing
        }
        ParseWarnings w = new ParseWarnings(path);
        CoreMetadata m = CoreMetadataParser.parse(path, content, w);
        w.toList().forEach(x -> warn.accept(x.toString()));
        String declared = m.get("Name").strip();
        if (declared.isEmpty()) {
            warn.accept(path + ": no Name field; not a distribution");
            return List.of();
        }
        if (declared.equals("Python") && DistInfoPaths.isEggInfoFile(path)) {
            return List.of(); // the interpreter's own Python-2.x.egg-info: the runtime, not a distribution
        }
        String name = PythonNames.normalize(declared);
        String version = m.get("Version").strip();
        Map<String, String> meta = new LinkedHashMap<>();
        if (!declared.equals(name)) {
            meta.put("declaredName", declared);
        }
        putIf(meta, "author", m.get("Author"));
        putIf(meta, "authorEmail", m.get("Author-email"));
        putIf(meta, "homePage", m.get("Home-page"));
        putIf(meta, "requiresPython", m.get("Requires-Python"));
        putIf(meta, "platform", m.get("Platform"));
        meta.put("sitePackages", sitePackages(path));
        return List.of(new Package("pypi", name, version, "", name, version, PythonLicenses.of(m),
                Purls.of("pypi", null, name, version, Map.of()), List.of(), name(), path, null, meta));
    }

    /** Adds the files, top-level modules and origin that the final image keeps beside the metadata file. */
    private Package withInstallation(CatalogInput input, Package p, List<String> warnings) {
        String path = p.location();
        if (DistInfoPaths.isEggInfoFile(path)) {
            return p;
        }
        String dir = ManifestFiles.parent(path);
        String site = sitePackages(path);
        Map<String, String> meta = new LinkedHashMap<>(p.metadata());
        Set<String> files = new LinkedHashSet<>();
        Optional<byte[]> record = input.squashed(dir + "/" + DistInfoPaths.RECORD);
        if (record.isPresent()) {
            ParseWarnings w = new ParseWarnings(dir + "/" + DistInfoPaths.RECORD);
            InstalledFileLists.record(record.get(), w).forEach(f -> files.add(ManifestFiles.resolve(site, f)));
            w.toList().forEach(x -> warnings.add(x.toString()));
        }
        if (files.isEmpty()) {
            input.squashed(dir + "/" + DistInfoPaths.INSTALLED_FILES).ifPresent(b ->
                    InstalledFileLists.installedFiles(b).forEach(f -> files.add(ManifestFiles.resolve(dir, f))));
        }
        input.squashed(dir + "/" + DistInfoPaths.TOP_LEVEL).ifPresent(b -> {
            List<String> top = InstalledFileLists.installedFiles(b);
            if (!top.isEmpty()) {
                meta.put("topLevelPackages", String.join(",", top));
            }
        });
        Map<String, String> qualifiers = new LinkedHashMap<>();
        Optional<byte[]> direct = input.squashed(dir + "/" + DistInfoPaths.DIRECT_URL);
        if (direct.isPresent()) {
            try {
                directUrl(Documents.json(dir + "/" + DistInfoPaths.DIRECT_URL, direct.get()), meta, qualifiers);
            } catch (PackageDbException e) {
                warnings.add(e.getMessage());
            }
        }
        String purl = qualifiers.isEmpty() ? p.purl() : Purls.of("pypi", null, p.name(), p.version(), qualifiers);
        return new Package(p.type(), p.name(), p.version(), p.arch(), p.sourceName(), p.sourceVersion(), p.licenses(),
                purl, List.copyOf(files), p.foundBy(), path, p.provenance(), meta);
    }

    /**
     * PEP 610's record of where a distribution was installed from. A VCS origin goes into the PURL as
     * {@code vcs_url} ({@code git+URL@commit}), since the version alone does not say which code it is.
     */
    private static void directUrl(JsonNode d, Map<String, String> meta, Map<String, String> qualifiers) {
        String url = Documents.text(d, "url");
        putIf(meta, "directUrl", url);
        JsonNode vcs = d.get("vcs_info");
        if (vcs != null && vcs.isObject() && !url.isEmpty()) {
            String kind = Documents.text(vcs, "vcs");
            String commit = Documents.text(vcs, "commit_id");
            if (!kind.isEmpty()) {
                qualifiers.put("vcs_url", kind + "+" + url + (commit.isEmpty() ? "" : "@" + commit));
            }
        }
        JsonNode dirInfo = d.get("dir_info");
        if (dirInfo != null && dirInfo.path("editable").asBoolean(false)) {
            meta.put("editable", "true");
        }
    }

    /** The directory the distribution was installed into: the one holding its dist-info or egg-info. */
    static String sitePackages(String metadataPath) {
        String dir = ManifestFiles.parent(metadataPath);
        return DistInfoPaths.isEggInfoFile(metadataPath) ? dir : ManifestFiles.parent(dir);
    }

    private static void putIf(Map<String, String> m, String k, String v) {
        if (v != null && !v.isBlank()) {
            m.put(k, v.strip());
        }
    }
}
