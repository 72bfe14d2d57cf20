package io.plimsoll.ecosystem.rpm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What Plimsoll keeps of one installed package's rpm header.
 *
 * @param name NAME, never null
 * @param epoch EPOCH, or null when the package has none (which rpm treats like 0 when comparing)
 * @param version VERSION, never null
 * @param release RELEASE, never null
 * @param arch ARCH, or null (the {@code gpg-pubkey} pseudo-packages have none)
 * @param sourceRpm SOURCERPM, or null (source packages and {@code gpg-pubkey} have none)
 * @param license LICENSE, or null
 * @param vendor VENDOR, or null
 * @param modularityLabel MODULARITYLABEL (RHEL 8+ module streams), or null
 * @param size installed size in bytes (LONGSIZE, else SIZE), or null
 * @param files owned paths, in header order; empty when the package owns none or its file list was unreadable
 * @param fileDigests FILEDIGESTS, parallel to {@code files} ("" for directories, links, ...); empty when absent
 * @param fileDigestAlgorithm PGP hash algorithm of {@code fileDigests} (1 = MD5, 8 = SHA-256, ...), or null when
 *     there are no digests
 */
public record RpmPackageHeader(
    String name,
    Integer epoch,
    String version,
    String release,
    String arch,
    String sourceRpm,
    String license,
    String vendor,
    String modularityLabel,
    Long size,
    List<String> files,
    List<String> fileDigests,
    Integer fileDigestAlgorithm) {

  /** rpm's default when FILEDIGESTALGO is absent: headers from before the tag existed used MD5. */
  private static final int DEFAULT_DIGEST_ALGORITHM = 1;
  /**
   * Paths are assembled from shared directory names, so a forged header could make a few bytes stand for
   * gigabytes of paths (one huge dirname, a million one-byte basenames). Real headers spend tens of bytes of
   * per-file metadata on every path, so their paths never come near 16 times the header's size.
   */
  private static final long PATH_BYTES_PER_HEADER_BYTE = 16;
  private static final long MIN_PATH_BYTES = 1 << 20;

  public RpmPackageHeader {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(release, "release");
    files = List.copyOf(files);
    fileDigests = List.copyOf(fileDigests);
  }

  /**
   * Extracts the package from a header, strictly: any unreadable tag fails.
   *
   * @throws RpmHeaderException when a tag is missing, mistyped or malformed
   */
  public static RpmPackageHeader from(RpmHeader header) throws RpmHeaderException {
    FileList files = FileList.read(header);
    return identity(header, files);
  }

  /**
   * Extracts the package, tolerating a broken file list: the package is still worth reporting for vulnerability
   * matching, so the files are dropped and a warning names the package.
   *
   * @throws RpmHeaderException when the identifying tags (name, version, ...) are unreadable
   */
  public static RpmPackageHeader from(RpmHeader header, Consumer<String> warnings) throws RpmHeaderException {
    FileList files;
    String fileError = null;
    try {
      files = FileList.read(header);
    } catch (RpmHeaderException e) {
      files = FileList.EMPTY;
      fileError = e.getMessage();
    }
    RpmPackageHeader pkg = identity(header, files);
    if (fileError != null) {
      warnings.accept(pkg.nevra() + ": file list dropped: " + fileError);
    }
    return pkg;
  }

  private static RpmPackageHeader identity(RpmHeader h, FileList files) throws RpmHeaderException {
    String name = required(h, RpmTags.NAME, "NAME");
    String version = required(h, RpmTags.VERSION, "VERSION");
    String release = required(h, RpmTags.RELEASE, "RELEASE");
    Long size = h.int64(RpmTags.LONGSIZE);
    if (size == null) {
      Integer small = h.int32(RpmTags.SIZE);
      size = small == null ? null : Integer.toUnsignedLong(small);
    }
    return new RpmPackageHeader(
        name,
        h.int32(RpmTags.EPOCH),
        version,
        release,
        h.string(RpmTags.ARCH),
        h.string(RpmTags.SOURCERPM),
        h.string(RpmTags.LICENSE),
        h.string(RpmTags.VENDOR),
        h.string(RpmTags.MODULARITYLABEL),
        size,
        files.paths,
        files.digests,
        files.algorithm);
  }

  private static String required(RpmHeader h, int tag, String label) throws RpmHeaderException {
    String value = h.string(tag);
    if (value == null) {
      throw new RpmHeaderException("header has no " + label + " (tag " + tag + ")");
    }
    return value;
  }

  /** {@code [epoch:]version-release}, the form rpm compares. */
  public String evr() {
    return (epoch == null ? "" : epoch + ":") + version + "-" + release;
  }

  /** {@code name-[epoch:]version-release[.arch]}, for messages. */
  public String nevra() {
    return name + "-" + evr() + (arch == null ? "" : "." + arch);
  }

  /**
   * Whether this is one of the {@code gpg-pubkey} pseudo-packages rpm creates for imported signing keys. They are
   * real database records ({@code rpm -qa} lists them) but no installed software, so catalogers usually skip them.
   */
  public boolean isPublicKey() {
    return "gpg-pubkey".equals(name);
  }

  private record FileList(List<String> paths, List<String> digests, Integer algorithm) {
    static final FileList EMPTY = new FileList(List.of(), List.of(), null);

    static FileList read(RpmHeader h) throws RpmHeaderException {
      List<String> paths = paths(h);
      List<String> digests = h.strings(RpmTags.FILEDIGESTS);
      if (digests.isEmpty()) {
        return new FileList(paths, List.of(), null);
      }
      if (digests.size() != paths.size()) {
        throw new RpmHeaderException(
            "FILEDIGESTS has " + digests.size() + " entries for " + paths.size() + " files");
      }
      Integer algorithm = h.int32(RpmTags.FILEDIGESTALGO);
      return new FileList(paths, digests, algorithm == null ? DEFAULT_DIGEST_ALGORITHM : algorithm);
    }

    private static List<String> paths(RpmHeader h) throws RpmHeaderException {
      List<String> basenames = h.strings(RpmTags.BASENAMES);
      if (basenames.isEmpty()) {
        return h.strings(RpmTags.OLDFILENAMES);
      }
      int[] dirIndexes = h.int32s(RpmTags.DIRINDEXES);
      List<String> dirnames = h.strings(RpmTags.DIRNAMES);
      if (dirIndexes == null || dirIndexes.length != basenames.size()) {
        throw new RpmHeaderException(
            "BASENAMES has " + basenames.size() + " entries but DIRINDEXES has "
                + (dirIndexes == null ? "none" : dirIndexes.length));
      }
      long budget = Math.max(MIN_PATH_BYTES, PATH_BYTES_PER_HEADER_BYTE * h.length());
      List<String> paths = new ArrayList<>(basenames.size());
      for (int i = 0; i < dirIndexes.length; i++) {
        int dir = dirIndexes[i];
        if (dir < 0 || dir >= dirnames.size()) {
          throw new RpmHeaderException(
              "DIRINDEXES[" + i + "] = " + dir + " but DIRNAMES has " + dirnames.size() + " entries");
        }
        String dirname = dirnames.get(dir);
        String basename = basenames.get(i);
        budget -= dirname.length() + basename.length();
        if (budget < 0) {
          throw new RpmHeaderException(
              "file paths add up to more than " + PATH_BYTES_PER_HEADER_BYTE + " times the header size");
        }
        paths.add(dirname.concat(basename));
      }
      return paths;
    }
  }
}
