package io.plimsoll.ecosystem.java;

import io.plimsoll.ecosystem.CatalogLimits;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

/**
 * Reads Java archives as streams, nested ones included (Spring Boot's BOOT-INF/lib, WAR's WEB-INF/lib, EARs),
 * without writing anything to disk. Bounded: nesting depth, bytes inflated per top-level archive, and the size of
 * the metadata files read into memory.
 */
public final class JavaArchiveReader {

    public static final int MAX_DEPTH = 8;
    public static final long MAX_INFLATED = 2L << 30;
    private static final int MAX_METADATA = 1 << 20;

    private JavaArchiveReader() {
    }

    public static boolean isArchiveName(String name) {
        int dot = name.length() - 4;
        if (dot < 0 || name.charAt(dot) != '.') {
            return false;
        }
        // no lower-cased copy per name: a jar's directory is thousands of names
        for (String ext : ARCHIVE_EXTENSIONS) {
            if (name.regionMatches(true, dot + 1, ext, 0, 3)) {
                return true;
            }
        }
        return false;
    }

    private static final String[] ARCHIVE_EXTENSIONS = {"jar", "war", "ear", "jpi", "hpi", "par"};

    /**
     * A directory, or a class whose name is safe (not absolute, no {@code ..}): never read, and nothing to warn
     * about, so the central directory makes no entry of it.
     */
    private static boolean unwanted(byte[] zip, int start, int length) {
        if (length > 0 && zip[start + length - 1] == '/') {
            return true;
        }
        if (length < 6 || zip[start] == '/' || zip[start + length - 6] != '.' || zip[start + length - 5] != 'c'
                || zip[start + length - 4] != 'l' || zip[start + length - 3] != 'a' || zip[start + length - 2] != 's'
                || zip[start + length - 1] != 's') {
            return false;
        }
        for (int i = start, end = start + length - 1; i < end; i++) {
            if (zip[i] == '.' && zip[i + 1] == '.') {
                return false;
            }
        }
        return true;
    }

    /** Reads an archive from a stream; never throws for bad content, which becomes warnings instead. */
    public static ArchiveInfo read(String path, InputStream in) {
        return read(path, in, MAX_INFLATED);
    }

    static ArchiveInfo read(String path, InputStream in, long maxInflated) {
        return read(path, in, maxInflated, CatalogLimits.current().maxArchiveBufferBytes());
    }

    /**
     * Reads an archive of {@code size} bytes (as its tar header says; -1 when unknown) from a stream: a known size
     * is read into one array in large reads, where an unknown one grows 8 KiB at a time and is copied once more.
     */
    public static ArchiveInfo readOfSize(String path, InputStream in, long size) {
        return read(path, new Budget(MAX_INFLATED, CatalogLimits.current().maxArchiveBufferBytes()), in, 0, size);
    }

    static ArchiveInfo read(String path, InputStream in, long maxInflated, long maxBuffered) {
        return read(path, new Budget(maxInflated, maxBuffered), in, 0, -1);
    }

    private static final class Budget {
        final long max;
        long inflated;
        /** Bytes of archives held in memory by this archive and the ones it is nested in. */
        final long maxBuffered;
        long buffered;

        Budget(long max, long maxBuffered) {
            this.max = max;
            this.maxBuffered = maxBuffered;
        }
    }

    /**
     * Archives up to this size are read into memory and opened through their central directory, so only the few
     * entries that identify them are inflated; bigger ones, ones whose central directory is broken, and nested ones
     * once the levels above hold {@link CatalogLimits#maxArchiveBufferBytes} between them, are read entry by entry
     * from the stream (every level buffering its own 64 MiB ran eight nested jars out of a 256 MiB heap).
     */
    static final int IN_MEMORY = 64 << 20;

    private static ArchiveInfo read(String path, Budget budget, InputStream in, int depth) {
        return read(path, budget, in, depth, -1);
    }

    private static ArchiveInfo read(String path, Budget budget, InputStream in, int depth, long size) {
        Collected c = new Collected(path);
        int allowance = (int) Math.max(0, Math.min(IN_MEMORY, budget.maxBuffered - budget.buffered));
        byte[] bytes;
        try {
            bytes = readUpTo(new Counted(in, budget, path), allowance + 1, size);
        } catch (BombException b) {
            c.warnings.add(b.getMessage());
            return c.info();
        } catch (IOException | RuntimeException x) {
            c.warnings.add(path + ": cannot be read (" + x.getMessage() + ")");
            return c.info();
        }
        budget.buffered += bytes.length;
        try {
            if (bytes.length <= allowance && readCentralDirectory(bytes, c, budget, depth)) {
                return c.info();
            }
            Collected streamed = new Collected(path);
            InputStream rest = bytes.length <= allowance ? new ByteArrayInputStream(bytes)
                    : new java.io.SequenceInputStream(new ByteArrayInputStream(bytes), in);
            readStream(rest, streamed, budget, depth);
            return streamed.info();
        } finally {
            budget.buffered -= bytes.length;
        }
    }

    /**
     * Up to {@code limit} bytes of the stream. With the size known and within the limit they are read straight into
     * an array of that size (a stream that turns out longer, against its header, still gives up to the limit).
     */
    private static byte[] readUpTo(InputStream in, int limit, long size) throws IOException {
        if (size < 0 || size >= limit) {
            return in.readNBytes(limit);
        }
        byte[] bytes = new byte[(int) size];
        int n = in.readNBytes(bytes, 0, bytes.length);
        if (n < bytes.length) {
            return java.util.Arrays.copyOf(bytes, n);
        }
        byte[] more = in.readNBytes(limit - n);
        if (more.length == 0) {
            return bytes;
        }
        byte[] all = java.util.Arrays.copyOf(bytes, n + more.length);
        System.arraycopy(more, 0, all, n, more.length);
        return all;
    }

    /** Returns false when the central directory cannot be read, so the caller falls back to the stream. */
    private static boolean readCentralDirectory(byte[] bytes, Collected c, Budget budget, int depth) {
        try {
            for (CentralDirectory.Entry e : CentralDirectory.entries(bytes, JavaArchiveReader::unwanted)) {
                if (!e.isDirectory() && c.wanted(e.name())) {
                    // nested archives charge the budget as they are read; metadata reads are capped
                    try (InputStream in = CentralDirectory.open(bytes, e)) {
                        c.entry(e.name(), in, budget, depth);
                    }
                }
            }
            return true;
        } catch (BombException b) {
            c.warnings.add(b.getMessage());
            return true;
        } catch (IOException | RuntimeException x) {
            return false;
        }
    }

    private static void readStream(InputStream in, Collected c, Budget budget, int depth) {
        // streaming zip: the central directory at the end is never needed, so a broken one does not matter
        ZipArchiveInputStream zip = new ZipArchiveInputStream(new Counted(in, budget, c.path), "UTF-8", true, true);
        try {
            ZipArchiveEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (!e.isDirectory() && c.wanted(e.getName())) {
                    c.entry(e.getName(), new Unclosable(zip), budget, depth);
                }
            }
        } catch (BombException b) {
            c.warnings.add(b.getMessage());
        } catch (IOException | RuntimeException x) {
            c.warnings.add(c.path + ": not a readable zip archive past this point (" + x.getMessage() + ")");
        }
    }

    /** What one archive's entries say, gathered whichever way the archive is read. */
    private static final class Collected {
        final String path;
        Map<String, String> manifest = Map.of();
        final List<Map<String, String>> poms = new ArrayList<>();
        final Map<String, Map<String, String>> pomXmls = new LinkedHashMap<>();
        final List<String> licenses = new ArrayList<>();
        final List<ArchiveInfo> nested = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();

        Collected(String path) {
            this.path = path;
        }

        boolean wanted(String name) {
            if (name.startsWith("/") || name.contains("../") || name.startsWith("..")) {
                warnings.add(path + ": entry '" + name + "' has a path outside the archive; skipped");
                return false;
            }
            return name.equalsIgnoreCase("META-INF/MANIFEST.MF")
                    || (name.startsWith("META-INF/maven/") && (name.endsWith("/pom.properties") || name.endsWith("/pom.xml")))
                    || isArchiveName(name);
        }

        void entry(String name, InputStream in, Budget budget, int depth) throws IOException {
            if (name.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                manifest = JarManifest.mainAttributes(in.readNBytes(MAX_METADATA));
            } else if (name.endsWith("/pom.properties")) {
                Properties p = new Properties();
                p.load(new ByteArrayInputStream(in.readNBytes(MAX_METADATA)));
                Map<String, String> m = new LinkedHashMap<>();
                for (String k : List.of("groupId", "artifactId", "version")) {
                    if (p.getProperty(k) != null) {
                        m.put(k, p.getProperty(k).strip());
                    }
                }
                if (m.containsKey("artifactId")) {
                    m.put("dir", name.substring(0, name.length() - "pom.properties".length()));
                    poms.add(m);
                }
            } else if (name.endsWith("/pom.xml")) {
                List<String> pomLicenses = new ArrayList<>();
                PomXml.read(in.readNBytes(MAX_METADATA), pomLicenses).ifPresent(m -> {
                    m.put("dir", name.substring(0, name.length() - "pom.xml".length()));
                    pomXmls.put(m.get("dir"), m);
                });
                licenses.addAll(pomLicenses);
            } else {
                String inner = path + "!/" + name;
                if (depth + 1 > MAX_DEPTH) {
                    warnings.add(inner + ": nested more than " + MAX_DEPTH + " archives deep; not read");
                    return;
                }
                nested.add(read(inner, budget, in, depth + 1));
            }
        }

        ArchiveInfo info() {
            // a pom.xml counts only where its directory has no pom.properties (which is what Maven itself writes)
            for (Map.Entry<String, Map<String, String>> x : pomXmls.entrySet()) {
                if (poms.stream().noneMatch(p -> p.get("dir").equals(x.getKey()))) {
                    poms.add(x.getValue());
                }
            }
            poms.forEach(p -> p.remove("dir"));
            return new ArchiveInfo(path, manifest, poms, licenses.stream().distinct().toList(), nested, warnings);
        }
    }

    private static final class BombException extends IOException {
        BombException(String message) {
            super(message);
        }
    }

    /** Counts inflated bytes against the top archive's budget: a zip bomb stops here, not in the heap or the disk. */
    private static final class Counted extends FilterInputStream {
        private final Budget budget;
        private final String path;

        Counted(InputStream in, Budget budget, String path) {
            super(in);
            this.budget = budget;
            this.path = path;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                charge(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                charge(n);
            }
            return n;
        }

        private void charge(int n) throws BombException {
            budget.inflated += n;
            if (budget.inflated > budget.max) {
                throw new BombException(path + ": expands to more than " + (budget.max >> 20)
                        + " MiB of nested archive data (a zip bomb?); the rest is not read");
            }
        }
    }

    private static final class Unclosable extends FilterInputStream {
        Unclosable(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
