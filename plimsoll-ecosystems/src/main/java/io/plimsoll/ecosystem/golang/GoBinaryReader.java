package io.plimsoll.ecosystem.golang;

import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.binary.BinaryFormatException;
import io.plimsoll.ecosystem.binary.BinaryLimits;
import io.plimsoll.ecosystem.binary.ElfFile;
import io.plimsoll.ecosystem.binary.ExecutableReader;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Go modules compiled into an ELF executable, from its build info. */
public final class GoBinaryReader implements ExecutableReader {

    @Override
    public String name() {
        return GoPackages.FOUND_BY;
    }

    @Override
    public List<Package> read(ElfFile elf, String path, BinaryLimits limits, Consumer<String> warnings)
            throws IOException, BinaryFormatException {
        Optional<GoBuildInfo> info = buildInfo(elf, limits, warnings);
        return info.isEmpty() ? List.of() : GoPackages.of(info.get(), path, warnings);
    }

    /** The build info, or empty when the executable is not a Go program. */
    static Optional<GoBuildInfo> buildInfo(ElfFile elf, BinaryLimits limits, Consumer<String> warnings)
            throws IOException, BinaryFormatException {
        Optional<GoBuildInfoBlob.Raw> raw = GoBuildInfoBlob.find(elf, limits.maxMetadataSize());
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(GoModInfoParser.parse(raw.get().version(), raw.get().modinfo(), warnings));
    }
}
