package io.plimsoll.ecosystem.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.ecosystem.rpm.db.NdbImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RpmDatabaseTest {
  @Test
  void recognisesFormatsByMagicNotByName() {
    byte[] bdbLittle = new byte[16];
    bdbLittle[12] = 0x61;
    bdbLittle[13] = 0x15;
    bdbLittle[14] = 0x06;
    byte[] bdbBig = new byte[16];
    bdbBig[13] = 0x06;
    bdbBig[14] = 0x15;
    bdbBig[15] = 0x61;

    assertThat(RpmDatabaseFormat.detect("SQLite format 3\0...".getBytes(StandardCharsets.US_ASCII)))
        .contains(RpmDatabaseFormat.SQLITE);
    assertThat(RpmDatabaseFormat.detect("RpmP".getBytes(StandardCharsets.US_ASCII))).contains(RpmDatabaseFormat.NDB);
    assertThat(RpmDatabaseFormat.detect(bdbLittle)).contains(RpmDatabaseFormat.BERKELEY_DB);
    assertThat(RpmDatabaseFormat.detect(bdbBig)).contains(RpmDatabaseFormat.BERKELEY_DB);
    assertThat(RpmDatabaseFormat.detect(new byte[0])).isEmpty();
    assertThat(RpmDatabaseFormat.detect("SQLite format 2\0".getBytes(StandardCharsets.US_ASCII))).isEmpty();
  }

  @Test
  void unknownContentIsRejectedWithTheFileName() {
    assertThatThrownBy(() -> RpmDatabase.read("var/lib/rpm/Packages", new byte[100]))
        .isInstanceOf(RpmDatabaseException.class)
        .hasMessage("var/lib/rpm/Packages: not an rpm database: no SQLite, Berkeley DB hash or NDB magic")
        .satisfies(
            e -> {
              RpmDatabaseException rde = (RpmDatabaseException) e;
              assertThat(rde.fileName()).isEqualTo("var/lib/rpm/Packages");
              assertThat(rde.reason()).startsWith("not an rpm database");
            });
  }

  @Test
  void badRecordsBecomeWarningsNextToTheGoodOnes() throws Exception {
    byte[] db =
        new NdbImage()
            .add(1, HeaderBlobBuilder.pkg("bash", "5.1", "1", "x86_64").build())
            .add(2, "not a header".getBytes(StandardCharsets.US_ASCII))
            .add(3, new HeaderBlobBuilder().string(RpmTags.VERSION, "1").build())
            .build();

    RpmDatabaseResult result = RpmDatabase.read("Packages.db", new ByteArrayInputStream(db));

    assertThat(result.format()).isEqualTo(RpmDatabaseFormat.NDB);
    assertThat(result.packages()).extracting(RpmPackageHeader::name).containsExactly("bash");
    assertThat(result.warnings())
        .containsExactly(
            "Packages.db: record 2: header index count 1852797984 is outside 1..65535",
            "Packages.db: record 3: header has no NAME (tag 1000)");
  }

  @Test
  void databaseWithoutASingleReadablePackageIsAnError() {
    byte[] db = new NdbImage().add(1, new byte[8]).add(2, new byte[9]).build();

    assertThatThrownBy(() -> RpmDatabase.read("Packages.db", db))
        .isInstanceOf(RpmDatabaseException.class)
        .hasMessage(
            "Packages.db: none of its 2 package records could be decoded; first: record 1: header index count 0 is"
                + " outside 1..65535");
  }

  @Test
  void emptyDatabaseIsNoError() throws Exception {
    RpmDatabaseResult result = RpmDatabase.read("Packages.db", new NdbImage().build());

    assertThat(result.packages()).isEmpty();
    assertThat(result.warnings()).isEmpty();
  }

  @Test
  void warningsAreCapped() throws Exception {
    NdbImage image = new NdbImage().add(1, HeaderBlobBuilder.pkg("ok", "1", "1", "noarch").build());
    for (int i = 2; i < RpmDatabase.MAX_WARNINGS + 30; i++) {
      image.add(i, new byte[8]);
    }

    RpmDatabaseResult result = RpmDatabase.read("Packages.db", image.build());

    assertThat(result.warnings()).hasSize(RpmDatabase.MAX_WARNINGS + 1);
    assertThat(result.warnings().get(RpmDatabase.MAX_WARNINGS)).isEqualTo("Packages.db: 28 more warnings omitted");
  }
}
