package io.plimsoll.ecosystem.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ElfFileTest {

    private static final byte[] TEXT = "some code".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data: hello, world".getBytes(StandardCharsets.US_ASCII);

    private static ElfBuilder sample(boolean is64, ByteOrder order) {
        ElfBuilder b = is64 ? ElfBuilder.elf64(order) : ElfBuilder.elf32(order);
        return b.section(".text", 0x401000, TEXT).section(".data", 0x602000, DATA).section(".note", 0, new byte[] {1, 2})
                .load(".text", 5).load(".data", 6);
    }

    @ParameterizedTest
    @CsvSource({"true, LITTLE_ENDIAN", "true, BIG_ENDIAN", "false, LITTLE_ENDIAN", "false, BIG_ENDIAN"})
    void readsBothClassesAndByteOrders(boolean is64, String orderName) throws Exception {
        ByteOrder order = orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ElfBuilder b = sample(is64, order);
        ElfFile elf = ElfFile.read(ByteSource.of(b.build()));
        assertThat(elf.is64()).isEqualTo(is64);
        assertThat(elf.order()).isEqualTo(order);
        assertThat(elf.machine()).isEqualTo(62);
        assertThat(elf.problems()).isEmpty();
        assertThat(elf.sections()).extracting(ElfSection::name)
                .containsExactly("", ".text", ".data", ".note", ".shstrtab");
        assertThat(elf.sectionData(elf.section(".data").orElseThrow(), 100)).isEqualTo(DATA);
        assertThat(elf.segments()).hasSize(2);
        assertThat(elf.firstWritableData()).hasValueSatisfying(s -> assertThat(s.vaddr()).isEqualTo(0x602000));
        // virtual addresses map to file offsets through the segments
        assertThat(new String(elf.readVirtual(0x602000 + 6, 5), StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThatThrownBy(() -> elf.readVirtual(0x602000 + 6, 100)).isInstanceOf(BinaryFormatException.class);
        assertThatThrownBy(() -> elf.readVirtual(0x900000, 1)).isInstanceOf(BinaryFormatException.class);
    }

    @Test
    void withoutProgramHeadersAddressesMapThroughSections() throws Exception {
        byte[] bytes = ElfBuilder.elf64(ByteOrder.LITTLE_ENDIAN).section(".data", 0x5000, DATA).build();
        ElfFile elf = ElfFile.read(ByteSource.of(bytes));
        assertThat(elf.segments()).isEmpty();
        assertThat(elf.readVirtual(0x5000, 4)).isEqualTo("data".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void strippedFileHasSegmentsOnly() throws Exception {
        byte[] bytes = sample(true, ByteOrder.LITTLE_ENDIAN).withoutSectionHeaders().build();
        ElfFile elf = ElfFile.read(ByteSource.of(bytes));
        assertThat(elf.sections()).isEmpty();
        assertThat(elf.problems()).isEmpty();
        assertThat(elf.segments()).hasSize(2);
    }

    @Test
    void truncatedFileLosesItsSectionHeadersWithAProblemNoted() throws Exception {
        byte[] bytes = sample(true, ByteOrder.LITTLE_ENDIAN).build();
        ElfFile elf = ElfFile.read(ByteSource.of(Arrays.copyOf(bytes, bytes.length - 10)));
        assertThat(elf.sections()).isEmpty();
        assertThat(elf.problems()).singleElement().asString().contains("section headers");
        assertThat(elf.segments()).hasSize(2);
    }

    @Test
    void dataCutOffIsAProblemEvenWhenTheHeadersSurvive() throws Exception {
        ElfBuilder b = sample(true, ByteOrder.LITTLE_ENDIAN);
        byte[] bytes = b.build();
        ElfFile elf = ElfFile.read(ByteSource.of(Arrays.copyOf(bytes, (int) b.offset(".data") + 3)));
        assertThat(elf.problems()).anySatisfy(p -> assertThat(p).contains("extend past the end"));
        assertThatThrownBy(() -> elf.readVirtual(0x602000, 4)).isInstanceOf(BinaryFormatException.class);
    }

    @Test
    void notElfOrTooShortIsAFormatError() {
        assertThatThrownBy(() -> ElfFile.read(ByteSource.of("#!/bin/sh\necho hi\n".getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(BinaryFormatException.class).hasMessageContaining("not an ELF");
        byte[] bytes = sample(true, ByteOrder.LITTLE_ENDIAN).build();
        assertThatThrownBy(() -> ElfFile.read(ByteSource.of(Arrays.copyOf(bytes, 40))))
                .isInstanceOf(BinaryFormatException.class).hasMessageContaining("too short");
        byte[] badClass = bytes.clone();
        badClass[4] = 3;
        assertThatThrownBy(() -> ElfFile.read(ByteSource.of(badClass))).isInstanceOf(BinaryFormatException.class);
    }

    @Test
    void bogusHeaderFieldsAreProblemsNotExceptions() throws Exception {
        byte[] bytes = sample(true, ByteOrder.LITTLE_ENDIAN).build();
        byte[] hugeShoff = bytes.clone();
        ByteBuffer.wrap(hugeShoff).order(ByteOrder.LITTLE_ENDIAN).putLong(40, Long.MAX_VALUE - 3);
        assertThat(ElfFile.read(ByteSource.of(hugeShoff)).problems()).isNotEmpty();
        byte[] negativePhoff = bytes.clone();
        ByteBuffer.wrap(negativePhoff).order(ByteOrder.LITTLE_ENDIAN).putLong(32, -64);
        assertThat(ElfFile.read(ByteSource.of(negativePhoff)).segments()).isEmpty();
        byte[] tinyEntries = bytes.clone();
        ByteBuffer.wrap(tinyEntries).order(ByteOrder.LITTLE_ENDIAN).putShort(58, (short) 1);
        assertThat(ElfFile.read(ByteSource.of(tinyEntries)).sections()).isEmpty();
        byte[] badNames = bytes.clone();
        ByteBuffer.wrap(badNames).order(ByteOrder.LITTLE_ENDIAN).putShort(62, (short) 999);
        assertThat(ElfFile.read(ByteSource.of(badNames)).sections()).extracting(ElfSection::name).containsOnly("");
    }

    @Test
    void extendedSectionCountIsBoundedByTheFile() throws Exception {
        byte[] bytes = sample(true, ByteOrder.LITTLE_ENDIAN).build();
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long shoff = b.getLong(40);
        b.putShort(60, (short) 0); // e_shnum 0: the count is in section 0's sh_size
        b.putLong((int) shoff + 32, 1L << 40);
        ElfFile elf = ElfFile.read(ByteSource.of(bytes));
        assertThat(elf.sections()).isEmpty();
        assertThat(elf.problems()).isNotEmpty();
    }

    @Test
    void sectionDataAboveTheCallersLimitIsRefused() throws Exception {
        ElfFile elf = ElfFile.read(ByteSource.of(sample(true, ByteOrder.LITTLE_ENDIAN).build()));
        assertThatThrownBy(() -> elf.sectionData(elf.section(".data").orElseThrow(), 4))
                .isInstanceOf(BinaryFormatException.class).hasMessageContaining("limit");
    }

    @Test
    void randomDamageEndsInAResultOrAFormatError() {
        byte[] good = sample(true, ByteOrder.BIG_ENDIAN).build();
        Random rnd = new Random(42);
        for (int round = 0; round < 2000; round++) {
            byte[] bad = good.clone();
            for (int i = 0; i < 1 + rnd.nextInt(8); i++) {
                bad[rnd.nextInt(bad.length)] = (byte) rnd.nextInt(256);
            }
            byte[] cut = rnd.nextBoolean() ? bad : Arrays.copyOf(bad, rnd.nextInt(bad.length));
            try {
                ElfFile elf = ElfFile.read(ByteSource.of(cut));
                for (ElfSection s : elf.sections()) {
                    try {
                        elf.sectionData(s, 1 << 20);
                    } catch (BinaryFormatException expected) {
                        // fine: refused with a reason
                    }
                }
            } catch (BinaryFormatException expected) {
                // fine
            } catch (Exception e) {
                throw new AssertionError("round " + round + ": " + e, e);
            }
        }
    }
}
