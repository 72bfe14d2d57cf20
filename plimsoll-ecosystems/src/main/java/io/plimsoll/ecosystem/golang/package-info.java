/**
 * Go: the modules compiled into Go executables (from the build info the Go linker embeds, read without Go's
 * {@code debug/buildinfo}) and the requirements a {@code go.mod} declares.
 *
 * <p>PURLs are {@code pkg:golang/<module path>@<version>} with the module version as Go writes it ({@code v1.2.3},
 * pseudo-versions included). The toolchain that built a binary is reported as the package {@code stdlib}, version
 * {@code go1.21.5} as the binary states it and PURL {@code pkg:golang/stdlib@1.21.5} without the prefix: syft's
 * convention, which vulnerability data for the standard library (versions like {@code 1.21.5}) follows.
 */
package io.plimsoll.ecosystem.golang;
