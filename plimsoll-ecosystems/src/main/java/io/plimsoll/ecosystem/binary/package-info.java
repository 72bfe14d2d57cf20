/**
 * Executables as package sources: a streaming cataloger that reads every file with an exec bit once, a bounds-checked
 * ELF reader over a {@link io.plimsoll.ecosystem.binary.ByteSource}, and the {@link
 * io.plimsoll.ecosystem.binary.ExecutableReader}s of the ecosystems that leave their dependency lists inside the
 * executables they build (Go's build info, cargo-auditable's {@code .dep-v0}).
 *
 * <p>Everything read from an executable is untrusted: every offset and size is checked against the file before it is
 * used, every allocation is capped by {@link io.plimsoll.ecosystem.binary.BinaryLimits}, and a malformed file ends in
 * a {@link io.plimsoll.ecosystem.binary.BinaryFormatException}, which the cataloger turns into a warning.
 */
package io.plimsoll.ecosystem.binary;
