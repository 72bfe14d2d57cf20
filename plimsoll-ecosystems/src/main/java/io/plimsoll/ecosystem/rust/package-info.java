/**
 * Rust crates: from {@code Cargo.lock} (every format version, 1 to 4), and from executables built with
 * {@code cargo auditable}, which embeds the dependency tree as zlib-compressed JSON in the ELF section
 * {@code .dep-v0}. PURLs are {@code pkg:cargo/<name>@<version>}.
 *
 * <p>As syft does, only crates of kind {@code runtime} are reported from binaries (the root crate included):
 * {@code build} crates (proc-macros, build-script dependencies) run inside the compiler and leave no code behind.
 */
package io.plimsoll.ecosystem.rust;
