package io.plimsoll.ecosystem.rpm.db;

import static io.plimsoll.ecosystem.rpm.db.NdbPackagesTest.blob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.ecosystem.rpm.RpmDatabaseException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

class SqlitePackagesTest {
  private final List<String> warnings = new ArrayList<>();

  @Test
  void readsRowsByHeaderNumberAndWarnsAboutNullBlobs() throws Exception {
    byte[] a = blob("a");
    byte[] b = blob("b");
    byte[] db = rpmdb(new Object[][] {{5, b}, {2, a}, {3, null}});

    List<HeaderBlob> blobs = SqlitePackages.read("rpmdb.sqlite", db, warnings::add);

    assertThat(blobs).extracting(HeaderBlob::recordNumber).containsExactly(2L, 5L);
    assertThat(NdbPackagesTest.bytes(blobs.get(0))).isEqualTo(a);
    assertThat(warnings).containsExactly("Packages row 3 has no blob");
  }

  @Test
  void emptyPackagesTableIsAnEmptyDatabase() throws Exception {
    assertThat(SqlitePackages.read("rpmdb.sqlite", rpmdb(new Object[0][]), warnings::add)).isEmpty();
    assertThat(warnings).isEmpty();
  }

  @Test
  void brokenSqliteIsAnRpmDatabaseException() throws Exception {
    byte[] db = rpmdb(new Object[][] {{1, blob("a")}});

    assertThatThrownBy(() -> SqlitePackages.read("rpmdb.sqlite", Arrays.copyOf(db, 99), warnings::add))
        .isInstanceOf(RpmDatabaseException.class)
        .hasMessageContaining("shorter than its header");
    byte[] garbage = db.clone();
    Arrays.fill(garbage, 100, garbage.length, (byte) 0x5a);
    assertThatThrownBy(() -> SqlitePackages.read("rpmdb.sqlite", garbage, warnings::add))
        .isInstanceOf(RpmDatabaseException.class)
        .hasMessageStartingWith("rpmdb.sqlite: SQLite error: ");
  }

  /** An rpm-shaped SQLite database image holding {@code rows} of (hnum, blob). */
  static byte[] rpmdb(Object[][] rows) throws SQLException {
    try (SQLiteConnection c = (SQLiteConnection) new SQLiteConfig().createConnection("jdbc:sqlite::memory:")) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE 'Packages' (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB)");
      }
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO Packages (hnum, blob) VALUES (?, ?)")) {
        for (Object[] row : rows) {
          insert.setInt(1, (Integer) row[0]);
          insert.setBytes(2, (byte[]) row[1]);
          insert.executeUpdate();
        }
      }
      return c.serialize("main");
    }
  }
}
