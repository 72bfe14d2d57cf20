package io.plimsoll.ecosystem.rust;

import io.plimsoll.catalog.Package;
import io.plimsoll.catalog.Purls;
import io.plimsoll.ecosystem.binary.BinaryFormatException;
import io.plimsoll.ecosystem.binary.BinaryLimits;
import io.plimsoll.ecosystem.binary.ElfFile;
import io.plimsoll.ecosystem.binary.ElfSection;
import io.plimsoll.ecosystem.binary.ExecutableReader;
import io.plimsoll.ecosystem.binary.Zlib;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Crates compiled into an executable built with {@code cargo auditable}, from its {@code .dep-v0} section. */
public final class CargoAuditableReader implements ExecutableReader {

    static final String SECTION = ".dep-v0";
    static final String FOUND_BY = "cargo-auditable";

    @Override
    public String name() {
        return FOUND_BY;
    }

    @Override
    public List<Package> read(ElfFile elf, String path, BinaryLimits limits, Consumer<String> warnings)
            throws IOException, BinaryFormatException {
        Optional<ElfSection> section = elf.section(SECTION);
        if (section.isEmpty()) {
            return List.of();
        }
        // both the compressed and the inflated data are capped: the section's size comes from the file
        byte[] json = Zlib.inflate(elf.sectionData(section.get(), limits.maxMetadataSize()), limits.maxMetadataSize());
        List<AuditedCrate> crates = CargoAuditJson.parse(json, warnings);
        List<Package> out = new ArrayList<>();
        int unnamed = 0;
        for (AuditedCrate c : crates) {
            if (!c.isRuntime()) {
                continue;
            }
            Map<String, String> meta = new LinkedHashMap<>();
            if (!c.source().isEmpty()) {
                meta.put("source", c.source());
            }
            if (c.root()) {
                meta.put("root", "true");
            }
            String purl;
            try {
                purl = Purls.of("cargo", null, c.name(), c.version(), Map.of());
            } catch (IllegalArgumentException e) {
                unnamed++;
                continue;
            }
            out.add(new Package("cargo", c.name(), c.version(), "", c.name(), c.version(), List.of(), purl,
                    c.root() ? List.of(path) : List.of(), FOUND_BY, path, null, meta));
        }
        if (unnamed > 0) {
            warnings.accept("cargo-auditable: " + unnamed + " crates whose names cannot be package URLs skipped");
        }
        return out;
    }
}
