package io.plimsoll.ecosystem.java;

import io.plimsoll.catalog.CatalogInput;
import io.plimsoll.catalog.Package;
import io.plimsoll.catalog.Purls;
import io.plimsoll.catalog.StreamingCataloger;
import io.plimsoll.image.walk.FileInterest;
import io.plimsoll.image.walk.LayerFile;
import io.plimsoll.image.walk.Learnt;
import io.plimsoll.image.walk.LearningInterest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Java archives (jar, war, ear, jpi, hpi, par) and the archives nested in them, read while the layers stream by.
 * Identity comes from {@code pom.properties} first, then the manifest, then the file name; a shaded jar's other
 * {@code pom.properties} are reported as the packages it bundles.
 */
public final class JavaArchiveCataloger implements StreamingCataloger {

    private static final Pattern NAME_VERSION = Pattern.compile("^(.+?)[-_](\\d[\\w.+-]*)$");

    private record Seen(LayerFile file, ArchiveInfo info) {
    }

    private final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();

    /** A layer cache keeps what each archive says about itself, not the archive. */
    private final FileInterest interest = new LearningInterest() {
        @Override
        public String name() {
            return "java-archive";
        }

        @Override
        public boolean wants(String path) {
            return JavaArchiveReader.isArchiveName(path);
        }

        @Override
        public long maxFileSize() {
            return 4L << 30;
        }

        @Override
        public byte[] learn(LayerFile file, InputStream content) {
            ArchiveInfo info = JavaArchiveReader.readOfSize(file.path(), content, file.entry().size());
            seen.add(new Seen(file, info));
            Learnt.Writer w = new Learnt.Writer();
            info.write(w);
            return w.toBytes();
        }

        @Override
        public void recall(LayerFile file, byte[] learnt) throws IOException {
            Learnt.Reader r = new Learnt.Reader(learnt);
            ArchiveInfo info = ArchiveInfo.read(r);
            r.end();
            seen.add(new Seen(file, info));
        }
    };

    @Override
    public String name() {
        return "java-archive";
    }

    @Override
    public FileInterest interest() {
        return interest;
    }

    @Override
    public Result catalog(CatalogInput input) {
        List<Package> packages = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Seen s : seen) {
            if (!input.isLive(s.file.path(), s.file.layer())) {
                continue;
            }
            collect(s.info, input, s.file.layer(), packages, warnings);
        }
        return new Result(packages, warnings);
    }

    private void collect(ArchiveInfo info, CatalogInput input, int layer, List<Package> out, List<String> warnings) {
        warnings.addAll(info.warnings());
        identify(info).forEach(id -> out.add(toPackage(id, info, input, layer)));
        for (ArchiveInfo n : info.nested()) {
            collect(n, input, layer, out, warnings);
        }
    }

    /** A Maven coordinate, with where it was learnt. */
    record Identity(String group, String artifact, String version, String source) {
    }

    /** The archive's own identity first, then any bundled (shaded) artifacts. */
    static List<Identity> identify(ArchiveInfo info) {
        String file = info.path().substring(info.path().lastIndexOf('/') + 1);
        String stem = file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file;
        List<Identity> ids = new ArrayList<>();
        Optional<Map<String, String>> own = ownPom(info, stem);
        if (own.isPresent()) {
            Map<String, String> p = own.get();
            String version = p.getOrDefault("version", "");
            if (version.isEmpty()) {
                // a pom.xml whose version lives in a parent pom we do not have: the manifest or file name knows it
                version = fromManifestOrName(info.manifest(), stem).version();
            }
            ids.add(new Identity(p.getOrDefault("groupId", ""), p.get("artifactId"), version, "pom.properties"));
        } else {
            ids.add(fromManifestOrName(info.manifest(), stem));
        }
        for (Map<String, String> p : info.pomProperties()) {
            if (own.isEmpty() || p != own.get()) {
                ids.add(new Identity(p.getOrDefault("groupId", ""), p.get("artifactId"), p.getOrDefault("version", ""),
                        "pom.properties (bundled)"));
            }
        }
        return ids;
    }

    /**
     * The pom that describes the archive itself: the only one, else the one the file name spells
     * ({@code artifact-version}), else the one whose artifact id the file name starts with, when just one does.
     * Otherwise none: the poms are all bundled artifacts and the manifest or file name names the archive.
     */
    private static Optional<Map<String, String>> ownPom(ArchiveInfo info, String stem) {
        List<Map<String, String>> poms = info.pomProperties();
        if (poms.size() == 1) {
            return Optional.of(poms.get(0));
        }
        Optional<Map<String, String>> exact = poms.stream()
                .filter(p -> stem.equals(p.get("artifactId") + "-" + p.get("version"))).findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        List<Map<String, String>> prefixed = poms.stream().filter(p -> stem.startsWith(p.get("artifactId") + "-")).toList();
        return prefixed.size() == 1 ? Optional.of(prefixed.get(0)) : Optional.empty();
    }

    private static Identity fromManifestOrName(Map<String, String> m, String stem) {
        Matcher nv = NAME_VERSION.matcher(stem);
        String nameFromFile = nv.matches() ? nv.group(1) : stem;
        String versionFromFile = nv.matches() ? nv.group(2) : "";
        String version = first(m, "Implementation-Version", "Bundle-Version", "Specification-Version");
        String title = first(m, "Implementation-Title", "Bundle-Name", "Specification-Title");
        String symbolic = first(m, "Bundle-SymbolicName").replaceFirst(";.*$", "");
        String group = first(m, "Implementation-Vendor-Id");
        if (group.isEmpty() && symbolic.contains(".")) {
            group = symbolic.substring(0, symbolic.lastIndexOf('.'));
        }
        // the file name usually says the artifact id exactly; a manifest title is often prose ("Apache Commons Lang")
        String artifact = !nameFromFile.isEmpty() ? nameFromFile : title;
        if (!version.isEmpty()) {
            return new Identity(group, artifact, version, "MANIFEST.MF");
        }
        return new Identity(group, artifact, versionFromFile, "file name");
    }

    private static String first(Map<String, String> m, String... keys) {
        for (String k : keys) {
            String v = m.get(k);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return "";
    }

    private Package toPackage(Identity id, ArchiveInfo info, CatalogInput input, int layer) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("virtualPath", info.path());
        meta.put("identifiedBy", id.source());
        if (!id.group().isEmpty()) {
            meta.put("groupId", id.group());
        }
        String manifestName = first(info.manifest(), "Implementation-Title", "Bundle-Name");
        if (!manifestName.isEmpty()) {
            meta.put("manifestName", manifestName);
        }
        String bundleLicense = first(info.manifest(), "Bundle-License");
        List<String> licenses = !info.pomLicenses().isEmpty() ? info.pomLicenses()
                : bundleLicense.isEmpty() ? List.of() : List.of(bundleLicense);
        String location = info.path().contains("!/") ? info.path().substring(0, info.path().indexOf("!/")) : info.path();
        return new Package("maven", id.artifact(), id.version(), "", id.artifact(), id.version(),
                licenses,
                // Maven PURLs need a group; when the archive does not say, the artifact id stands in (as syft does)
                Purls.of("maven", id.group().isEmpty() ? id.artifact() : id.group(), id.artifact(), id.version(), Map.of()),
                List.of(), name(), location,
                input.provenance(layer), meta);
    }
}
