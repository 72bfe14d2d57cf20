package io.plimsoll.ecosystem.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.image.testing.SharedCorpus;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class RpmHeaderTest {
  private static final int SOME_TAG = 5000;
  private static final int BIN_TAG = 5001;

  @Test
  void decodesEveryValueType() throws Exception {
    byte[] blob =
        new HeaderBlobBuilder()
            .string(RpmTags.NAME, "bash")
            .stringArray(RpmTags.DIRNAMES, "/usr/bin/", "/etc/")
            .i18n(1004, "The GNU Bourne Again shell", "Die GNU Bourne Again Shell")
            .int32(RpmTags.EPOCH, 2)
            .int16(1030, 0x81ed, 0x41ed)
            .int64(RpmTags.LONGSIZE, 5_000_000_000L)
            .rawData(BIN_TAG, RpmHeader.TYPE_BIN, new byte[] {1, 2, 3}, 3)
            .build();

    RpmHeader h = RpmHeader.parse(blob);

    assertThat(h.entryCount()).isEqualTo(7);
    assertThat(h.string(RpmTags.NAME)).isEqualTo("bash");
    assertThat(h.strings(RpmTags.DIRNAMES)).containsExactly("/usr/bin/", "/etc/");
    assertThat(h.string(RpmTags.DIRNAMES)).isEqualTo("/usr/bin/");
    assertThat(h.string(1004)).as("I18NSTRING gives the untranslated value").isEqualTo("The GNU Bourne Again shell");
    assertThat(h.int32(RpmTags.EPOCH)).isEqualTo(2);
    assertThat(h.int32s(1030)).as("INT16 widens unsigned").containsExactly(0x81ed, 0x41ed);
    assertThat(h.int64(RpmTags.LONGSIZE)).isEqualTo(5_000_000_000L);
    assertThat(h.type(BIN_TAG)).isEqualTo(RpmHeader.TYPE_BIN);
    assertThat(h.has(RpmTags.VENDOR)).isFalse();
    assertThat(h.string(RpmTags.VENDOR)).isNull();
    assertThat(h.int32(RpmTags.SIZE)).isNull();
    assertThat(h.strings(RpmTags.BASENAMES)).isEmpty();
  }

  @Test
  void laterEntryWinsLikeRpmDribbleEntries() throws Exception {
    byte[] blob =
        new HeaderBlobBuilder().string(RpmTags.VENDOR, "region value").string(RpmTags.VENDOR, "dribble value").build();

    assertThat(RpmHeader.parse(blob).string(RpmTags.VENDOR)).isEqualTo("dribble value");
  }

  @Test
  void ignoresTrailingPaddingAndHonoursSlices() throws Exception {
    byte[] blob = new HeaderBlobBuilder().string(RpmTags.NAME, "zlib").build();
    byte[] padded = new byte[blob.length + 20];
    System.arraycopy(blob, 0, padded, 7, blob.length);

    assertThat(RpmHeader.parse(padded, 7, blob.length + 13).string(RpmTags.NAME)).isEqualTo("zlib");
  }

  @Test
  void decodesClaircoreSampleHeader() throws Exception {
    byte[] blob =
        Files.readAllBytes(SharedCorpus.require("corpus/claircore/internal/rpm/rpmdb/testdata/package.header"));

    RpmHeader h = RpmHeader.parse(blob);
    RpmPackageHeader pkg = RpmPackageHeader.from(h);

    assertThat(h.type(RpmTags.HEADERIMMUTABLE)).isEqualTo(RpmHeader.TYPE_BIN);
    assertThat(pkg.nevra()).isEqualTo("crypto-policies-20210213-1.git5c710c0.fc34.noarch");
    assertThat(pkg.sourceRpm()).isEqualTo("crypto-policies-20210213-1.git5c710c0.fc34.src.rpm");
    assertThat(pkg.license()).isEqualTo("LGPLv2+");
    assertThat(pkg.vendor()).isEqualTo("Fedora Project");
    assertThat(pkg.epoch()).isNull();
    assertThat(pkg.modularityLabel()).isNull();
    assertThat(pkg.size()).isEqualTo(85288L);
    assertThat(pkg.files()).hasSize(152).startsWith("/etc/crypto-policies", "/etc/crypto-policies/back-ends");
    assertThat(pkg.fileDigestAlgorithm()).isEqualTo(8);
    assertThat(pkg.fileDigests()).hasSize(152);
  }

  @Test
  void rejectsBlobShorterThanIntro() {
    assertRejected(new byte[7], "shorter than its 8-byte intro");
  }

  @Test
  void rejectsIndexCountOutsideRpmLimits() {
    assertRejected(new HeaderBlobBuilder().build(0, 0), "index count 0");
    assertRejected(intro(0x10000, 0), "index count 65536");
    assertRejected(intro(-1, 0), "index count 4294967295");
  }

  @Test
  void rejectsDataLengthOverRpmLimitWithoutAllocating() {
    assertRejected(intro(1, 0x10000000), "data length 268435456 exceeds");
  }

  @Test
  void rejectsBlobShorterThanItsIntroClaims() {
    byte[] blob = new HeaderBlobBuilder().string(RpmTags.NAME, "x").build();
    assertRejected(new HeaderBlobBuilder().string(RpmTags.NAME, "x").build(2, 2), "needs 42 bytes");
    assertRejected(java.util.Arrays.copyOf(blob, blob.length - 1), "but the blob has");
  }

  @Test
  void rejectsUnknownType() {
    assertRejected(new HeaderBlobBuilder().entry(RpmTags.NAME, 10, 0, 1).rawData(1, 7, new byte[4], 4).build(),
        "unknown type 10");
  }

  @Test
  void rejectsOffsetsAndExtentsOutsideTheDataStore() {
    assertRejected(
        new HeaderBlobBuilder().rawData(1, RpmHeader.TYPE_BIN, new byte[4], 4).entry(2, RpmHeader.TYPE_BIN, 5, 1)
            .build(),
        "offset 5 is beyond the data length 4");
    assertRejected(
        new HeaderBlobBuilder().rawData(1, RpmHeader.TYPE_INT32, new byte[8], 3).build(), "INT32[3] at offset 0");
    assertRejected(
        new HeaderBlobBuilder().rawData(1, RpmHeader.TYPE_STRING_ARRAY, new byte[] {'a', 0}, Integer.MAX_VALUE)
            .build(),
        "runs past the data length");
    assertRejected(
        new HeaderBlobBuilder().rawData(1, RpmHeader.TYPE_BIN, new byte[8], 8).entry(2, RpmHeader.TYPE_INT32, 2, 1)
            .build(),
        "misaligned");
  }

  @Test
  void rejectsUnterminatedStringOnAccess() throws Exception {
    RpmHeader h =
        RpmHeader.parse(
            new HeaderBlobBuilder().rawData(RpmTags.NAME, RpmHeader.TYPE_STRING, new byte[] {'b', 'a', 's', 'h'}, 1)
                .build());

    assertThatThrownBy(() -> h.string(RpmTags.NAME))
        .isInstanceOf(RpmHeaderException.class)
        .hasMessageContaining("tag 1000")
        .hasMessageContaining("not NUL-terminated");
  }

  @Test
  void rejectsValueOfTheWrongType() throws Exception {
    RpmHeader h = RpmHeader.parse(new HeaderBlobBuilder().int32(RpmTags.NAME, 7).string(SOME_TAG, "x").build());

    assertThatThrownBy(() -> h.string(RpmTags.NAME)).hasMessageContaining("tag 1000 (INT32[1]) is not a string type");
    assertThatThrownBy(() -> h.int32s(SOME_TAG)).hasMessageContaining("is not an integer type");
    assertThatThrownBy(() -> h.int64(SOME_TAG)).hasMessageContaining("is not INT64");
  }

  private static void assertRejected(byte[] blob, String reason) {
    assertThatThrownBy(() -> RpmHeader.parse(blob))
        .isInstanceOf(RpmHeaderException.class)
        .hasMessageContaining(reason);
  }

  private static byte[] intro(int il, int dl) {
    return ByteBuffer.allocate(8).putInt(il).putInt(dl).array();
  }
}
