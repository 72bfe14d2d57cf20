package io.plimsoll.vuln.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The exclusive lock one database update holds on {@code FILE.lock} next to the database. Two updates of one file
 * would each copy the old data and swap in their own file, the second removing the first's temporary file as stale
 * or overwriting its result; the second is refused instead. The lock is the operating system's, so a killed update
 * releases it; the empty lock file stays (removing it would race with the next update taking it). {@code db import}
 * takes the same lock, since it swaps the file too.
 */
public final class UpdateLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private UpdateLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static UpdateLock acquire(Path database) throws StoreException {
        Path file = database.resolveSibling(database.getFileName() + ".lock");
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreException(database, "cannot create the update lock " + file + ": " + e.getMessage(), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;    // held by another update in this process
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException(database, "cannot lock " + file + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new StoreException(database, "another update of this database is running (it holds " + file
                    + "); try again when it has finished");
        }
        return new UpdateLock(channel, lock);
    }

    @Override
    public synchronized void close() {
        if (channel.isOpen()) {
            try {
                lock.release();
            } catch (IOException ignored) {
                // closing the channel below releases it too
            }
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was written through it
        }
    }

    /**
     * Puts {@code temp} in {@code database}'s place durably: its bytes reach the disk before the rename, and the rename
     * before this returns (the directory is synced where the platform allows it).
     */
    public static void swapIn(Path temp, Path database) throws java.io.IOException {
        try (FileChannel file = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            file.force(true);
        }
        try {
            java.nio.file.Files.move(temp, database, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            java.nio.file.Files.move(temp, database, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Path dir = database.toAbsolutePath().getParent();
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (java.io.IOException | UnsupportedOperationException ignored) {
            // a directory cannot be opened here (Windows): the rename stands as it is
        }
    }
}
