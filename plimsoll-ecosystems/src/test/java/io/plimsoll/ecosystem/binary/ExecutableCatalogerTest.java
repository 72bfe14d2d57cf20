package io.plimsoll.ecosystem.binary;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.catalog.Cataloger;
import io.plimsoll.catalog.Package;
import io.plimsoll.catalog.testing.StreamedFiles;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExecutableCatalogerTest {

    /** Reports one package per ELF file, named after its first section, and counts its calls. */
    private static final class SectionReader implements ExecutableReader {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String name() {
            return "sections";
        }

        @Override
        public List<Package> read(ElfFile elf, String path, BinaryLimits limits, java.util.function.Consumer<String> w)
                throws BinaryFormatException {
            calls.incrementAndGet();
            if (elf.sections().size() < 2) {
                return List.of();
            }
            String first = elf.sections().get(1).name();
            if (first.equals(".boom")) {
                throw new IllegalStateException("reader bug");
            }
            if (first.equals(".bad")) {
                throw new BinaryFormatException("bad metadata");
            }
            return List.of(new Package("generic", first, "1", "", first, "1", List.of(), "pkg:generic/x@1", List.of(),
                    name(), path, null, Map.of()));
        }
    }

    private static byte[] elf(String section) {
        return ElfBuilder.elf64(ByteOrder.LITTLE_ENDIAN).section(section, 0x1000, new byte[100]).load(section, 5).build();
    }

    @Test
    void readsElfExecutablesOnlyAndKeepsEveryLayersVersion() throws Exception {
        SectionReader reader = new SectionReader();
        ExecutableCataloger c = new ExecutableCataloger(List.of(reader));
        var in = c.interest();
        assertThat(StreamedFiles.offer(in, "/usr/bin/app", 0755, 0, elf(".one"))).isTrue();
        assertThat(StreamedFiles.offer(in, "/usr/bin/app", 0700, 2, elf(".two"))).isTrue();
        assertThat(StreamedFiles.offer(in, "/usr/lib/libx.so", 0644, 0, elf(".lib"))).isFalse(); // no exec bit
        byte[] script = "#!/bin/sh\nexec /usr/bin/app \"$@\"\n# padding to be longer than an ELF header ........\n"
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(StreamedFiles.offer(in, "/usr/bin/run.sh", 0755, 1, script)).isTrue();
        assertThat(StreamedFiles.offer(in, "/usr/bin/tiny", 0755, 1, new byte[] {0x7f, 'E', 'L', 'F'})).isFalse();
        assertThat(reader.calls).hasValue(2); // the script never reached a reader

        Cataloger.Result r = c.catalog(StreamedFiles.allLayers());
        assertThat(r.warnings()).isEmpty();
        assertThat(r.packages()).extracting(Package::name, p -> p.provenance().layer())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(".one", 0), org.assertj.core.groups.Tuple.tuple(".two", 2));
    }

    @Test
    void everyFailureBecomesAWarningAboutThatFile() throws Exception {
        ExecutableCataloger c = new ExecutableCataloger(List.of(new SectionReader()));
        var in = c.interest();
        StreamedFiles.offer(in, "/bin/bug", 0755, 0, elf(".boom"));
        StreamedFiles.offer(in, "/bin/bad", 0755, 0, elf(".bad"));
        byte[] garbage = new byte[200];
        System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F', 9}, 0, garbage, 0, 5);
        StreamedFiles.offer(in, "/bin/garbage", 0755, 0, garbage);
        byte[] good = elf(".ok");
        StreamedFiles.offer(in, "/bin/cut", 0755, 0, java.util.Arrays.copyOf(good, good.length - 30));
        Cataloger.Result r = c.catalog(StreamedFiles.allLayers());
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).startsWith("/bin/bug: sections failed:"))
                .anySatisfy(w -> assertThat(w).isEqualTo("/bin/bad: sections: bad metadata"))
                .anySatisfy(w -> assertThat(w).startsWith("/bin/garbage: unreadable ELF file"))
                .anySatisfy(w -> assertThat(w).startsWith("/bin/cut: damaged ELF headers"));
        assertThat(r.packages()).isEmpty(); // the cut file lost its section headers, so its reader saw no name
    }

    @Test
    void executablesOverTheLimitAreNamedNotRead() throws Exception {
        SectionReader reader = new SectionReader();
        ExecutableCataloger c = new ExecutableCataloger(List.of(reader), new BinaryLimits(150, 100, 1000));
        byte[] big = elf(".big");
        assertThat(big.length).isGreaterThan(150);
        assertThat(StreamedFiles.offer(c.interest(), "/opt/huge", 0755, 0, big)).isFalse();
        assertThat(reader.calls).hasValue(0);
        assertThat(c.catalog(StreamedFiles.allLayers()).warnings()).singleElement().asString()
                .contains("/opt/huge").contains("not read");
    }

    @Test
    void largeExecutablesAreParsedFromATemporaryFile() throws Exception {
        SectionReader reader = new SectionReader();
        ExecutableCataloger c = new ExecutableCataloger(List.of(reader), new BinaryLimits(1 << 20, 64, 1000));
        StreamedFiles.offer(c.interest(), "/opt/app", 0755, 0, elf(".spooled"));
        assertThat(c.catalog(StreamedFiles.allLayers()).packages()).extracting(Package::name).containsExactly(".spooled");
    }
}
