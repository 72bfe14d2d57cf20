package io.plimsoll.ecosystem.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RpmPackageHeaderTest {
  @Test
  void extractsIdentityAndFiles() throws Exception {
    byte[] blob =
        HeaderBlobBuilder.pkg("curl", "7.86.0", "1.cm2", "x86_64")
            .int32(RpmTags.EPOCH, 1)
            .string(RpmTags.SOURCERPM, "curl-7.86.0-1.cm2.src.rpm")
            .string(RpmTags.LICENSE, "MIT")
            .string(RpmTags.VENDOR, "Microsoft Corporation")
            .string(RpmTags.MODULARITYLABEL, "curl:7:1:abc")
            .int32(RpmTags.SIZE, 0xfffffff0)
            .stringArray(RpmTags.BASENAMES, "curl", "curl.1.gz", "curl")
            .int32(RpmTags.DIRINDEXES, 0, 1, 2)
            .stringArray(RpmTags.DIRNAMES, "/usr/bin/", "/usr/share/man/man1/", "/usr/share/licenses/")
            .stringArray(RpmTags.FILEDIGESTS, "aa", "bb", "")
            .build();

    RpmPackageHeader pkg = RpmPackageHeader.from(RpmHeader.parse(blob));

    assertThat(pkg.name()).isEqualTo("curl");
    assertThat(pkg.epoch()).isEqualTo(1);
    assertThat(pkg.evr()).isEqualTo("1:7.86.0-1.cm2");
    assertThat(pkg.nevra()).isEqualTo("curl-1:7.86.0-1.cm2.x86_64");
    assertThat(pkg.sourceRpm()).isEqualTo("curl-7.86.0-1.cm2.src.rpm");
    assertThat(pkg.license()).isEqualTo("MIT");
    assertThat(pkg.vendor()).isEqualTo("Microsoft Corporation");
    assertThat(pkg.modularityLabel()).isEqualTo("curl:7:1:abc");
    assertThat(pkg.size()).as("SIZE is unsigned").isEqualTo(0xfffffff0L);
    assertThat(pkg.files())
        .containsExactly("/usr/bin/curl", "/usr/share/man/man1/curl.1.gz", "/usr/share/licenses/curl");
    assertThat(pkg.fileDigests()).containsExactly("aa", "bb", "");
    assertThat(pkg.fileDigestAlgorithm()).as("rpm's default without FILEDIGESTALGO is MD5").isEqualTo(1);
    assertThat(pkg.isPublicKey()).isFalse();
  }

  @Test
  void longSizeWinsOverSize() throws Exception {
    byte[] blob =
        HeaderBlobBuilder.pkg("big", "1", "1", "x86_64")
            .int32(RpmTags.SIZE, 1)
            .int64(RpmTags.LONGSIZE, 1L << 33)
            .build();

    assertThat(RpmPackageHeader.from(RpmHeader.parse(blob)).size()).isEqualTo(1L << 33);
  }

  @Test
  void fallsBackToOldFilenames() throws Exception {
    byte[] blob =
        HeaderBlobBuilder.pkg("old", "1", "1", "i386").stringArray(RpmTags.OLDFILENAMES, "/bin/sh", "/etc/x").build();

    assertThat(RpmPackageHeader.from(RpmHeader.parse(blob)).files()).containsExactly("/bin/sh", "/etc/x");
  }

  @Test
  void publicKeyPseudoPackageHasNoArch() throws Exception {
    byte[] blob =
        new HeaderBlobBuilder()
            .string(RpmTags.NAME, "gpg-pubkey")
            .string(RpmTags.VERSION, "fd431d51")
            .string(RpmTags.RELEASE, "4ae0493b")
            .build();

    RpmPackageHeader pkg = RpmPackageHeader.from(RpmHeader.parse(blob));

    assertThat(pkg.isPublicKey()).isTrue();
    assertThat(pkg.arch()).isNull();
    assertThat(pkg.files()).isEmpty();
    assertThat(pkg.fileDigestAlgorithm()).isNull();
  }

  @Test
  void missingNameIsAnError() throws Exception {
    RpmHeader h = RpmHeader.parse(new HeaderBlobBuilder().string(RpmTags.VERSION, "1").build());

    assertThatThrownBy(() -> RpmPackageHeader.from(h, w -> {})).hasMessageContaining("no NAME (tag 1000)");
  }

  @Test
  void brokenFileListFailsStrictlyButOnlyWarnsLeniently() throws Exception {
    RpmHeader h =
        RpmHeader.parse(
            HeaderBlobBuilder.pkg("bash", "5", "1", "x86_64")
                .stringArray(RpmTags.BASENAMES, "bash", "sh")
                .int32(RpmTags.DIRINDEXES, 0, 7)
                .stringArray(RpmTags.DIRNAMES, "/usr/bin/")
                .build());
    List<String> warnings = new ArrayList<>();

    assertThatThrownBy(() -> RpmPackageHeader.from(h)).hasMessageContaining("DIRINDEXES[1] = 7");
    RpmPackageHeader pkg = RpmPackageHeader.from(h, warnings::add);

    assertThat(pkg.name()).isEqualTo("bash");
    assertThat(pkg.files()).isEmpty();
    assertThat(warnings).singleElement().asString().contains("bash-5-1.x86_64", "file list dropped");
  }

  @Test
  void fileArraysOfDifferentLengthsAreAnError() throws Exception {
    RpmHeader mismatchedIndexes =
        RpmHeader.parse(
            HeaderBlobBuilder.pkg("a", "1", "1", "noarch")
                .stringArray(RpmTags.BASENAMES, "x", "y")
                .int32(RpmTags.DIRINDEXES, 0)
                .stringArray(RpmTags.DIRNAMES, "/")
                .build());
    RpmHeader mismatchedDigests =
        RpmHeader.parse(
            HeaderBlobBuilder.pkg("a", "1", "1", "noarch")
                .stringArray(RpmTags.OLDFILENAMES, "/x")
                .stringArray(RpmTags.FILEDIGESTS, "aa", "bb")
                .build());

    assertThatThrownBy(() -> RpmPackageHeader.from(mismatchedIndexes))
        .hasMessageContaining("BASENAMES has 2 entries but DIRINDEXES has 1");
    assertThatThrownBy(() -> RpmPackageHeader.from(mismatchedDigests))
        .hasMessageContaining("FILEDIGESTS has 2 entries for 1 files");
  }

  @Test
  void pathsBuiltFromOneHugeDirnameAreCapped() throws Exception {
    int files = 50_000;
    String[] basenames = new String[files];
    Arrays.fill(basenames, "x");
    byte[] blob =
        HeaderBlobBuilder.pkg("bomb", "1", "1", "noarch")
            .stringArray(RpmTags.BASENAMES, basenames)
            .int32(RpmTags.DIRINDEXES, new int[files])
            .stringArray(RpmTags.DIRNAMES, "/" + "d".repeat(100_000) + "/")
            .build();
    RpmHeader h = RpmHeader.parse(blob);

    // 350 kB of header would otherwise stand for 5 GB of paths.
    assertThatThrownBy(() -> RpmPackageHeader.from(h)).hasMessageContaining("more than 16 times the header size");
    assertThat(RpmPackageHeader.from(h, w -> {}).files()).isEmpty();
  }
}
