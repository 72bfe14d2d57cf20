package io.plimsoll.ecosystem.redhat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import io.plimsoll.ecosystem.testing.Txtar;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.LocalFeedFetcher;
import io.plimsoll.vuln.testing.RecordingSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The updater over a local copy of a VEX server: claircore's real archive and server files, and
 * vuln-list-update's scenarios (first run, delta with changes, delta with deletions, invalid document), laid out
 * in a temporary folder exactly as {@code db update --from DIR} reads {@code DIR/redhat/}.
 */
class RedHatVexUpdaterTest {

    static final String CLAIR = "corpus/claircore/rhel/vex/testdata/";
    static final String VLU = "feeds/vuln-list-update/redhat/csaf/testdata/";
    static final String ARCHIVE = "csaf_vex_2025-12-06.tar.zst";

    @TempDir
    Path dir;

    final RedHatVexUpdater updater = new RedHatVexUpdater();

    RecordingSink run(RecordingSink sink) throws Exception {
        updater.update(new LocalFeedFetcher("redhat", dir), sink);
        return sink;
    }

    static RecordingSink previous(String archive, String cursor, boolean hasRows) {
        return new RecordingSink(Map.of("archive", archive, "cursor", cursor), hasRows);
    }

    static java.util.List<String> ids(RecordingSink sink) {
        return sink.advisories.stream().map(Advisory::id).sorted().toList();
    }

    /** Txtar members as files below {@code dir}; claircore's names carry a leading slash and HTTP headers. */
    void serve(Path txtar) throws IOException {
        for (Map.Entry<String, String> m : Txtar.read(txtar).entrySet()) {
            String name = m.getKey().split(" ")[0].replaceFirst("^/", "");
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, m.getValue(), StandardCharsets.UTF_8);
        }
    }

    /** A .tar.zst of the txtar's members, as Red Hat packs its archive. */
    void archive(Path txtar, String name) throws IOException {
        Map<String, String> members = new LinkedHashMap<>(Txtar.read(txtar));
        try (OutputStream out = new ZstdOutputStream(Files.newOutputStream(dir.resolve(name)));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (Map.Entry<String, String> m : members.entrySet()) {
                byte[] body = m.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry e = new TarArchiveEntry(m.getKey());
                e.setSize(body.length);
                tar.putArchiveEntry(e);
                tar.write(body);
                tar.closeArchiveEntry();
            }
        }
    }

    @Test
    void claircoreServerArchiveLoadsFully() throws Exception {
        Path archive = SharedCorpus.require(CLAIR + "server/csaf_vex_2023-10-31.tar.zst");
        serve(SharedCorpus.require(CLAIR + "server.txtar"));
        Files.copy(archive, dir.resolve("csaf_vex_2023-10-31.tar.zst"));
        // counted independently of the updater: the archive's .json entries
        int inArchive = 0;
        try (InputStream in = new ZstdInputStream(Files.newInputStream(archive));
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                inArchive += e.isFile() && e.getName().endsWith(".json") ? 1 : 0;
            }
        }
        assertThat(inArchive).isEqualTo(5);

        RecordingSink sink = run(new RecordingSink());
        // 5 from the archive (0044's newer copy from the server replaces the archive's), plus 0118 from
        // changes.csv; 0030 is listed as changed but the server no longer has it, so the archive copy stays
        assertThat(ids(sink)).containsExactly("CVE-2023-0030", "CVE-2023-0044", "CVE-2023-0045", "CVE-2023-0049",
                "CVE-2023-0051", "CVE-2023-0118");
        assertThat(sink.advisories).hasSize(6);
        // RHEL rows: 0030 7 not-affected kernel rows, 0045 7, 0049 4, 0051 4; 0044 and 0118 name layered products only
        assertThat(sink.affected).hasSize(22);
        assertThat(sink.affected("rhel:8", "kernel")).extracting(AffectedPackage::advisoryId, AffectedPackage::status)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("CVE-2023-0030", AffectedStatus.NOT_AFFECTED),
                        org.assertj.core.groups.Tuple.tuple("CVE-2023-0045", AffectedStatus.WILL_NOT_FIX));
        assertThat(sink.affected("rhel:9", "kernel-rt")).filteredOn(a -> a.advisoryId().equals("CVE-2023-0045"))
                .singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AffectedStatus.AFFECTED); // none_available "Affected"
            assertThat(a.severity()).isEqualTo("Low");
        });
        // vim CVE-2023-0049: "Out of support scope" for RHEL 6, "Will not fix" for 7-9: both will-not-fix
        assertThat(sink.affected("rhel:6", "vim")).extracting(AffectedPackage::advisoryId, AffectedPackage::status)
                .contains(org.assertj.core.groups.Tuple.tuple("CVE-2023-0049", AffectedStatus.WILL_NOT_FIX));
        assertThat(sink.state).containsEntry("archive", "csaf_vex_2023-10-31.tar.zst")
                .containsEntry("cursor", "2023-12-12T00:00:00Z");
        assertThat(sink.keepPreviousCalls).isZero();
    }

    @Test
    void firstRunReadsArchiveThenChangesAndDeletions() throws Exception {
        serve(SharedCorpus.require(VLU + "first_run.txtar"));
        archive(SharedCorpus.require(VLU + "archive.txtar"), ARCHIVE);
        RecordingSink sink = run(new RecordingSink());
        assertThat(ids(sink)).containsExactly("CVE-2024-0001", "CVE-2024-0002"); // 0003 deleted on 2025-12-10
        assertThat(sink.advisory("CVE-2024-0002").orElseThrow().description()).isEqualTo("Test vulnerability from delta update.");
        assertThat(sink.advisory("CVE-2024-0002").orElseThrow().sourceSeverity()).isEqualTo("important");
        assertThat(sink.affected).isEmpty(); // the only product status is product-level: no package named
        assertThat(sink.state).containsEntry("archive", ARCHIVE).containsEntry("cursor", "2025-12-10T10:00:00Z");
        assertThat(sink.keepPreviousCalls).isZero();
    }

    @Test
    void aChangedDocumentReplacesTheArchiveCopy() throws Exception {
        serve(SharedCorpus.require(VLU + "first_run.txtar"));
        archive(SharedCorpus.require(VLU + "archive.txtar"), ARCHIVE);
        String changed = Files.readString(dir.resolve("2024/cve-2024-0002.json"))
                .replace("\"CVE-2024-0002\"", "\"CVE-2024-0001\"").replace("2024-0002", "2024-0001");
        Files.writeString(dir.resolve("2024/cve-2024-0001.json"), changed);
        Files.writeString(dir.resolve("changes.csv"), "\"2024/cve-2024-0001.json\",\"2025-12-11T00:00:00+00:00\"\n");
        Files.writeString(dir.resolve("deletions.csv"), "");
        RecordingSink sink = run(new RecordingSink());
        assertThat(sink.advisories).extracting(Advisory::id).containsExactlyInAnyOrder("CVE-2024-0001", "CVE-2024-0003");
        assertThat(sink.advisory("CVE-2024-0001").orElseThrow().description()).isEqualTo("Test vulnerability from delta update.");
    }

    @Test
    void deltaWithChangesKeepsPreviousRowsAndSkipsTheArchive() throws Exception {
        serve(SharedCorpus.require(VLU + "delta_changes.txtar")); // no archive file: reading it would fail
        RecordingSink sink = run(previous(ARCHIVE, "2025-12-05T00:00:00Z", true));
        assertThat(sink.keepPreviousCalls).isEqualTo(1);
        assertThat(ids(sink)).containsExactly("CVE-2024-0002");
        assertThat(sink.state).containsEntry("archive", ARCHIVE).containsEntry("cursor", "2025-12-10T10:00:00Z");

        // nothing new since that cursor: previous rows kept, nothing fetched or written
        RecordingSink again = run(previous(ARCHIVE, "2025-12-10T10:00:00Z", true));
        assertThat(again.keepPreviousCalls).isEqualTo(1);
        assertThat(again.advisories).isEmpty();
        assertThat(again.state).containsEntry("cursor", "2025-12-10T10:00:00Z");
    }

    @Test
    void deltaWithDeletionsRemovesTheDeletedAdvisoryFromThePreviousRows() throws Exception {
        serve(SharedCorpus.require(VLU + "delta_deletions.txtar"));
        archive(SharedCorpus.require(VLU + "archive.txtar"), ARCHIVE);
        RecordingSink sink = run(previous(ARCHIVE, "2025-12-05T00:00:00Z", true));
        // incremental: the previous rows are kept, CVE-2024-0001 is withdrawn from them, nothing is re-read
        assertThat(sink.keepPreviousCalls).isEqualTo(1);
        assertThat(sink.removed).containsExactly("CVE-2024-0001");
        assertThat(sink.advisories).isEmpty();
        assertThat(sink.state).containsEntry("cursor", "2025-12-10T10:00:00Z");
    }

    @Test
    void aNewArchiveOrMissingPreviousRowsMeanAFullUpdate() throws Exception {
        serve(SharedCorpus.require(VLU + "delta_changes.txtar"));
        archive(SharedCorpus.require(VLU + "archive.txtar"), ARCHIVE);
        RecordingSink newArchive = run(previous("csaf_vex_2025-11-29.tar.zst", "2025-12-01T00:00:00Z", true));
        assertThat(newArchive.keepPreviousCalls).isZero();
        assertThat(ids(newArchive)).containsExactly("CVE-2024-0001", "CVE-2024-0002", "CVE-2024-0003");

        RecordingSink noRows = run(previous(ARCHIVE, "2025-12-05T00:00:00Z", false));
        assertThat(noRows.keepPreviousCalls).isEqualTo(1);
        assertThat(ids(noRows)).containsExactly("CVE-2024-0001", "CVE-2024-0002", "CVE-2024-0003");
    }

    @Test
    void aWithdrawnChangedDocumentIsRemovedFromThePreviousRows() throws Exception {
        serve(SharedCorpus.require(VLU + "delta_changes.txtar"));
        archive(SharedCorpus.require(VLU + "archive.txtar"), ARCHIVE);
        Files.writeString(dir.resolve("2024/cve-2024-0002.json"),
                "{\"document\":{\"tracking\":{\"id\":\"CVE-2024-0002\",\"status\":\"deleted\"}}}");
        RecordingSink sink = run(previous(ARCHIVE, "2025-12-05T00:00:00Z", true));
        assertThat(sink.keepPreviousCalls).isEqualTo(1);
        assertThat(sink.removed).containsExactly("CVE-2024-0002");
        assertThat(ids(sink)).doesNotContain("CVE-2024-0002");
    }

    @Test
    void anInvalidDocumentInTheArchiveFailsNamingIt() throws Exception {
        Path invalid = SharedCorpus.require(VLU + "invalid.txtar");
        serve(invalid);
        archive(invalid, ARCHIVE); // also holds archive_latest.txt and the csv files: only .json entries are read
        assertThatThrownBy(() -> run(new RecordingSink()))
                .isInstanceOf(FeedException.class)
                .hasMessageContaining(ARCHIVE + "!2024/cve-2024-0001.json")
                .hasMessageContaining("document.tracking.id is missing");
    }

    @Test
    void corruptOrTruncatedArchiveFailsNamingIt() throws Exception {
        Path real = SharedCorpus.require(CLAIR + "server/csaf_vex_2023-10-31.tar.zst");
        Files.writeString(dir.resolve("archive_latest.txt"), "csaf_vex_2023-10-31.tar.zst\n");
        byte[] bytes = Files.readAllBytes(real);
        Files.write(dir.resolve("csaf_vex_2023-10-31.tar.zst"), Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> run(new RecordingSink())).isInstanceOf(FeedException.class)
                .hasMessageContaining("csaf_vex_2023-10-31.tar.zst");

        byte[] flipped = bytes.clone();
        for (int i = 200; i < flipped.length - 20; i += 97) {
            flipped[i] ^= 0x5a;
        }
        Files.write(dir.resolve("csaf_vex_2023-10-31.tar.zst"), flipped);
        assertThatThrownBy(() -> run(new RecordingSink())).isInstanceOf(FeedException.class)
                .hasMessageContaining("csaf_vex_2023-10-31.tar.zst");

        Files.writeString(dir.resolve("csaf_vex_2023-10-31.tar.zst"), "<!DOCTYPE html><html>Access denied</html>");
        assertThatThrownBy(() -> run(new RecordingSink())).isInstanceOf(FeedException.class)
                .hasMessageContaining("csaf_vex_2023-10-31.tar.zst").hasMessageContaining("HTML page");
    }

    @Test
    void htmlInsteadOfADocumentFailsNamingIt() throws Exception {
        serve(SharedCorpus.require(VLU + "delta_changes.txtar"));
        Files.writeString(dir.resolve("2024/cve-2024-0002.json"), "<html><body>Proxy login</body></html>");
        assertThatThrownBy(() -> run(previous(ARCHIVE, "2025-12-05T00:00:00Z", true)))
                .isInstanceOf(FeedException.class)
                .hasMessageContaining("2024/cve-2024-0002.json").hasMessageContaining("HTML page");
    }

    @Test
    void badIndexFilesFailNamingThem() throws Exception {
        serve(SharedCorpus.require(VLU + "delta_changes.txtar"));
        Files.writeString(dir.resolve("archive_latest.txt"), "<html>login</html>");
        assertThatThrownBy(() -> run(new RecordingSink())).hasMessageContaining("archive_latest.txt")
                .hasMessageContaining("HTML page");
        Files.writeString(dir.resolve("archive_latest.txt"), "../../etc/passwd");
        assertThatThrownBy(() -> run(new RecordingSink())).hasMessageContaining("archive_latest.txt")
                .hasMessageContaining("does not name a csaf_vex_YYYY-MM-DD.tar.zst archive");

        Files.writeString(dir.resolve("archive_latest.txt"), ARCHIVE);
        Files.writeString(dir.resolve("changes.csv"), "\"2024/cve-2024-0002.json\",\"2025-12-10T10:00:00+00:00\"\n"
                + "\"../../etc/passwd\",\"2025-12-10T10:00:00+00:00\"\n");
        assertThatThrownBy(() -> run(new RecordingSink())).hasMessageContaining("changes.csv")
                .hasMessageContaining("line 2").hasMessageContaining("not a VEX document path");
        Files.writeString(dir.resolve("changes.csv"), "\"2024/cve-2024-0002.json\",\"yesterday\"\n");
        assertThatThrownBy(() -> run(new RecordingSink())).hasMessageContaining("changes.csv")
                .hasMessageContaining("line 1").hasMessageContaining("timestamp");
    }
}
