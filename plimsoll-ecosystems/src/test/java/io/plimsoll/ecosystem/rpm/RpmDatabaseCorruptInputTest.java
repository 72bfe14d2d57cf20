package io.plimsoll.ecosystem.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.plimsoll.ecosystem.rpm.db.HeaderBlob;
import io.plimsoll.ecosystem.rpm.db.NdbPackages;
import io.plimsoll.image.testing.SharedCorpus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * Damaged copies of the real databases, built in memory: whatever the damage, reading ends in a result (possibly
 * with warnings) or an {@link RpmDatabaseException}, never another exception and never a hang. Seeds are fixed so
 * a failure reproduces.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // hang guard only
class RpmDatabaseCorruptInputTest {
  private static final String[] DATABASES = {
    "corpus/pkgdb/rpm/cbl-mariner-2.0-sqlite/rpmdb.sqlite",
    "corpus/pkgdb/rpm/libuuid-bdb/Packages",
    "corpus/pkgdb/rpm/sle15-bci-ndb/Packages.db",
    "corpus/syft/syft/pkg/cataloger/redhat/testdata/Packages",
  };

  private record Sample(String name, byte[] content, Set<String> packages) {}

  @TestFactory
  Stream<DynamicTest> truncatedCopiesNeverInventPackages() {
    return samples().map(s -> DynamicTest.dynamicTest(s.name, () -> {
      for (int length : truncationPoints(s.content.length)) {
        RpmDatabaseResult result = attempt(s.name + " cut at " + length, Arrays.copyOf(s.content, length));
        if (result != null) {
          assertThat(nevras(result)).as("%s cut at %d", s.name, length).isSubsetOf(s.packages);
        }
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> byteFlipsAnywhere() {
    return samples().map(s -> DynamicTest.dynamicTest(s.name, () -> {
      // The SQLite sample is 3.6 MB and each attempt deserializes all of it; fewer rounds keep the test quick.
      int rounds = s.content.length > 1_000_000 ? 60 : 400;
      Random random = new Random(s.name.hashCode());
      for (int round = 0; round < rounds; round++) {
        byte[] damaged = s.content.clone();
        int flips = 1 + random.nextInt(32);
        for (int f = 0; f < flips; f++) {
          damaged[random.nextInt(damaged.length)] ^= (byte) (1 + random.nextInt(255));
        }
        attempt(s.name + " flip round " + round, damaged);
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> byteFlipsInTheStructureAtTheFront() {
    // Random flips mostly land in package data; these hit the meta page, slot pages, SQLite header and the first
    // b-tree pages, where the reader's own bookkeeping lives.
    return samples().map(s -> DynamicTest.dynamicTest(s.name, () -> {
      int front = Math.min(s.content.length, 16384);
      Random random = new Random(~s.name.hashCode());
      for (int round = 0; round < 200; round++) {
        byte[] damaged = s.content.clone();
        int flips = 1 + random.nextInt(4);
        for (int f = 0; f < flips; f++) {
          damaged[random.nextInt(front)] = (byte) random.nextInt(256);
        }
        attempt(s.name + " front round " + round, damaged);
      }
    }));
  }

  @Test
  void randomBytesBehindEachMagic() {
    Random random = new Random(42);
    byte[] bdbMeta = sample("corpus/pkgdb/rpm/libuuid-bdb/Packages").content;
    for (int size : new int[] {0, 1, 16, 100, 512, 4096, 65536, 300_000}) {
      for (int round = 0; round < 5; round++) {
        byte[] noise = new byte[size];
        random.nextBytes(noise);
        attempt("noise " + size, noise);
        attempt("sqlite+noise " + size, withPrefix(noise, "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII)));
        // A believable NDB header (version 0, one slot page) so the noise reaches slot and blob parsing.
        byte[] ndb = withPrefix(noise, "RpmP".getBytes(StandardCharsets.US_ASCII));
        if (ndb.length >= 16) {
          ByteBuffer.wrap(ndb).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 0).putInt(12, 1);
        }
        attempt("ndb+noise " + size, ndb);
        // The real meta page of a BDB file in front, so the noise is walked as hash and overflow pages.
        attempt("bdb meta+noise " + size, withPrefix(noise, Arrays.copyOf(bdbMeta, 4096)));
      }
    }
  }

  @Test
  void headerBlobsWithDamagedIndexes() throws IOException {
    // Straight at the header decoder: every real blob, with bytes of its intro and index overwritten.
    Sample ndb = sample("corpus/pkgdb/rpm/sle15-bci-ndb/Packages.db");
    List<HeaderBlob> blobs = NdbPackages.read(ndb.name, ndb.content, w -> {});
    Random random = new Random(7);
    for (HeaderBlob blob : blobs) {
      byte[] original = Arrays.copyOfRange(blob.buffer(), blob.offset(), blob.offset() + blob.length());
      int indexEnd = Math.min(original.length, 8 + 16 * ByteBuffer.wrap(original).getInt());
      for (int round = 0; round < 40; round++) {
        byte[] damaged = original.clone();
        int changes = 1 + random.nextInt(3);
        for (int f = 0; f < changes; f++) {
          damaged[random.nextInt(indexEnd)] = (byte) random.nextInt(256);
        }
        try {
          RpmPackageHeader.from(RpmHeader.parse(damaged));
        } catch (RpmHeaderException expected) {
          // the only acceptable failure
        } catch (RuntimeException e) {
          fail("record " + blob.recordNumber() + " round " + round + ": " + e, e);
        }
      }
    }
  }

  /** Reads and returns the result, or null after an acceptable RpmDatabaseException; fails on anything else. */
  private static RpmDatabaseResult attempt(String what, byte[] content) {
    try {
      return RpmDatabase.read(what, content);
    } catch (RpmDatabaseException e) {
      assertThat(e.getMessage()).as(what).doesNotContain(RpmDatabase.UNEXPECTED_FAILURE);
      assertThat(e.fileName()).isEqualTo(what);
      return null;
    } catch (Throwable t) {
      return fail(what + ": " + t, t);
    }
  }

  private static int[] truncationPoints(int length) {
    int[] candidates = {
      0, 1, 8, 15, 16, 17, 31, 32, 48, 99, 100, 101, 511, 512, 513, 4095, 4096, 4097, 8192, 12288,
      length / 5, length / 4, length / 3, length / 2, 2 * length / 3, 3 * length / 4,
      length - 8192, length - 4097, length - 4096, length - 512, length - 17, length - 16, length - 1
    };
    return Arrays.stream(candidates).filter(n -> n >= 0 && n < length).distinct().sorted().toArray();
  }

  private static byte[] withPrefix(byte[] noise, byte[] prefix) {
    byte[] out = Arrays.copyOf(prefix, Math.max(prefix.length, noise.length));
    System.arraycopy(noise, Math.min(prefix.length, noise.length), out, prefix.length,
        Math.max(0, noise.length - prefix.length));
    return out;
  }

  private static Stream<Sample> samples() {
    List<Sample> samples = new ArrayList<>();
    for (String db : DATABASES) {
      samples.add(sample(db));
    }
    return samples.stream();
  }

  private static Sample sample(String relative) {
    Path path = SharedCorpus.require(relative);
    try {
      byte[] content = Files.readAllBytes(path);
      RpmDatabaseResult intact = RpmDatabase.read(relative, content);
      return new Sample(path.getParent().getFileName() + "/" + path.getFileName(), content, nevras(intact));
    } catch (IOException e) {
      throw new AssertionError(relative + ": the intact database must read: " + e, e);
    }
  }

  private static Set<String> nevras(RpmDatabaseResult result) {
    return result.packages().stream().map(RpmPackageHeader::nevra).collect(Collectors.toCollection(TreeSet::new));
  }
}
