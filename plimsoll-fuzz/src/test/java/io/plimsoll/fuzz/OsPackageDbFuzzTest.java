package io.plimsoll.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.alpine.ApkInstalledParser;
import io.plimsoll.ecosystem.debian.DpkgInfoParser;
import io.plimsoll.ecosystem.debian.DpkgStatusParser;

/** The text package databases of Debian (status, status.d, info lists) and Alpine (installed). */
class OsPackageDbFuzzTest {

    @FuzzTest
    void dpkgStatus(byte[] content) {
        // the same bytes as the one status file and as a distroless status.d entry, which the parser reads differently
        try {
            DpkgStatusParser.parse(DpkgStatusParser.STATUS_FILE, content);
        } catch (PackageDbException expected) {
            // bad input, reported as such
        }
        try {
            DpkgStatusParser.parse(DpkgStatusParser.STATUS_D_DIR + "/base", content);
        } catch (PackageDbException expected) {
            // bad input, reported as such
        }
    }

    @FuzzTest
    void dpkgInfo(byte[] content) {
        for (String file : new String[] {"/var/lib/dpkg/info/libc6:amd64.list", "/var/lib/dpkg/info/libc6.md5sums"}) {
            try {
                DpkgInfoParser.parse(file, content);
            } catch (PackageDbException expected) {
                // bad input, reported as such
            }
        }
    }

    @FuzzTest
    void apkInstalled(byte[] content) {
        try {
            ApkInstalledParser.parse(ApkInstalledParser.INSTALLED_FILE, content);
        } catch (PackageDbException expected) {
            // bad input, reported as such
        }
    }
}
