package io.plimsoll.ecosystem.golang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.ecosystem.binary.BinaryFormatException;
import io.plimsoll.ecosystem.binary.ByteSource;
import io.plimsoll.ecosystem.binary.ElfBuilder;
import io.plimsoll.ecosystem.binary.ElfFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoBuildInfoBlobTest {

    private static final String MODINFO = "path\texample.com/app\nmod\texample.com/app\tv1.0.0\t\nbuild\tGOOS=linux\n";

    private static Optional<GoBuildInfoBlob.Raw> find(byte[] file) throws Exception {
        return GoBuildInfoBlob.find(ElfFile.read(ByteSource.of(file)), 1 << 20);
    }

    @Test
    void inlineFormat() throws Exception {
        GoBuildInfoBlob.Raw raw = find(GoBuildInfoFixtures.inline("go1.21.5", MODINFO).build()).orElseThrow();
        assertThat(raw.inline()).isTrue();
        assertThat(raw.version()).isEqualTo("go1.21.5");
        assertThat(raw.modinfo()).isEqualTo(MODINFO);
    }

    @ParameterizedTest
    @CsvSource({"true, LITTLE_ENDIAN", "true, BIG_ENDIAN", "false, LITTLE_ENDIAN", "false, BIG_ENDIAN"})
    void pointerFormatThroughTheAddressMapping(boolean is64, String orderName) throws Exception {
        ByteOrder order = orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        byte[] file = GoBuildInfoFixtures.pointers(is64, order, "go1.16.15", GoBuildInfoFixtures.framed(MODINFO)).build();
        GoBuildInfoBlob.Raw raw = find(file).orElseThrow();
        assertThat(raw.inline()).isFalse();
        assertThat(raw.version()).isEqualTo("go1.16.15");
        assertThat(raw.modinfo()).isEqualTo(MODINFO);
    }

    @Test
    void pointerFormatWithoutModuleInfo() throws Exception {
        // before Go 1.13, or built without modules: the module string is empty
        byte[] file = GoBuildInfoFixtures.pointers(true, ByteOrder.LITTLE_ENDIAN, "go1.11.13", new byte[0]).build();
        assertThat(find(file)).hasValueSatisfying(r -> assertThat(r.modinfo()).isEmpty());
    }

    @Test
    void withoutSectionHeadersTheDataSegmentIsSearched() throws Exception {
        ElfBuilder b = GoBuildInfoFixtures.inline("go1.22.0", MODINFO).withoutSectionHeaders();
        assertThat(find(b.build())).hasValueSatisfying(r -> assertThat(r.version()).isEqualTo("go1.22.0"));
        byte[] old = GoBuildInfoFixtures.pointers(false, ByteOrder.BIG_ENDIAN, "go1.15", GoBuildInfoFixtures.framed(MODINFO))
                .withoutSectionHeaders().build();
        assertThat(find(old)).hasValueSatisfying(r -> assertThat(r.modinfo()).isEqualTo(MODINFO));
    }

    @Test
    void onlyAnAlignedMagicCounts() throws Exception {
        // the magic string at an odd offset (as a program importing debug/buildinfo carries it) is not the blob
        byte[] blob = GoBuildInfoFixtures.inlineBlob(3, "go1.21.0", GoBuildInfoFixtures.framed(MODINFO));
        byte[] file = ElfBuilder.elf64(ByteOrder.LITTLE_ENDIAN).section(".go.buildinfo", 0x606000, blob)
                .load(".go.buildinfo", 6).build();
        assertThat(find(file)).isEmpty();
        byte[] aligned = GoBuildInfoFixtures.inlineBlob(16, "go1.21.0", GoBuildInfoFixtures.framed(MODINFO));
        byte[] ok = ElfBuilder.elf64(ByteOrder.LITTLE_ENDIAN).section(".go.buildinfo", 0x606000, aligned)
                .load(".go.buildinfo", 6).build();
        assertThat(find(ok)).isPresent();
    }

    @Test
    void notGoAtAll() throws Exception {
        byte[] file = ElfBuilder.elf64(ByteOrder.LITTLE_ENDIAN).section(".data", 0x606000, new byte[4096]).load(".data", 6)
                .build();
        assertThat(find(file)).isEmpty();
    }

    @Test
    void moduleInfoWithoutSentinelsIsIgnoredAsGoDoes() throws Exception {
        byte[] blob = GoBuildInfoFixtures.inlineBlob(0, "go1.21.0", MODINFO.getBytes(StandardCharsets.UTF_8));
        byte[] file = ElfBuilder.elf64(ByteOrder.LITTLE_ENDIAN).section(".go.buildinfo", 0x606000, blob).build();
        assertThat(find(file)).hasValueSatisfying(r -> assertThat(r.modinfo()).isEmpty());
    }

    @Test
    void hugeClaimedLengthsAndWildPointersAreFormatErrors() throws Exception {
        ElfBuilder b = GoBuildInfoFixtures.inline("go1.21.5", MODINFO);
        byte[] file = b.build();
        int lenAt = (int) b.offset(".go.buildinfo") + 32 + 1 + "go1.21.5".length();
        file[lenAt] = (byte) 0xff;
        file[lenAt + 1] = (byte) 0xff;
        file[lenAt + 2] = (byte) 0x7f; // about 2 MiB, more than the 1 MiB limit below
        assertThatThrownBy(() -> find(file)).isInstanceOf(BinaryFormatException.class).hasMessageContaining("limit");
        for (int i = 0; i < 10; i++) {
            file[lenAt + i] = (byte) 0xff; // a varint that never ends
        }
        assertThatThrownBy(() -> find(file)).isInstanceOf(BinaryFormatException.class);

        ElfBuilder p = GoBuildInfoFixtures.pointers(true, ByteOrder.LITTLE_ENDIAN, "go1.16", GoBuildInfoFixtures.framed(MODINFO));
        byte[] wild = p.build();
        ByteBuffer.wrap(wild).order(ByteOrder.LITTLE_ENDIAN).putLong((int) p.offset(".go.buildinfo") + 16, 0xdead0000L);
        assertThatThrownBy(() -> find(wild)).isInstanceOf(BinaryFormatException.class).hasMessageContaining("not in the file");
        byte[] longString = p.build();
        ByteBuffer.wrap(longString).order(ByteOrder.LITTLE_ENDIAN).putLong((int) p.offset(".data") + 8, Long.MAX_VALUE);
        assertThatThrownBy(() -> find(longString)).isInstanceOf(BinaryFormatException.class);
        byte[] badPointerSize = p.build();
        badPointerSize[(int) p.offset(".go.buildinfo") + 14] = 5;
        assertThatThrownBy(() -> find(badPointerSize)).isInstanceOf(BinaryFormatException.class);
    }

    @Test
    void emptyVersionIsNotAGoBuildInfo() throws Exception {
        assertThatThrownBy(() -> find(GoBuildInfoFixtures.inline("", MODINFO).build()))
                .isInstanceOf(BinaryFormatException.class).hasMessageContaining("toolchain version");
    }
}
