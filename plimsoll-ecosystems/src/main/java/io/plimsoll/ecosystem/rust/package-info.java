/** Rust crates from {@code Cargo.lock}, every format version (1 to 4). Compiled binaries are read elsewhere. */
package io.plimsoll.ecosystem.rust;
