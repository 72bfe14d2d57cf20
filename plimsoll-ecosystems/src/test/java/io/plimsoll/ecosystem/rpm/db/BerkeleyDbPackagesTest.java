package io.plimsoll.ecosystem.rpm.db;

import static io.plimsoll.ecosystem.rpm.db.NdbPackagesTest.blob;
import static io.plimsoll.ecosystem.rpm.db.NdbPackagesTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.ecosystem.rpm.HeaderBlobBuilder;
import io.plimsoll.ecosystem.rpm.RpmDatabaseException;
import io.plimsoll.ecosystem.rpm.RpmTags;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BerkeleyDbPackagesTest {
  private final List<String> warnings = new ArrayList<>();

  @ParameterizedTest(name = "page size {0}, big-endian {1}")
  @CsvSource({"512, false", "512, true", "4096, false", "4096, true", "65536, true"})
  void readsMultiPageValuesAcrossBucketsInBothByteOrders(int pageSize, boolean bigEndian) throws Exception {
    ByteOrder order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    byte[] large = bigBlob("large", 3 * pageSize); // spans several overflow pages
    BdbImage image =
        new BdbImage(pageSize, order, 3).add(1, blob("a")).add(2, large).add(3, blob("c")).add(4, blob("d"));

    List<HeaderBlob> blobs = BerkeleyDbPackages.read("Packages", image.build(), warnings::add);

    assertThat(warnings).isEmpty();
    // bucket order: bucket 0 holds records 1 and 4, bucket 1 record 2, bucket 2 record 3
    assertThat(blobs).extracting(HeaderBlob::recordNumber).containsExactly(1L, 4L, 2L, 3L);
    assertThat(bytes(blobs.get(2))).isEqualTo(large);
    assertThat(image.overflowPages(1)).hasSizeGreaterThan(3);
  }

  @Test
  void readsOnPageValuesAndSkipsRecordZero() throws Exception {
    byte[] small = blob("small");
    BdbImage image =
        new BdbImage(4096, ByteOrder.LITTLE_ENDIAN, 1).addOnPage(0, new byte[] {5, 0, 0, 0}).addOnPage(9, small);

    List<HeaderBlob> blobs = BerkeleyDbPackages.read("Packages", image.build(), warnings::add);

    assertThat(warnings).isEmpty();
    assertThat(blobs).singleElement().extracting(HeaderBlob::recordNumber).isEqualTo(9L);
    assertThat(bytes(blobs.get(0))).isEqualTo(small);
  }

  @Test
  void overflowCycleCostsOnlyThatRecord() throws Exception {
    BdbImage image = new BdbImage(512, ByteOrder.LITTLE_ENDIAN, 1).add(1, bigBlob("loop", 2000)).add(2, blob("ok"));
    byte[] db = image.build();
    int second = image.overflowPages(0).get(1);
    setNext(image, db, second, second); // page points back at itself

    List<HeaderBlob> blobs = BerkeleyDbPackages.read("Packages", db, warnings::add);

    assertThat(blobs).extracting(HeaderBlob::recordNumber).containsExactly(2L);
    assertThat(warnings).singleElement().asString().contains("overflow page " + second + " is reached twice");
  }

  @Test
  void sharedOverflowChainIsReadOnce() throws Exception {
    BdbImage image = new BdbImage(512, ByteOrder.BIG_ENDIAN, 1).add(1, bigBlob("a", 2000)).add(2, bigBlob("b", 2000));
    byte[] db = image.build();
    ByteBuffer buf = ByteBuffer.wrap(db).order(image.order());
    // Record 2's off-page item sits 12 bytes below record 2's key, which sits below record 1's value.
    int page = image.bucketPage(0) * image.pageSize();
    int valueOffset = Short.toUnsignedInt(buf.getShort(page + 26 + 6));
    buf.putInt(page + valueOffset + 4, image.overflowPages(0).get(0));

    List<HeaderBlob> blobs = BerkeleyDbPackages.read("Packages", db, warnings::add);

    assertThat(blobs).extracting(HeaderBlob::recordNumber).containsExactly(1L);
    assertThat(warnings).singleElement().asString().contains("item 2", "reached twice");
  }

  @Test
  void offPageLengthBeyondTheChainIsDamage() throws Exception {
    BdbImage image = new BdbImage(512, ByteOrder.LITTLE_ENDIAN, 1).add(1, bigBlob("a", 1000));
    byte[] db = image.build();
    ByteBuffer buf = ByteBuffer.wrap(db).order(image.order());
    int page = image.bucketPage(0) * image.pageSize();
    int valueOffset = Short.toUnsignedInt(buf.getShort(page + 26 + 2));
    buf.putInt(page + valueOffset + 8, db.length); // claims the whole file

    List<HeaderBlob> blobs = BerkeleyDbPackages.read("Packages", db, warnings::add);

    assertThat(blobs).isEmpty();
    assertThat(warnings).singleElement().asString().contains("overflow chain ends after");
  }

  @Test
  void bucketChainCycleEndsTheWalk() throws Exception {
    BdbImage image = new BdbImage(4096, ByteOrder.LITTLE_ENDIAN, 2).add(1, blob("a")).add(2, blob("b"));
    byte[] db = image.build();
    setNext(image, db, image.bucketPage(0), image.bucketPage(0));

    List<HeaderBlob> blobs = BerkeleyDbPackages.read("Packages", db, warnings::add);

    assertThat(blobs).extracting(HeaderBlob::recordNumber).containsExactly(1L, 2L);
    assertThat(warnings).singleElement().asString().contains("hash bucket 0", "reached twice");
  }

  @Test
  void pageThatDoesNotCarryItsNumberIsDamage() throws Exception {
    BdbImage image = new BdbImage(512, ByteOrder.LITTLE_ENDIAN, 1).add(1, bigBlob("a", 1000));
    byte[] db = image.build();
    int page = image.overflowPages(0).get(1);
    ByteBuffer.wrap(db).order(image.order()).putInt(page * 512 + 8, 12345);

    assertThatThrownBy(() -> readAll(db)).hasMessageContaining("page " + page + " carries page number 12345");
  }

  @Test
  @Timeout(5)
  void forgedBucketCountDoesNotLoopForever() throws Exception {
    BdbImage image = new BdbImage(512, ByteOrder.LITTLE_ENDIAN, 1).add(1, blob("a"));
    byte[] db = image.build();
    ByteBuffer.wrap(db).order(image.order()).putInt(32, -1).putInt(72, -16); // last page and max bucket ~4e9

    List<HeaderBlob> blobs = BerkeleyDbPackages.read("Packages", db, warnings::add);

    assertThat(blobs).hasSize(1);
    assertThat(warnings.get(0)).contains("announces 4294967296 pages");
  }

  @Test
  void truncatedFileKeepsWhatIsThere() throws Exception {
    BdbImage image = new BdbImage(512, ByteOrder.LITTLE_ENDIAN, 2).add(1, blob("a")).add(2, bigBlob("b", 3000));
    byte[] db = image.build();
    byte[] truncated = Arrays.copyOf(db, db.length - 512);

    List<HeaderBlob> blobs = BerkeleyDbPackages.read("Packages", truncated, warnings::add);

    assertThat(blobs).extracting(HeaderBlob::recordNumber).containsExactly(1L);
    assertThat(warnings).hasSize(2);
    assertThat(warnings.get(0)).contains("truncated?");
    assertThat(warnings.get(1)).contains("hash bucket 1", "outside 1..");
  }

  @Test
  void rejectsWhatItCannotRead() {
    byte[] db = new BdbImage(512, ByteOrder.LITTLE_ENDIAN, 1).add(1, blob("a")).build();

    assertRejected(Arrays.copyOf(db, 511), "shorter than its 512-byte meta page");
    assertRejected(with(db, 12, 0x053162), "btree file");
    assertRejected(with(db, 12, 0x12345), "not a Berkeley DB hash database");
    assertRejected(with(db, 16, 7), "unsupported Berkeley DB hash version 7");
    assertRejected(with(db, 20, 1000), "invalid Berkeley DB page size 1000");
    assertRejected(with(db, 20, 128), "invalid Berkeley DB page size 128");
    assertRejected(withByte(db, 24, 1), "encrypted");
    assertRejected(withByte(db, 25, 9), "page type 9");
    assertRejected(withByte(db, 26, 1), "checksums are not supported");
    assertRejected(with(db, 72, 3), "max bucket 3 beyond the last page");
  }

  private List<HeaderBlob> readAll(byte[] db) throws Exception {
    List<HeaderBlob> blobs = BerkeleyDbPackages.read("Packages", db, warnings::add);
    if (!warnings.isEmpty()) {
      throw new AssertionError(String.join("\n", warnings));
    }
    return blobs;
  }

  private void assertRejected(byte[] db, String reason) {
    assertThatThrownBy(() -> BerkeleyDbPackages.read("Packages", db, warnings::add))
        .isInstanceOf(RpmDatabaseException.class)
        .hasMessageStartingWith("Packages: ")
        .hasMessageContaining(reason);
  }

  private static byte[] with(byte[] db, int offset, int value) {
    byte[] copy = db.clone();
    ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
    return copy;
  }

  private static byte[] withByte(byte[] db, int offset, int value) {
    byte[] copy = db.clone();
    copy[offset] = (byte) value;
    return copy;
  }

  private static void setNext(BdbImage image, byte[] db, int page, int next) {
    ByteBuffer.wrap(db).order(image.order()).putInt(page * image.pageSize() + 16, next);
  }

  /** A valid header blob of at least {@code size} bytes (a long file list does it). */
  private static byte[] bigBlob(String name, int size) {
    String[] files = IntStream.range(0, size / 16 + 1).mapToObj(i -> "/usr/share/doc/" + i).toArray(String[]::new);
    return HeaderBlobBuilder.pkg(name, "1", "1", "noarch").stringArray(RpmTags.OLDFILENAMES, files).build();
  }
}
