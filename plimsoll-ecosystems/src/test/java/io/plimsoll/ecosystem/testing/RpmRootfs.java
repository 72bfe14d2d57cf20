package io.plimsoll.ecosystem.testing;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.ecosystem.rpm.HeaderBlobBuilder;
import io.plimsoll.ecosystem.rpm.RpmCataloger;
import io.plimsoll.ecosystem.rpm.RpmTags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * A root filesystem of an rpm distribution for match tests: an os-release and a SQLite rpmdb (rpm 4.16+'s layout,
 * one header blob per row) of the packages given, catalogued by the real rpm cataloger and distro detector.
 */
public final class RpmRootfs {

    private final String osRelease;
    private final List<byte[]> blobs = new ArrayList<>();

    private RpmRootfs(String osRelease) {
        this.osRelease = osRelease;
    }

    public static RpmRootfs withOsRelease(String osRelease) {
        return new RpmRootfs(osRelease);
    }

    /** An installed package; {@code epoch} null for none, {@code sourceRpm} as rpm records it. */
    public RpmRootfs rpm(String name, Integer epoch, String version, String release, String arch, String sourceRpm) {
        HeaderBlobBuilder b = HeaderBlobBuilder.pkg(name, version, release, arch);
        if (epoch != null) {
            b.int32(RpmTags.EPOCH, epoch);
        }
        if (sourceRpm != null) {
            b.string(RpmTags.SOURCERPM, sourceRpm);
        }
        blobs.add(b.build());
        return this;
    }

    /** An installed package of a module stream, {@code modularityLabel} as rpm records it ({@code nodejs:16:…}). */
    public RpmRootfs modularRpm(String name, Integer epoch, String version, String release, String arch,
                                String modularityLabel) {
        HeaderBlobBuilder b = HeaderBlobBuilder.pkg(name, version, release, arch);
        if (epoch != null) {
            b.int32(RpmTags.EPOCH, epoch);
        }
        b.string(RpmTags.MODULARITYLABEL, modularityLabel);
        blobs.add(b.build());
        return this;
    }

    /** Writes the tree under {@code root} and catalogs it as {@code dir:ROOT}. */
    public Inventory catalog(Path root) throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/os-release"), osRelease);
        Files.createDirectories(root.resolve("var/lib/rpm"));
        Files.write(root.resolve("var/lib/rpm/rpmdb.sqlite"), sqlite());
        return Catalogs.scanDir(root, new RpmCataloger());
    }

    private byte[] sqlite() throws Exception {
        try (SQLiteConnection c = (SQLiteConnection) new SQLiteConfig().createConnection("jdbc:sqlite::memory:")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE 'Packages' (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB)");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO Packages (hnum, blob) VALUES (?, ?)")) {
                int hnum = 1;
                for (byte[] blob : blobs) {
                    insert.setInt(1, hnum++);
                    insert.setBytes(2, blob);
                    insert.executeUpdate();
                }
            }
            return c.serialize("main");
        }
    }
}
