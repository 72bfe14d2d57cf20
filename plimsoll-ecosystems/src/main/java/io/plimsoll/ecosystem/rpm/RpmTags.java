package io.plimsoll.ecosystem.rpm;

/** The rpm header tags Plimsoll reads; numbers from rpm's {@code rpmtag.h}. */
public final class RpmTags {
  /** Region tags: the first index entry of a header points at the immutable copy of the package's header. */
  public static final int HEADERIMAGE = 61;
  public static final int HEADERSIGNATURES = 62;
  public static final int HEADERIMMUTABLE = 63;

  public static final int NAME = 1000;
  public static final int VERSION = 1001;
  public static final int RELEASE = 1002;
  public static final int EPOCH = 1003;
  public static final int SIZE = 1009;
  public static final int VENDOR = 1011;
  public static final int LICENSE = 1014;
  public static final int ARCH = 1022;
  /** Full paths, used by headers older than rpm 4 that predate the basename/dirname split. */
  public static final int OLDFILENAMES = 1027;
  public static final int FILEDIGESTS = 1035;
  public static final int SOURCERPM = 1044;
  public static final int DIRINDEXES = 1116;
  public static final int BASENAMES = 1117;
  public static final int DIRNAMES = 1118;
  public static final int LONGSIZE = 5009;
  public static final int FILEDIGESTALGO = 5011;
  public static final int MODULARITYLABEL = 5096;

  private RpmTags() {}
}
