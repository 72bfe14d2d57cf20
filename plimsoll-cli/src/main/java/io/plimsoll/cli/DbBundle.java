package io.plimsoll.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.vuln.store.SourceStatus;
import io.plimsoll.vuln.store.SqliteVulnStore;
import io.plimsoll.vuln.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * The offline bundle: a tar.gz holding {@code manifest.json} (format, SHA-256 and size of the database, when it
 * was built, its sources) and {@code vuln.db}. Import checks all of it before swapping the file in.
 */
final class DbBundle {

    static final String FORMAT = "plimsoll-db-bundle/1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_DB = 8L << 30;

    record Manifest(String format, String sha256, long size, String builtAt, List<String> sources) {
    }

    private DbBundle() {
    }

    static Manifest export(Path database, Path bundle) throws IOException {
        Manifest m;
        try (SqliteVulnStore store = SqliteVulnStore.open(database)) {
            m = new Manifest(FORMAT, sha256(database), Files.size(database),
                    store.builtAt().map(Object::toString).orElse(""),
                    store.sources().stream().map(SourceStatus::name).toList());
        }
        Path parent = bundle.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, bundle.getFileName().toString(), ".tmp");
        try (OutputStream out = Files.newOutputStream(temp);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            byte[] manifest = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m);
            TarArchiveEntry e = new TarArchiveEntry("manifest.json");
            e.setSize(manifest.length);
            tar.putArchiveEntry(e);
            tar.write(manifest);
            tar.closeArchiveEntry();
            TarArchiveEntry db = new TarArchiveEntry("vuln.db");
            db.setSize(m.size());
            tar.putArchiveEntry(db);
            Files.copy(database, tar);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw new UserInputException(bundle + ": cannot write the bundle: " + e.getMessage());
        }
        ReportOutput.readableByAll(temp);
        Files.move(temp, bundle, StandardCopyOption.REPLACE_EXISTING);
        return m;
    }

    static Manifest importBundle(Path bundle, Path database) throws IOException {
        if (!Files.isRegularFile(bundle)) {
            throw new UserInputException(bundle + ": no such file");
        }
        Path parent = database.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, database.getFileName() + ".", ".tmp");
        Manifest manifest = null;
        String digest = null;
        try (InputStream in = Files.newInputStream(bundle);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (e.getName().equals("manifest.json")) {
                    if (e.getSize() > 1 << 20) {
                        throw new UserInputException(bundle + ": manifest.json is implausibly large");
                    }
                    manifest = JSON.readValue(tar.readNBytes((int) e.getSize()), Manifest.class);
                } else if (e.getName().equals("vuln.db")) {
                    if (e.getSize() > MAX_DB) {
                        throw new UserInputException(bundle + ": vuln.db is larger than " + (MAX_DB >> 30) + " GiB");
                    }
                    MessageDigest md = io.plimsoll.model.Digest.newSha256();
                    Files.copy(new DigestInputStream(tar, md), temp, StandardCopyOption.REPLACE_EXISTING);
                    digest = io.plimsoll.model.Digest.sha256(md.digest()).toString();
                }
            }
            if (manifest == null || digest == null) {
                throw new UserInputException(bundle + ": not a plimsoll database bundle (needs manifest.json and "
                        + "vuln.db; make one with 'plimsoll db export')");
            }
            if (!FORMAT.equals(manifest.format())) {
                throw new UserInputException(bundle + ": unsupported bundle format '" + manifest.format() + "'");
            }
            if (!manifest.sha256().equals(digest)) {
                throw new UserInputException(bundle + ": checksum mismatch: the manifest says " + manifest.sha256()
                        + " but vuln.db is " + digest + " (corrupt or altered bundle)");
            }
            try (SqliteVulnStore store = SqliteVulnStore.open(temp)) {
                store.verify();
            } catch (StoreException ex) {
                throw new UserInputException(bundle + ": the database inside is unusable: " + ex.getMessage());
            }
            // the same lock and durable swap as 'db update': an import during an update is refused, not interleaved
            try (io.plimsoll.vuln.store.UpdateLock lock = io.plimsoll.vuln.store.UpdateLock.acquire(database)) {
                io.plimsoll.vuln.store.UpdateLock.swapIn(temp, database);
            } catch (io.plimsoll.vuln.store.StoreException ex) {
                throw new UserInputException(ex.getMessage());
            }
            return manifest;
        } catch (UserInputException ex) {
            throw ex;
        } catch (IOException ex) {
            throw new UserInputException(bundle + ": cannot read the bundle: " + ex.getMessage());
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static String sha256(Path file) throws IOException {
        return io.plimsoll.model.Digest.sha256Of(file).toString();
    }
}
