package io.plimsoll.bench;

import io.plimsoll.ecosystem.ParseResult;
import io.plimsoll.ecosystem.alpine.ApkInstalledParser;
import io.plimsoll.ecosystem.alpine.ApkPackage;
import io.plimsoll.ecosystem.debian.DpkgPackage;
import io.plimsoll.ecosystem.debian.DpkgStatusParser;
import io.plimsoll.ecosystem.rpm.RpmDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Warm parse times of package databases: a 5,000-package dpkg status and apk database (generated), and a
 * 1,000+-package rpmdb.sqlite (the shared corpus's real CBL-Mariner database, its rows repeated), median of many runs.
 */
public final class PackageDbBench {

    private static final int WARMUP = 30;
    private static final int RUNS = 50;

    @FunctionalInterface
    interface Parse {
        int run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        byte[] status = dpkgStatus(5000);
        report("dpkg status, 5000 packages (" + status.length / 1024 + " KiB)", () -> {
            ParseResult<DpkgPackage> r = DpkgStatusParser.parse("/var/lib/dpkg/status", status);
            return r.packages().size();
        });
        byte[] apk = apkInstalled(5000);
        report("apk installed, 5000 packages (" + apk.length / 1024 + " KiB)", () -> {
            ParseResult<ApkPackage> r = ApkInstalledParser.parse("/lib/apk/db/installed", apk);
            return r.packages().size();
        });
        Optional<Path> mariner = sharedFile("corpus/pkgdb/rpm/cbl-mariner-2.0-sqlite/rpmdb.sqlite");
        if (mariner.isEmpty()) {
            System.out.println("rpmdb.sqlite: skipped (../shared/corpus is not beside this checkout)");
            return;
        }
        byte[] rpmdb = repeatRows(mariner.get(), 8);
        report("rpmdb.sqlite, real headers x8 (" + rpmdb.length / 1024 + " KiB)",
                () -> RpmDatabase.read("rpmdb.sqlite", rpmdb).packages().size());
    }

    private static void report(String what, Parse parse) throws Exception {
        int packages = 0;
        for (int i = 0; i < WARMUP; i++) {
            packages = parse.run();
        }
        long[] nanos = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            parse.run();
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%-50s %5d packages  median %6.2f ms  best %6.2f ms%n", what, packages,
                nanos[RUNS / 2] / 1e6, nanos[0] / 1e6);
    }

    private static byte[] dpkgStatus(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("Package: pkg").append(i).append("\nStatus: install ok installed\nPriority: optional\n")
                    .append("Section: libs\nInstalled-Size: ").append(100 + i).append("\nMaintainer: Debian Team <team@debian.org>\n")
                    .append("Architecture: amd64\nMulti-Arch: same\nSource: src").append(i / 3).append(" (1.").append(i)
                    .append("-1)\nVersion: 1.").append(i).append("-1+b1\nDepends: libc6 (>= 2.34), libgcc-s1 (>= 3.0)\n")
                    .append("Description: generated package ").append(i).append("\n This is a long description line that wraps.\n")
                    .append(" .\n Another paragraph of the description, as real packages have.\n")
                    .append("Homepage: https://example.org/pkg").append(i).append("\n\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] apkInstalled(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("C:Q1abcdefghijklmnopqrstuvwxyz0123=\nP:pkg").append(i).append("\nV:1.").append(i).append("-r0\n")
                    .append("A:x86_64\nS:12345\nI:67890\nT:generated package\nU:https://example.org\nL:MIT\no:origin")
                    .append(i / 3).append("\nm:Maintainer <m@example.org>\nt:1700000000\nc:0123456789abcdef\n")
                    .append("D:so:libc.musl-x86_64.so.1\nF:usr/lib\nR:libpkg").append(i).append(".so.1\nZ:Q1xyz=\n")
                    .append("F:usr/share/doc/pkg").append(i).append("\nR:README\n\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The database with every package row present {@code times} times (fresh hnums), as a bigger real rpmdb. */
    private static byte[] repeatRows(Path db, int times) throws Exception {
        Path copy = Files.createTempFile("rpmdb", ".sqlite");
        try {
            Files.copy(db, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy); Statement st = c.createStatement()) {
                st.execute("PRAGMA journal_mode=DELETE");
                for (int k = 1; k < times; k++) {
                    st.execute("INSERT INTO Packages(hnum, blob) SELECT hnum + " + (k * 100_000)
                            + ", blob FROM Packages WHERE hnum < 100000");
                }
            }
            return Files.readAllBytes(copy);
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    private static Optional<Path> sharedFile(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("shared").resolve(relative);
            if (Files.exists(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
