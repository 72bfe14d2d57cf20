package io.plimsoll.server.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * The embedded PostgreSQL superuser's password: generated once, kept beside the cluster in a file only the
 * service's user can read (0600), so a restart finds it and nobody else on the machine can log in.
 */
final class EmbeddedPassword {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private EmbeddedPassword() {
    }

    /** Where the password of the cluster in {@code clusterDir} is kept. */
    static Path file(Path clusterDir) {
        return clusterDir.resolveSibling(clusterDir.getFileName() + ".password");
    }

    /** The stored password, with the file's permissions put back to 0600 if someone widened them. */
    static Optional<String> read(Path clusterDir) throws IOException {
        Path f = file(clusterDir);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(f + " is not a regular file");
        }
        if (!Files.getPosixFilePermissions(f).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(f, OWNER_ONLY);
        }
        String pw = Files.readString(f, StandardCharsets.UTF_8).trim();
        if (pw.isEmpty()) {
            throw new IOException(f + " is empty");
        }
        return Optional.of(pw);
    }

    static String generate() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Writes the password durably, created 0600 (never readable by others, not even for a moment). */
    static void write(Path clusterDir, String password) throws IOException {
        Path f = file(clusterDir);
        Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(password.getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE);
    }
}
