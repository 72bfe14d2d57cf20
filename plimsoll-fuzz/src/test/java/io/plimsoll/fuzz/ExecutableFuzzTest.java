package io.plimsoll.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.plimsoll.ecosystem.binary.BinaryFormatException;
import io.plimsoll.ecosystem.binary.BinaryLimits;
import io.plimsoll.ecosystem.binary.ByteSource;
import io.plimsoll.ecosystem.binary.ElfFile;
import io.plimsoll.ecosystem.binary.ExecutableReader;
import io.plimsoll.ecosystem.golang.GoBinaryReader;
import io.plimsoll.ecosystem.rust.CargoAuditableReader;
import java.io.IOException;
import java.util.List;

/** An ELF executable: its headers, then every reader of embedded metadata (Go build info, cargo-auditable). */
class ExecutableFuzzTest {

    private static final List<ExecutableReader> READERS = List.of(new GoBinaryReader(), new CargoAuditableReader());

    @FuzzTest
    void elf(byte[] executable) throws IOException {
        ElfFile elf;
        try {
            elf = ElfFile.read(ByteSource.of(executable));
        } catch (BinaryFormatException expected) {
            return; // not a readable ELF file, reported as such
        }
        for (ExecutableReader reader : READERS) {
            try {
                reader.read(elf, "/usr/bin/fuzz", BinaryLimits.DEFAULT, w -> { });
            } catch (BinaryFormatException expected) {
                // metadata present but unusable: a warning about this file
            }
        }
    }
}
