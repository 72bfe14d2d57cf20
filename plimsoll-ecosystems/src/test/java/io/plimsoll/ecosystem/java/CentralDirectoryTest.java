package io.plimsoll.ecosystem.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CentralDirectoryTest {

    private static final CentralDirectory.Unwanted ALL = (zip, start, length) -> false;

    @TempDir
    Path tmp;

    private static byte[] zip(int entries, boolean stored) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i < entries; i++) {
                byte[] content = ("entry " + i + "\n").repeat(i % 7 + 1).getBytes(StandardCharsets.UTF_8);
                ZipEntry e = new ZipEntry(i == 0 ? "META-INF/" : "dir/e" + i + ".txt");
                if (stored || i == 0) {
                    e.setMethod(ZipEntry.STORED);
                    byte[] c = i == 0 ? new byte[0] : content;
                    CRC32 crc = new CRC32();
                    crc.update(c);
                    e.setSize(c.length);
                    e.setCompressedSize(c.length);
                    e.setCrc(crc.getValue());
                    z.putNextEntry(e);
                    z.write(c);
                } else {
                    z.putNextEntry(e); // deflated with a data descriptor: sizes only in the directory
                    z.write(content);
                }
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static String read(byte[] zip, CentralDirectory.Entry e) throws IOException {
        try (InputStream in = CentralDirectory.open(zip, e)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void deflatedAndStoredEntriesReadInTheOrderTheirDataIsStored() throws Exception {
        for (boolean stored : new boolean[] {false, true}) {
            byte[] zip = zip(40, stored);
            List<CentralDirectory.Entry> entries = CentralDirectory.entries(zip, ALL);
            assertThat(entries).hasSize(40);
            assertThat(entries.get(0).isDirectory()).isTrue();
            assertThat(entries.get(5).name()).isEqualTo("dir/e5.txt");
            assertThat(read(zip, entries.get(5))).isEqualTo("entry 5\n".repeat(6));
            assertThat(entries).extracting(CentralDirectory.Entry::localHeader).isSorted();
        }
    }

    @Test
    void unwantedNamesMakeNoEntryButAreStillChecked() throws Exception {
        byte[] zip = zip(40, false);
        // the entries whose stored name ends in "5.txt"
        CentralDirectory.Unwanted notFives = (z, start, length) -> !new String(z, start, length,
                StandardCharsets.UTF_8).endsWith("5.txt");
        assertThat(CentralDirectory.entries(zip, notFives)).extracting(CentralDirectory.Entry::name)
                .containsExactly("dir/e5.txt", "dir/e15.txt", "dir/e25.txt", "dir/e35.txt");
        byte[] badOffset = zip.clone();
        int eocd = badOffset.length - 22;
        int cd = (badOffset[eocd + 16] & 0xff) | (badOffset[eocd + 17] & 0xff) << 8 | (badOffset[eocd + 18] & 0xff) << 16;
        badOffset[cd + 45] = 0x7f; // the first entry's, which the filter leaves out
        assertThatThrownBy(() -> CentralDirectory.entries(badOffset, (z, start, length) -> true))
                .isInstanceOf(IOException.class).hasMessageContaining("local header outside the archive");
    }

    @Test
    void aLauncherScriptBeforeTheArchiveShiftsEveryOffset() throws Exception {
        byte[] zip = zip(10, false);
        byte[] script = "#!/bin/sh\nexec java -jar \"$0\" \"$@\"\n".getBytes(StandardCharsets.UTF_8);
        byte[] executable = new byte[script.length + zip.length];
        System.arraycopy(script, 0, executable, 0, script.length);
        System.arraycopy(zip, 0, executable, script.length, zip.length);
        List<CentralDirectory.Entry> entries = CentralDirectory.entries(executable, ALL);
        assertThat(entries.get(0).localHeader()).isEqualTo(script.length);
        assertThat(read(executable, entries.get(3))).isEqualTo("entry 3\n".repeat(4));
    }

    @Test
    void moreThan65535EntriesAreReadThroughTheZip64Records() throws Exception {
        byte[] zip = zip(70_000, true);
        List<CentralDirectory.Entry> entries = CentralDirectory.entries(zip, ALL);
        assertThat(entries).hasSize(70_000);
        assertThat(read(zip, entries.get(69_999))).isEqualTo("entry 69999\n".repeat(69_999 % 7 + 1));
    }

    @Test
    void damageIsAnIoErrorSoTheCallerReadsTheStreamInstead() throws Exception {
        byte[] zip = zip(10, false);
        assertThatThrownBy(() -> CentralDirectory.entries(Arrays.copyOf(zip, zip.length - 30), ALL))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> CentralDirectory.entries("not a zip at all".getBytes(StandardCharsets.UTF_8), ALL))
                .isInstanceOf(IOException.class);
        byte[] badOffset = zip.clone();
        // the first directory entry's local header offset, pointed past the directory
        int eocd = badOffset.length - 22;
        int cd = (badOffset[eocd + 16] & 0xff) | (badOffset[eocd + 17] & 0xff) << 8 | (badOffset[eocd + 18] & 0xff) << 16;
        badOffset[cd + 45] = 0x7f;
        assertThatThrownBy(() -> CentralDirectory.entries(badOffset, ALL)).isInstanceOf(IOException.class);
        byte[] badMethod = zip.clone();
        List<CentralDirectory.Entry> entries = CentralDirectory.entries(zip, ALL);
        CentralDirectory.Entry e = entries.get(2);
        CentralDirectory.Entry unknown = new CentralDirectory.Entry(e.name(), 99, 0, e.compressedSize(), e.size(),
                e.localHeader());
        assertThatThrownBy(() -> CentralDirectory.open(badMethod, unknown)).hasMessageContaining("compression method 99");
    }

    /** Real jars of every producer this build's dependencies were made with: the test's own class path. */
    @Test
    void everyJarOnTheClassPathListsWhatTheJdksZipFileLists() throws Exception {
        List<Path> jars = Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(p -> p.endsWith(".jar")).map(Path::of).filter(Files::isRegularFile).toList();
        int compared = 0;
        for (Path jar : jars) {
            List<String> expected = new ArrayList<>();
            try (ZipFile z = new ZipFile(jar.toFile())) {
                z.stream().forEach(e -> expected.add(e.getName()));
            }
            byte[] bytes = Files.readAllBytes(jar);
            List<CentralDirectory.Entry> entries = CentralDirectory.entries(bytes, ALL);
            List<String> names = new ArrayList<>(entries.stream().map(CentralDirectory.Entry::name).toList());
            Collections.sort(names);
            Collections.sort(expected);
            assertThat(names).as(jar.toString()).isEqualTo(expected);
            try (ZipFile z = new ZipFile(jar.toFile())) {
                for (CentralDirectory.Entry e : entries) {
                    if (e.name().endsWith("MANIFEST.MF") || e.name().endsWith("pom.properties")) {
                        try (InputStream jdk = z.getInputStream(z.getEntry(e.name()))) {
                            assertThat(read(bytes, e)).as(jar + "!/" + e.name())
                                    .isEqualTo(new String(jdk.readAllBytes(), StandardCharsets.UTF_8));
                        }
                    }
                }
            }
            compared++;
        }
        assertThat(compared).isGreaterThan(15); // jackson, commons-compress, zstd-jni, sqlite-jdbc, junit, assertj, ...
    }
}
