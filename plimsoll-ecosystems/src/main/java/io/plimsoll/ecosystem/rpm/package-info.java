/**
 * The rpm ecosystem: reading the installed-package database of rpm-based images (RHEL/UBI, Fedora, SUSE,
 * CBL-Mariner, Amazon Linux, ...) without rpm, librpm or Berkeley DB.
 *
 * <p>{@link io.plimsoll.ecosystem.rpm.RpmDatabase} is the entry point; the storage backends live in
 * {@code io.plimsoll.ecosystem.rpm.db} and only hand back raw header blobs, which {@link
 * io.plimsoll.ecosystem.rpm.RpmHeader} decodes.
 */
package io.plimsoll.ecosystem.rpm;
