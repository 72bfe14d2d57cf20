package io.plimsoll.ecosystem.rust;

import static io.plimsoll.ecosystem.testing.Catalogs.scanDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.ParseResult;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** syft's Cargo.lock fixtures against syft's parse_cargo_lock_test.go and cataloger_test.go. */
class CargoLockCorpusTest {

    static final String DIR = "corpus/syft/syft/pkg/cataloger/rust/testdata/";

    @TempDir
    Path tmp;

    static ParseResult<LockedCrate> parse(String fixture) throws Exception {
        return CargoLockParser.parse("/" + fixture, Files.readAllBytes(SharedCorpus.require(DIR + fixture)));
    }

    /** A corpus file placed at /app/Cargo.lock of a one-layer image, through the cataloger. */
    Inventory scanAsCargoLock(String fixture) throws Exception {
        byte[] lock = Files.readAllBytes(SharedCorpus.require(DIR + fixture));
        Path layout = TestImage.create().layer(TestLayer.create().file("app/Cargo.lock", lock, 0644), Compressor.GZIP)
                .writeOciLayout(tmp.resolve("oci"), null);
        return io.plimsoll.ecosystem.testing.Catalogs.scanLayout(layout, new CargoLockCataloger());
    }

    @Test
    void registryCratesWithChecksums() throws Exception {
        ParseResult<LockedCrate> r = parse("Cargo.lock");
        assertThat(r.packages()).extracting(LockedCrate::name, LockedCrate::version).containsExactly(
                tuple("ansi_term", "0.12.1"), tuple("errno", "0.3.9"), tuple("matches", "0.1.8"), tuple("memchr", "2.3.3"),
                tuple("natord", "1.0.9"), tuple("nom", "4.2.3"), tuple("schannel", "0.1.26"), tuple("unicode-bidi", "0.3.4"),
                tuple("version_check", "0.1.5"), tuple("winapi", "0.3.9"), tuple("winapi-i686-pc-windows-gnu", "0.4.0"),
                tuple("winapi-x86_64-pc-windows-gnu", "0.4.0"), tuple("windows-sys", "0.52.0"), tuple("windows-sys", "0.59.0"));
        assertThat(r.packages().get(0)).isEqualTo(new LockedCrate("ansi_term", "0.12.1",
                "registry+https://github.com/rust-lang/crates.io-index",
                "d52a9bb7ec0cf484c551830a7ce27bd20d67eac647e1befb56b0be4ee39a55d2"));
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void throughTheCatalogerWithPurls() throws Exception {
        Inventory inv = scanAsCargoLock("Cargo.lock");
        assertThat(inv.packages()).hasSize(14).allSatisfy(p -> {
            assertThat(p.type()).isEqualTo("cargo");
            assertThat(p.purl()).isEqualTo("pkg:cargo/" + p.name() + "@" + p.version());
            assertThat(p.location()).isEqualTo("/app/Cargo.lock");
            assertThat(p.foundBy()).isEqualTo("cargo-lock");
            assertThat(p.metadata()).containsEntry("sourceKind", "registry").containsKey("checksum");
        });
    }

    @Test
    void gitDependenciesAndTheWorkspaceMember() throws Exception {
        Inventory inv = scanAsCargoLock("Cargo.lock-with-git-deps");
        assertThat(inv.packages()).hasSize(12);
        // as syft: the root crate has no PURL; git crates have the plain cargo PURL
        assertThat(inv.packages()).filteredOn(p -> p.name().equals("hello_world")).singleElement().satisfies(p -> {
            assertThat(p.purl()).isEmpty();
            assertThat(p.metadata()).containsEntry("sourceKind", "path").doesNotContainKey("source");
        });
        assertThat(inv.packages()).filteredOn(p -> p.name().equals("regex"))
                .extracting(Package::purl, p -> p.metadata().get("sourceKind"))
                .containsExactlyInAnyOrder(tuple("pkg:cargo/regex@1.11.1", "git"), tuple("pkg:cargo/regex@1.11.1", "registry"));
        assertThat(inv.packages()).filteredOn(p -> p.name().equals("nom-regex")).singleElement()
                .extracting(Package::purl).isEqualTo("pkg:cargo/nom-regex@0.2.0");
    }

    @Test
    void pathDependencies() throws Exception {
        Inventory inv = scanAsCargoLock("path-deps/Cargo.lock");
        assertThat(inv.packages()).extracting(Package::name, Package::version, Package::purl).containsExactly(
                tuple("app", "1.0.0", ""), tuple("memchr", "2.7.4", "pkg:cargo/memchr@2.7.4"), tuple("telemetry", "0.1.0", ""));
    }

    @Test
    void theAuditImageLockfileToo() throws Exception {
        // the image-audit fixture is a build context for a binary with embedded audit data; its Cargo.lock is plain
        ParseResult<LockedCrate> r = parse("image-audit/Cargo.lock");
        assertThat(r.packages()).hasSize(10).extracting(LockedCrate::name).contains("hello_world", "serde", "syn", "argh");
        assertThat(r.packages()).filteredOn(c -> c.name().equals("serde")).singleElement()
                .extracting(LockedCrate::version).isEqualTo("1.0.215");
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void bogusLockIsAWarningNamingIt() throws Exception {
        Inventory inv = scanDir(SharedCorpus.require(DIR + "glob-paths"), new CargoLockCataloger());
        assertThat(inv.packages()).isEmpty();
        assertThat(inv.warnings()).singleElement().satisfies(w -> assertThat(w).startsWith("/src/Cargo.lock: line 1: not TOML"));
    }
}
