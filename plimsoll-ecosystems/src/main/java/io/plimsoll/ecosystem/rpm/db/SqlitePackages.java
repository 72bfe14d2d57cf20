package io.plimsoll.ecosystem.rpm.db;

import io.plimsoll.ecosystem.rpm.RpmDatabaseException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * Reads rpm's SQLite package database ({@code rpmdb.sqlite}, rpm 4.16+: Fedora 33+, RHEL 9, CBL-Mariner 2, Amazon
 * Linux 2023): table {@code Packages(hnum INTEGER PRIMARY KEY, blob BLOB)}.
 *
 * <p>The bytes are deserialized into an in-memory SQLite database, so nothing is written to disk: no temp copy and
 * no journal, WAL or shm files next to anything. The connection is made query-only and distrusts the schema, since
 * the file comes from an untrusted image.
 */
public final class SqlitePackages {
  private static final int HEADER_SIZE = 100;
  /** File format bytes at offsets 18/19: 1 = rollback journal, 2 = WAL. */
  private static final int WRITE_VERSION_OFFSET = 18;
  private static final int READ_VERSION_OFFSET = 19;
  private static final byte WAL_MODE = 2;
  private static final byte LEGACY_MODE = 1;

  private SqlitePackages() {}

  /** Returns the blob of every {@code Packages} row, by header number. */
  public static List<HeaderBlob> read(String fileName, byte[] db, Consumer<String> warnings)
      throws RpmDatabaseException {
    if (db.length < HEADER_SIZE) {
      throw new RpmDatabaseException(fileName, "SQLite file of " + db.length + " bytes is shorter than its header");
    }
    try (Connection connection = open(db)) {
      requirePackagesTable(fileName, connection);
      return rows(connection, warnings);
    } catch (SQLException e) {
      throw new RpmDatabaseException(fileName, "SQLite error: " + e.getMessage(), e);
    }
  }

  private static Connection open(byte[] db) throws SQLException {
    SQLiteConnection connection = (SQLiteConnection) new SQLiteConfig().createConnection("jdbc:sqlite::memory:");
    try {
      connection.deserialize("main", inMemoryImage(db));
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA query_only = ON");
        // Views, triggers and functions named in an untrusted schema must not run.
        s.execute("PRAGMA trusted_schema = OFF");
        // Cheap extra validation of b-tree cells, recommended by SQLite for databases from untrusted sources.
        s.execute("PRAGMA cell_size_check = ON");
      }
      return connection;
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /**
   * The in-memory VFS cannot open a database whose header says WAL mode ("unable to open database file"). rpm
   * leaves its database in WAL mode, so a copy with the header switched to rollback-journal mode is deserialized
   * instead. Only the main file is read: an uncheckpointed {@code -wal} file next to it in the image is ignored.
   */
  private static byte[] inMemoryImage(byte[] db) {
    if (db[WRITE_VERSION_OFFSET] != WAL_MODE && db[READ_VERSION_OFFSET] != WAL_MODE) {
      return db; // deserialize copies the bytes, so the caller's array is never touched
    }
    byte[] copy = db.clone();
    copy[WRITE_VERSION_OFFSET] = LEGACY_MODE;
    copy[READ_VERSION_OFFSET] = LEGACY_MODE;
    return copy;
  }

  private static void requirePackagesTable(String fileName, Connection connection)
      throws SQLException, RpmDatabaseException {
    try (PreparedStatement s =
            connection.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'Packages'");
        ResultSet rs = s.executeQuery()) {
      if (!rs.next()) {
        throw new RpmDatabaseException(fileName, "SQLite database has no Packages table (not an rpm database?)");
      }
    }
  }

  private static List<HeaderBlob> rows(Connection connection, Consumer<String> warnings) throws SQLException {
    List<HeaderBlob> blobs = new ArrayList<>();
    try (PreparedStatement s = connection.prepareStatement("SELECT hnum, blob FROM Packages ORDER BY hnum");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        long hnum = rs.getLong(1);
        byte[] blob = rs.getBytes(2);
        if (blob == null) {
          warnings.accept("Packages row " + hnum + " has no blob");
        } else {
          blobs.add(HeaderBlob.of(hnum, blob));
        }
      }
    }
    return blobs;
  }
}
