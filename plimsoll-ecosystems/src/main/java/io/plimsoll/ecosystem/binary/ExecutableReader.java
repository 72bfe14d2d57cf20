package io.plimsoll.ecosystem.binary;

import io.plimsoll.catalog.Package;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Finds one ecosystem's packages inside an executable. The {@link ExecutableCataloger} reads each executable once and
 * hands it to every reader, so adding an ecosystem of this kind does not read the image's binaries again.
 */
public interface ExecutableReader {

    /** Short name recorded on each package it finds ({@code go-binary}, {@code cargo-auditable}). */
    String name();

    /**
     * @param path     the executable's absolute path in the image, for the packages' location and for messages
     * @param warnings receives what the user should know (metadata present but partly unreadable); an executable
     *                 without this ecosystem's metadata is no news and gives no warning
     * @return the packages, without provenance; empty when the executable holds none of this ecosystem's metadata
     * @throws BinaryFormatException when the metadata is there but unusable
     */
    List<Package> read(ElfFile elf, String path, BinaryLimits limits, Consumer<String> warnings)
            throws IOException, BinaryFormatException;
}
