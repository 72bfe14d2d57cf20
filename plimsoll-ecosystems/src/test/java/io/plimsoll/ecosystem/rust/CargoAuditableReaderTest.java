package io.plimsoll.ecosystem.rust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.catalog.Cataloger;
import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.binary.BinaryFormatException;
import io.plimsoll.ecosystem.binary.BinaryLimits;
import io.plimsoll.ecosystem.binary.ByteSource;
import io.plimsoll.ecosystem.binary.ElfBuilder;
import io.plimsoll.ecosystem.binary.ElfFile;
import io.plimsoll.ecosystem.binary.ExecutableCataloger;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.catalog.testing.StreamedFiles;
import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class CargoAuditableReaderTest {

    private final List<String> warnings = new ArrayList<>();

    static byte[] zlib(byte[] data) {
        Deflater d = new Deflater();
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    static byte[] executable(byte[] depV0) {
        return ElfBuilder.elf64(ByteOrder.LITTLE_ENDIAN).section(".text", 0x401000, new byte[256]).load(".text", 5)
                .section(".dep-v0", 0, depV0).build();
    }

    private List<Package> read(byte[] file, BinaryLimits limits) throws Exception {
        return new CargoAuditableReader().read(ElfFile.read(ByteSource.of(file)), "/usr/local/bin/hello_world", limits,
                warnings::add);
    }

    private List<Package> read(byte[] file) throws Exception {
        return read(file, BinaryLimits.DEFAULT);
    }

    /**
     * The dependency list cargo-auditable would embed for syft's image-audit fixture (hello_world using argh), written
     * from the fixture's Cargo.lock: every locked crate with its dependencies as indices, the proc-macro crates and
     * what only they use marked {@code build}, hello_world the local root.
     */
    static String auditJsonFromSyftFixture() throws Exception {
        String lock = Files.readString(SharedCorpus.require("corpus/syft/syft/pkg/cataloger/rust/testdata/image-audit/Cargo.lock"));
        Set<String> buildOnly = Set.of("argh_derive", "serde_derive", "proc-macro2", "quote", "syn", "unicode-ident");
        Pattern field = Pattern.compile("(?m)^(name|version|source) = \"([^\"]*)\"");
        Pattern deps = Pattern.compile("(?s)dependencies = \\[(.*?)]");
        List<String[]> crates = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String block : lock.split("\\[\\[package]]")) {
            Matcher m = field.matcher(block);
            String name = null;
            String version = null;
            String source = "local";
            while (m.find()) {
                switch (m.group(1)) {
                    case "name" -> name = m.group(2);
                    case "version" -> version = m.group(2);
                    default -> source = m.group(2).contains("crates.io") ? "crates.io" : "registry";
                }
            }
            if (name == null) {
                continue;
            }
            Matcher d = deps.matcher(block);
            crates.add(new String[] {name, version, source, d.find() ? d.group(1) : ""});
            names.add(name);
        }
        StringBuilder json = new StringBuilder("{\"packages\":[");
        for (int i = 0; i < crates.size(); i++) {
            String[] c = crates.get(i);
            List<Integer> idx = new ArrayList<>();
            Matcher q = Pattern.compile("\"([^\" ]+)").matcher(c[3]);
            while (q.find()) {
                idx.add(names.indexOf(q.group(1)));
            }
            json.append(i == 0 ? "" : ",").append("{\"name\":\"").append(c[0]).append("\",\"version\":\"").append(c[1])
                    .append("\",\"source\":\"").append(c[2]).append('"');
            if (!idx.isEmpty()) {
                json.append(",\"dependencies\":").append(idx.toString().replace(" ", ""));
            }
            if (buildOnly.contains(c[0])) {
                json.append(",\"kind\":\"build\"");
            }
            if (c[2].equals("local")) {
                json.append(",\"root\":true");
            }
            json.append('}');
        }
        return json.append("]}").toString();
    }

    @Test
    void runtimeCratesOfSyftsAuditFixtureRootIncluded() throws Exception {
        String json = auditJsonFromSyftFixture();
        List<Package> pkgs = read(executable(zlib(json.getBytes(StandardCharsets.UTF_8))));
        assertThat(warnings).isEmpty();
        assertThat(pkgs).extracting(Package::name).containsExactly("argh", "argh_shared", "hello_world", "serde");
        Package argh = pkgs.get(0);
        assertThat(argh.version()).isEqualTo("0.1.12");
        assertThat(argh.purl()).isEqualTo("pkg:cargo/argh@0.1.12");
        assertThat(argh.type()).isEqualTo("cargo");
        assertThat(argh.foundBy()).isEqualTo("cargo-auditable");
        assertThat(argh.metadata()).containsEntry("source", "crates.io").doesNotContainKey("root");
        assertThat(argh.files()).isEmpty();
        Package root = pkgs.get(2);
        assertThat(root.purl()).isEqualTo("pkg:cargo/hello_world@0.1.0");
        assertThat(root.metadata()).containsEntry("root", "true").containsEntry("source", "local");
        assertThat(root.files()).containsExactly("/usr/local/bin/hello_world");
    }

    @Test
    void defaultsOtherSourcesAndUnusableEntries() throws Exception {
        String json = """
                {"format":1,"packages":[
                  {"name":"libc","version":"0.2.155","source":"crates.io"},
                  {"name":"fork","version":"1.0.0","source":{"Other":"sparse+https://example.com/index"}},
                  {"name":"","version":"1.0.0","source":"crates.io"},
                  {"name":"noversion","source":"crates.io"},
                  {"name":42,"version":"1","source":"git"},
                  {"name":"cc","version":"1.0.0","source":"crates.io","kind":"build"},
                  {"name":"app","version":"0.3.0","source":"local","dependencies":[0,1,99,-1,"x"],"root":true}
                ]}""";
        List<Package> pkgs = read(executable(zlib(json.getBytes(StandardCharsets.UTF_8))));
        assertThat(pkgs).extracting(Package::name).containsExactly("libc", "fork", "app");
        assertThat(pkgs.get(1).metadata()).containsEntry("source", "sparse+https://example.com/index");
        assertThat(warnings).singleElement().asString().contains("3 entries");
    }

    @Test
    void noSectionMeansNotAuditable() throws Exception {
        byte[] file = ElfBuilder.elf64(ByteOrder.BIG_ENDIAN).section(".text", 0x1000, new byte[64]).build();
        assertThat(read(file)).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void decompressionBombIsCappedNotInflated() throws Exception {
        byte[] bomb = zlib(new byte[32 << 20]); // 32 MiB of zeros in about 32 KiB
        assertThat(bomb.length).isLessThan(64 << 10);
        BinaryLimits limits = new BinaryLimits(1L << 30, 1L << 20, 1 << 20);
        assertThatThrownBy(() -> read(executable(bomb), limits)).isInstanceOf(BinaryFormatException.class)
                .hasMessageContaining("expands beyond the limit of 1048576");
    }

    @Test
    void oversizedSectionIsRefusedBeforeItIsRead() throws Exception {
        byte[] json = zlib("{\"packages\":[]}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> read(executable(json), new BinaryLimits(1L << 30, 1L << 20, 8)))
                .isInstanceOf(BinaryFormatException.class).hasMessageContaining("more than the limit");
    }

    @Test
    void theCatalogersJsonLimitsApplyToTheSection() throws Exception {
        // deeper than CatalogLimits allows (256) though Jackson's own default (1,000) would take it
        String deep = "{\"packages\":[{\"name\":\"a\",\"version\":\"1.0.0\",\"x\":" + "[".repeat(300)
                + "]".repeat(300) + "}]}";
        assertThatThrownBy(() -> read(executable(zlib(deep.getBytes(StandardCharsets.UTF_8)))))
                .isInstanceOf(BinaryFormatException.class).hasMessageContaining("not JSON")
                .hasMessageContaining("maximum allowed (256");
    }

    @Test
    void damagedDataIsAFormatError() throws Exception {
        byte[] good = zlib("{\"packages\":[{\"name\":\"a\",\"version\":\"1.0.0\",\"source\":\"crates.io\"}]}"
                .getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> read(executable(Arrays.copyOf(good, good.length / 2))))
                .isInstanceOf(BinaryFormatException.class).hasMessageContaining("cut short");
        assertThatThrownBy(() -> read(executable("not zlib at all".getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(BinaryFormatException.class).hasMessageContaining("not zlib");
        assertThatThrownBy(() -> read(executable(zlib("{\"packages\":[{\"name\":".getBytes(StandardCharsets.UTF_8)))))
                .isInstanceOf(BinaryFormatException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> read(executable(zlib("{\"crates\":[]}".getBytes(StandardCharsets.UTF_8)))))
                .isInstanceOf(BinaryFormatException.class).hasMessageContaining("no package list");
        assertThatThrownBy(() -> read(executable(zlib("[1,2]".getBytes(StandardCharsets.UTF_8)))))
                .isInstanceOf(BinaryFormatException.class);
        byte[] deep = zlib(("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> read(executable(deep))).isInstanceOf(BinaryFormatException.class);
    }

    @Test
    void throughTheCatalogerDamageIsAWarningNamingTheFile() throws Exception {
        ExecutableCataloger c = new ExecutableCataloger(List.of(new CargoAuditableReader()));
        byte[] good = zlib("{\"packages\":[{\"name\":\"a\",\"version\":\"1.0.0\",\"source\":\"crates.io\",\"root\":true}]}"
                .getBytes(StandardCharsets.UTF_8));
        StreamedFiles.offer(c.interest(), "/app/good", 0755, 0, executable(good));
        StreamedFiles.offer(c.interest(), "/app/bomb", 0755, 1, executable(zlib(new byte[16 << 20])));
        Cataloger.Result r = c.catalog(StreamedFiles.allLayers());
        assertThat(r.packages()).extracting(Package::purl).containsExactly("pkg:cargo/a@1.0.0");
        assertThat(r.warnings()).singleElement().asString().startsWith("/app/bomb: cargo-auditable: zlib data expands");
    }
}
