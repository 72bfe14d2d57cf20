package io.plimsoll.ecosystem.rpm.repodata;

import io.plimsoll.catalog.CatalogEngine;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.ecosystem.VersionSchemes;
import io.plimsoll.ecosystem.rpm.HeaderBlobBuilder;
import io.plimsoll.ecosystem.rpm.RpmTags;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.ImageReferences;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.source.ImageSources;
import io.plimsoll.image.walk.LayerWalker;
import io.plimsoll.model.Digest;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.match.Matcher;
import io.plimsoll.vuln.testing.MemoryVulnStore;
import io.plimsoll.vuln.testing.RecordingSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * A root filesystem of an rpm distribution for match tests: a real os-release and an rpmdb.sqlite in the layout
 * rpm 4.16+ writes (a {@code Packages} table of header blobs), scanned by the registered catalogers and matched by
 * the registered rules, as {@code plimsoll scan dir:ROOT} does.
 */
public final class ErrataImages {

    private final List<byte[]> headers = new ArrayList<>();
    /** Path below the root → content, written beside the rpmdb (yumdb entries). */
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final String osRelease;

    private ErrataImages(String osRelease) {
        this.osRelease = osRelease;
    }

    public static ErrataImages withOsRelease(String osRelease) {
        return new ErrataImages(osRelease);
    }

    /** An installed package; {@code epoch} may be null, {@code module} a MODULARITYLABEL or null. */
    public ErrataImages rpm(String name, Integer epoch, String version, String release, String module) {
        HeaderBlobBuilder h = HeaderBlobBuilder.pkg(name, version, release, "x86_64")
                .string(RpmTags.SOURCERPM, name + "-" + version + "-" + release + ".src.rpm");
        if (epoch != null) {
            h.int32(RpmTags.EPOCH, epoch);
        }
        if (module != null) {
            h.string(RpmTags.MODULARITYLABEL, module);
        }
        headers.add(h.build());
        return this;
    }

    /**
     * yum's record that the x86_64 package {@code name-version-release} came from {@code repository}, where yum 3
     * writes it: {@code /var/lib/yum/yumdb/<first letter>/<pkgid>-<name>-<version>-<release>-<arch>/from_repo}.
     */
    public ErrataImages fromRepo(String name, String version, String release, String repository) {
        // yum names the entry by the package's checksum (its pkgid), a sha256 in hex for Amazon's repositories
        String pkgid = Digest.sha256Of((name + version + release).getBytes(StandardCharsets.UTF_8)).hex();
        return file("var/lib/yum/yumdb/" + name.charAt(0) + "/" + pkgid + "-" + name + "-" + version + "-" + release
                + "-x86_64/from_repo", repository.getBytes(StandardCharsets.UTF_8));
    }

    /** Any other file of the root filesystem, {@code path} relative to the root. */
    public ErrataImages file(String path, byte[] content) {
        files.put(path, content);
        return this;
    }

    /** Writes the root filesystem under {@code root} and returns what the scan finds there against {@code data}. */
    public List<Finding> scan(Path root, RecordingSink data) throws Exception {
        Inventory inventory = inventory(root);
        return new Matcher(new MemoryVulnStore(data), Ecosystems.matchRules(), VersionSchemes::byName)
                .match(inventory.packages(), inventory.distro());
    }

    /** Writes the root filesystem under {@code root} and catalogs it with the registered catalogers. */
    public Inventory inventory(Path root) throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/os-release"), osRelease);
        Files.createDirectories(root.resolve("var/lib/rpm"));
        Files.write(root.resolve("var/lib/rpm/rpmdb.sqlite"), rpmdb());
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Files.createDirectories(root.resolve(f.getKey()).getParent());
            Files.write(root.resolve(f.getKey()), f.getValue());
        }
        try (ImageSource s = ImageSources.open(ImageReferences.parse("dir:" + root), ImageOptions.DEFAULT)) {
            return new CatalogEngine(Ecosystems.distroProbe(), Ecosystems.catalogers()).run(s, LayerWalker.defaults());
        }
    }

    private byte[] rpmdb() throws Exception {
        try (SQLiteConnection c = (SQLiteConnection) new SQLiteConfig().createConnection("jdbc:sqlite::memory:")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE 'Packages' (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB)");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO Packages (hnum, blob) VALUES (?, ?)")) {
                for (int i = 0; i < headers.size(); i++) {
                    insert.setInt(1, i + 1);
                    insert.setBytes(2, headers.get(i));
                    insert.executeUpdate();
                }
            }
            return c.serialize("main");
        }
    }
}
