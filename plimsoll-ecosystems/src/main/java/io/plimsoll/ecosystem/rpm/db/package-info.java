/**
 * The three rpm database storage backends, reduced to what a scanner needs: find every package record and hand
 * back its header blob. Decoding the blobs is {@link io.plimsoll.ecosystem.rpm.RpmHeader}'s job.
 *
 * <p>All readers work on the database file's bytes in memory (images are never extracted to disk), treat every
 * number in the file as hostile (bounds, counts, page chains), fail with {@link
 * io.plimsoll.ecosystem.rpm.RpmDatabaseException} when the structure is unusable, and report damage confined to
 * single records as warnings so that the rest is still returned.
 */
package io.plimsoll.ecosystem.rpm.db;
