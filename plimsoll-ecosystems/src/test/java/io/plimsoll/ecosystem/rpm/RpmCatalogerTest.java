package io.plimsoll.ecosystem.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.catalog.CatalogEngine;
import io.plimsoll.catalog.CatalogInput;
import io.plimsoll.catalog.DistroProbe;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Package;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.ImageReferences;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.source.ImageSources;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.image.walk.LayerWalker;
import io.plimsoll.model.Distro;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RpmCatalogerTest {

    @TempDir
    Path tmp;

    static final DistroProbe MARINER = new DistroProbe() {
        @Override
        public Predicate<String> wants() {
            return p -> false;
        }

        @Override
        public Optional<Distro> detect(CatalogInput input) {
            return Optional.of(new Distro("mariner", "2.0", "", "CBL-Mariner/Linux", "", List.of()));
        }
    };

    static Inventory catalog(Path layout) throws Exception {
        try (ImageSource s = ImageSources.open(ImageReferences.parse("oci:" + layout), ImageOptions.DEFAULT)) {
            return new CatalogEngine(MARINER, List.of(new RpmCataloger())).run(s, LayerWalker.defaults());
        }
    }

    /** The same database with one package's row removed, as `rpm -e` would leave it. */
    private byte[] without(byte[] db, String packageName) throws Exception {
        Path copy = tmp.resolve("edit.sqlite");
        Files.write(copy, db);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy); Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode=DELETE");
            var rs = st.executeQuery("SELECT hnum FROM Name WHERE key = '" + packageName + "'");
            int hnum = rs.getInt(1);
            rs.close();
            st.execute("DELETE FROM Packages WHERE hnum = " + hnum);
        }
        return Files.readAllBytes(copy);
    }

    @Test
    void findsEveryPackageWithTheLayerThatInstalledIt() throws Exception {
        byte[] db = Files.readAllBytes(SharedCorpus.require("corpus/pkgdb/rpm/cbl-mariner-2.0-sqlite/rpmdb.sqlite"));
        Path layout = TestImage.create()
                .layer(TestLayer.create().file("var/lib/rpm/rpmdb.sqlite", db, 0644), Compressor.GZIP, "ADD base /")
                .layer(TestLayer.create().file("var/lib/rpm/rpmdb.sqlite", without(db, "curl"), 0644), Compressor.GZIP,
                        "/bin/sh -c rpm -e curl")
                .layer(TestLayer.create().file("var/lib/rpm/rpmdb.sqlite", db, 0644), Compressor.ZSTD,
                        "/bin/sh -c tdnf install -y curl")
                .writeOciLayout(tmp.resolve("img"), null);
        Inventory inv = catalog(layout);
        assertThat(inv.packages()).hasSize(129);
        assertThat(inv.warnings()).isEmpty();
        Package curl = inv.packages().stream().filter(p -> p.name().equals("curl")).findFirst().orElseThrow();
        assertThat(curl.provenance().layer()).isEqualTo(2);
        assertThat(curl.provenance().createdBy()).contains("RUN tdnf install -y curl");
        assertThat(curl.purl()).startsWith("pkg:rpm/mariner/curl@").contains("arch=x86_64", "distro=mariner-2.0");
        assertThat(curl.files()).contains("/usr/bin/curl");
        assertThat(curl.location()).isEqualTo("/var/lib/rpm/rpmdb.sqlite");
        assertThat(curl.sourceName()).isEqualTo("curl");
        Package bash = inv.packages().stream().filter(p -> p.name().equals("bash")).findFirst().orElseThrow();
        assertThat(bash.provenance().layer()).isZero();
        assertThat(bash.provenance().createdBy()).contains("ADD base /");
    }

    @Test
    void sourceRpmNamesSplitIntoNameAndVersion() {
        assertThat(RpmCataloger.sourceOf("bash-5.1.8-6.el9.src.rpm", "bash", "5.1.8-6.el9"))
                .containsExactly("bash", "5.1.8-6.el9");
        assertThat(RpmCataloger.sourceOf("glibc-2.34-100.el9_4.2.src.rpm", "glibc-common", "2.34-100.el9_4.2"))
                .containsExactly("glibc", "2.34-100.el9_4.2");
        assertThat(RpmCataloger.sourceOf("perl-5.32.1-480.el9.src.rpm", "perl-Errno", "0:1.30-480.el9"))
                .containsExactly("perl", "0:5.32.1-480.el9");
        assertThat(RpmCataloger.sourceOf(null, "gpg-pubkey", "1-2")).containsExactly("gpg-pubkey", "1-2");
    }
}
