package io.plimsoll.ecosystem.python;

import static io.plimsoll.ecosystem.testing.Catalogs.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.plimsoll.catalog.CatalogEngine;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.ImageReferences;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.source.ImageSources;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.image.walk.LayerWalker;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Python image built here, through every registered cataloger: a site-packages with two wheels and an egg in one
 * layer, then a layer that upgrades one wheel the way pip does (old dist-info removed, new one written) and
 * reinstalls another at the same version.
 */
class PythonImageTest {

    static final String SITE = "usr/local/lib/python3.12/site-packages/";

    @TempDir
    Path tmp;

    static String metadata(String name, String version, String license) {
        return "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\nSummary: test\nAuthor: Someone\n"
                + (license == null ? "" : "License: " + license + "\n")
                + "Classifier: License :: OSI Approved :: MIT License\nRequires-Python: >=3.8\n\n# " + name
                + "\n\nLong description.\n";
    }

    static String record(String... rows) {
        return String.join("\n", rows) + "\n";
    }

    @Test
    void upgradeInASecondLayerIsCreditedToIt() throws Exception {
        TestLayer base = TestLayer.create()
                .file(SITE + "requests-2.31.0.dist-info/METADATA", metadata("requests", "2.31.0", "Apache 2.0"))
                .file(SITE + "requests-2.31.0.dist-info/RECORD", record(
                        "requests/__init__.py,sha256=abc,4924", "requests-2.31.0.dist-info/RECORD,,"))
                .file(SITE + "requests-2.31.0.dist-info/top_level.txt", "requests\n")
                .file(SITE + "six-1.16.0.dist-info/METADATA", metadata("six", "1.16.0", null))
                .file(SITE + "six-1.16.0.dist-info/RECORD", record("six.py,sha256=def,34549",
                        "six-1.16.0.dist-info/RECORD,,"))
                .file(SITE + "Legacy_Lib-0.9-py3.12.egg-info/PKG-INFO", "Metadata-Version: 1.1\nName: Legacy_Lib\n"
                        + "Version: 0.9\nLicense: BSD\nDescription: old\n        style\n")
                .file(SITE + "Legacy_Lib-0.9-py3.12.egg-info/installed-files.txt", "../legacy_lib/__init__.py\nPKG-INFO\n");
        TestLayer upgrade = TestLayer.create()
                .whiteout(SITE + "requests-2.31.0.dist-info")
                .file(SITE + "requests-2.32.3.dist-info/METADATA", metadata("requests", "2.32.3", "Apache-2.0"))
                .file(SITE + "requests-2.32.3.dist-info/RECORD", record("requests/__init__.py,sha256=xyz,5000",
                        "requests/api.py,sha256=uvw,6000", "../../../bin/req,,"))
                // pip install --force-reinstall six==1.16.0: the same files written again
                .file(SITE + "six-1.16.0.dist-info/METADATA", metadata("six", "1.16.0", null));
        Path layout = TestImage.create()
                .layer(base, Compressor.GZIP, "/bin/sh -c pip install requests==2.31.0 six legacy-lib")
                .layer(upgrade, Compressor.ZSTD, "/bin/sh -c pip install -U requests && pip install --force-reinstall six")
                .writeOciLayout(tmp.resolve("oci"), null);

        Inventory inv;
        try (ImageSource s = ImageSources.open(ImageReferences.parse("oci:" + layout), ImageOptions.DEFAULT)) {
            inv = new CatalogEngine(Ecosystems.distroProbe(), Ecosystems.catalogers()).run(s, LayerWalker.defaults());
        }

        assertThat(inv.packages()).extracting(Package::type, Package::name, Package::version, p -> p.provenance().layer())
                .containsExactly(tuple("pypi", "legacy-lib", "0.9", 0), tuple("pypi", "requests", "2.32.3", 1),
                        tuple("pypi", "six", "1.16.0", 0));
        assertThat(inv.warnings()).isEmpty();

        Package requests = named(inv, "requests", "2.32.3");
        assertThat(requests.provenance().createdBy()).hasValueSatisfying(c -> assertThat(c).contains("pip install -U"));
        assertThat(requests.location()).isEqualTo("/" + SITE + "requests-2.32.3.dist-info/METADATA");
        assertThat(requests.files()).containsExactly("/" + SITE + "requests/__init__.py", "/" + SITE + "requests/api.py",
                "/usr/local/bin/req");
        assertThat(requests.licenses()).containsExactly("Apache-2.0");
        assertThat(requests.purl()).isEqualTo("pkg:pypi/requests@2.32.3");
        assertThat(requests.foundBy()).isEqualTo("python-installed");

        Package six = named(inv, "six", "1.16.0");
        assertThat(six.files()).containsExactly("/" + SITE + "six.py", "/" + SITE + "six-1.16.0.dist-info/RECORD");
        assertThat(six.licenses()).containsExactly("MIT License"); // no License field: the classifier speaks
        assertThat(six.metadata()).containsEntry("requiresPython", ">=3.8").containsEntry("author", "Someone");

        Package legacy = named(inv, "legacy-lib", "0.9");
        assertThat(legacy.purl()).isEqualTo("pkg:pypi/legacy-lib@0.9");
        assertThat(legacy.metadata()).containsEntry("declaredName", "Legacy_Lib");
        // installed-files.txt is relative to the egg-info directory itself
        assertThat(legacy.files()).containsExactly("/" + SITE + "legacy_lib/__init__.py",
                "/" + SITE + "Legacy_Lib-0.9-py3.12.egg-info/PKG-INFO");
        assertThat(legacy.licenses()).containsExactly("BSD");
        assertThat(legacy.provenance().createdBy()).hasValueSatisfying(c -> assertThat(c).contains("legacy-lib"));
    }
}
