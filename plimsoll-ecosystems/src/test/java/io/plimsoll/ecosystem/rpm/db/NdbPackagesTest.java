package io.plimsoll.ecosystem.rpm.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.ecosystem.rpm.HeaderBlobBuilder;
import io.plimsoll.ecosystem.rpm.RpmDatabaseException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdbPackagesTest {
  private final List<String> warnings = new ArrayList<>();

  @Test
  void readsBlobsInFileOrderAsSlicesOfTheInput() throws Exception {
    byte[] a = blob("a");
    byte[] b = blob("b");
    NdbImage image = new NdbImage().add(7, a).add(3, b);
    byte[] db = image.build();

    List<HeaderBlob> blobs = NdbPackages.read("Packages.db", db, warnings::add);

    assertThat(warnings).isEmpty();
    assertThat(blobs).extracting(HeaderBlob::recordNumber).containsExactly(7L, 3L);
    assertThat(blobs.get(0).buffer()).isSameAs(db);
    assertThat(bytes(blobs.get(0))).isEqualTo(a);
    assertThat(bytes(blobs.get(1))).isEqualTo(b);
  }

  @Test
  void checksumMismatchOnlyWarnsLikeRpm() throws Exception {
    NdbImage image = new NdbImage().add(1, blob("a"));
    byte[] db = image.build();
    db[image.blobOffset(0) + 8] ^= 1; // the timestamp is covered by the checksum but by nothing else

    List<HeaderBlob> blobs = NdbPackages.read("Packages.db", db, warnings::add);

    assertThat(blobs).hasSize(1);
    assertThat(warnings).singleElement().asString().contains("package index 1", "adler32");
  }

  @Test
  void skipsSlotsThatPointOutsideTheFileOrAtTheWrongBlob() throws Exception {
    NdbImage image = new NdbImage().add(1, blob("a")).add(2, blob("b")).add(3, blob("c"));
    byte[] db = image.build();
    le(db).putInt(image.slotOffset(0) + 8, 0x7fffffff); // block offset past the end
    le(db).putInt(image.slotOffset(1) + 4, 9); // package index disagrees with the blob head

    List<HeaderBlob> blobs = NdbPackages.read("Packages.db", db, warnings::add);

    assertThat(blobs).extracting(HeaderBlob::recordNumber).containsExactly(3L);
    assertThat(warnings)
        .hasSize(2)
        .anyMatch(w -> w.contains("past the end"))
        .anyMatch(w -> w.contains("start of its blob"));
  }

  @Test
  void overlappingSlotsAreReadOnce() throws Exception {
    NdbImage image = new NdbImage().add(1, blob("a")).add(2, blob("b"));
    byte[] db = image.build();
    ByteBuffer buf = le(db);
    // Point slot 2 at slot 1's blob, as a crafted file would to multiply the work.
    buf.putInt(image.slotOffset(1) + 8, buf.getInt(image.slotOffset(0) + 8));
    buf.putInt(image.slotOffset(1) + 12, buf.getInt(image.slotOffset(0) + 12));

    List<HeaderBlob> blobs = NdbPackages.read("Packages.db", db, warnings::add);

    assertThat(blobs).hasSize(1);
    assertThat(warnings).singleElement().asString().contains("overlaps");
  }

  @Test
  void damagedSlotMagicIsCountedNotFatal() throws Exception {
    NdbImage image = new NdbImage().add(1, blob("a")).add(2, blob("b"));
    byte[] db = image.build();
    db[image.slotOffset(0)] = 'X';

    List<HeaderBlob> blobs = NdbPackages.read("Packages.db", db, warnings::add);

    assertThat(blobs).extracting(HeaderBlob::recordNumber).containsExactly(2L);
    assertThat(warnings).containsExactly("1 NDB slot(s) without \"Slot\" magic were skipped");
  }

  @Test
  void rejectsBadHeaders() {
    byte[] db = new NdbImage().add(1, blob("a")).build();
    byte[] wrongVersion = db.clone();
    le(wrongVersion).putInt(4, 1);
    byte[] noSlotPages = db.clone();
    le(noSlotPages).putInt(12, 0);
    byte[] tooManySlotPages = db.clone();
    le(tooManySlotPages).putInt(12, 0x10000);

    assertRejected(Arrays.copyOf(db, 31), "shorter than its header");
    assertRejected(wrongVersion, "unsupported NDB version 1");
    assertRejected(noSlotPages, "announces 0 slot pages");
    assertRejected(tooManySlotPages, "announces 65536 slot pages");
  }

  private void assertRejected(byte[] db, String reason) {
    assertThatThrownBy(() -> NdbPackages.read("Packages.db", db, warnings::add))
        .isInstanceOf(RpmDatabaseException.class)
        .hasMessageStartingWith("Packages.db: ")
        .hasMessageContaining(reason);
  }

  static byte[] blob(String name) {
    return HeaderBlobBuilder.pkg(name, "1.0", "1", "x86_64").build();
  }

  static byte[] bytes(HeaderBlob blob) {
    return Arrays.copyOfRange(blob.buffer(), blob.offset(), blob.offset() + blob.length());
  }

  private static ByteBuffer le(byte[] db) {
    return ByteBuffer.wrap(db).order(ByteOrder.LITTLE_ENDIAN);
  }
}
