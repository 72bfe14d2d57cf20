package io.plimsoll.ecosystem.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Package;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lockfiles of three ecosystems in one image, rewritten by a later layer, through every registered cataloger. */
class LanguageLockfilesImageTest {

    @TempDir
    Path tmp;

    static final String CARGO_V1 = "version = 3\n\n[[package]]\nname = \"svc\"\nversion = \"0.1.0\"\n\n[[package]]\n"
            + "name = \"serde\"\nversion = \"1.0.200\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n"
            + "checksum = \"aa\"\n";

    static final String DEPS = "{\"libraries\": {\"Svc/1.0.0\": {\"type\": \"project\"},"
            + " \"Newtonsoft.Json/13.0.3\": {\"type\": \"package\", \"sha512\": \"sha512-x\"}}}";

    @Test
    void lockfilesAcrossLayers() throws Exception {
        Path layout = TestImage.create()
                .layer(TestLayer.create()
                        .file("app/requirements.txt", "flask==3.0.0\nJinja2==3.1.3 # templating\n")
                        .file("srv/Cargo.lock", CARGO_V1)
                        .file("dotnet/Svc.deps.json", DEPS), Compressor.GZIP, "/bin/sh -c #(nop) COPY . /")
                .layer(TestLayer.create()
                        .file("app/requirements.txt", "flask==3.0.0\nJinja2==3.1.4\n")
                        .file("app/poetry.lock", "this is not toml ["), Compressor.GZIP,
                        "/bin/sh -c #(nop) COPY requirements.txt poetry.lock /app/")
                .writeOciLayout(tmp.resolve("oci"), null);
        Inventory inv = OsCatalogersTest.inventory(layout);

        assertThat(inv.packages()).extracting(Package::type, Package::name, Package::version, p -> p.provenance().layer())
                .containsExactly(
                        tuple("cargo", "serde", "1.0.200", 0),
                        tuple("cargo", "svc", "0.1.0", 0),
                        tuple("nuget", "Newtonsoft.Json", "13.0.3", 0),
                        tuple("pypi", "flask", "3.0.0", 0),
                        tuple("pypi", "jinja2", "3.1.4", 1));
        assertThat(inv.packages()).filteredOn(p -> p.name().equals("jinja2")).singleElement().satisfies(p -> {
            assertThat(p.purl()).isEqualTo("pkg:pypi/jinja2@3.1.4");
            assertThat(p.location()).isEqualTo("/app/requirements.txt");
            assertThat(p.metadata()).containsEntry("declaredName", "Jinja2");
            assertThat(p.provenance().createdBy()).hasValueSatisfying(c -> assertThat(c).contains("COPY requirements.txt"));
        });
        // the broken lockfile is one warning naming it; everything else was still read
        assertThat(inv.warnings()).singleElement().satisfies(w -> assertThat(w).startsWith("/app/poetry.lock: "));
    }
}
