package io.plimsoll.ecosystem.suse;

import io.plimsoll.ecosystem.rpm.RpmVersionScheme;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.feed.FeedFetcher;
import io.plimsoll.vuln.feed.FeedFiles;
import io.plimsoll.vuln.feed.FeedSink;
import io.plimsoll.vuln.feed.Updater;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SUSE's CVRF advisories, {@code https://ftp.suse.com/pub/projects/security/cvrf/}: one file per security update
 * ({@code cvrf-suse-su-2019-1608-1.xml}, {@code cvrf-opensuse-su-2018-1633-1.xml}), named by the folder's listing.
 *
 * <p>Incremental: the listing gives each file's modification time, so after a full update only the files changed
 * since the newest time seen are fetched on top of the previous rows (a re-published advisory replaces its rows).
 * {@code --from DIR} reads every {@code DIR/suse/cvrf/cvrf-*.xml}. Only security updates ({@code -su-}) are read:
 * recommended (bug-fix) and optional updates fix no vulnerability.
 */
public final class SuseCvrfUpdater implements Updater {

    public static final String NAME = "suse";
    static final String FOLDER = "cvrf/";
    static final String STATE_CURSOR = "listing-cursor";

    /** A security advisory's file: {@code cvrf-suse-su-2019-1608-1.xml}, {@code cvrf-opensuse-su-2015-0225-1.xml}. */
    private static final Pattern SECURITY_FILE = Pattern.compile("cvrf-(?:open)?suse-su-[0-9a-z-]+\\.xml");
    /** A listing line: the link, then (Apache's, nginx's layout) the modification time. */
    private static final Pattern LISTING_ENTRY = Pattern.compile(
            "href=\"(cvrf-[^\"/]+\\.xml)\"(?:[^\\n]*?(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}|\\d{2}-[A-Z][a-z]{2}-\\d{4} \\d{2}:\\d{2}))?");
    private static final long MAX_DOCUMENT = 64L << 20;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultBaseUrl() {
        return "https://ftp.suse.com/pub/projects/security/";
    }

    @Override
    public String description() {
        return "SUSE CVRF: the builds that fixed each CVE, per SLES, SLE Micro, openSUSE Leap, Leap Micro and"
                + " Tumbleweed release";
    }

    @Override
    public void update(FeedFetcher fetcher, FeedSink sink) throws FeedException, IOException {
        Map<String, String> files = fetcher.isLocal() ? localFiles(fetcher) : listing(fetcher);
        if (files.isEmpty()) {
            throw new FeedException(NAME, fetcher.baseUrl() + FOLDER, "no CVRF security advisories (cvrf-*-su-*.xml)");
        }
        Optional<String> cursor = fetcher.isLocal() ? Optional.empty() : sink.previousState(STATE_CURSOR);
        boolean incremental = cursor.isPresent() && sink.keepPrevious();
        String newest = "";
        int read = 0;
        int rows = 0;
        for (Map.Entry<String, String> file : files.entrySet()) {
            String modified = file.getValue();
            if (modified.compareTo(newest) > 0) {
                newest = modified;
            }
            if (incremental && !modified.isEmpty() && modified.compareTo(cursor.get()) < 0) {
                continue; // unchanged since the update that wrote its rows
            }
            rows += read(fetcher, FOLDER + file.getKey(), sink);
            read++;
        }
        if (!newest.isEmpty()) {
            sink.state(STATE_CURSOR, newest);
        }
        sink.progress(NAME + ": " + read + " of " + files.size() + " advisories read" + (incremental ? " (changed)" : "")
                + ", " + rows + " fixed builds");
    }

    /** Reads one advisory into {@code sink}; returns its rows. */
    static int read(FeedFetcher fetcher, String path, FeedSink sink) throws FeedException {
        Path file = fetcher.fetch(path);
        String name = FeedFiles.describe(fetcher, path, file);
        byte[] content;
        try {
            if (Files.size(file) > MAX_DOCUMENT) {
                throw new FeedException(NAME, name, "the advisory is " + Files.size(file) + " bytes; the largest "
                        + "real one is under 5 MB");
            }
            try (InputStream in = FeedFiles.open(file)) {
                content = in.readAllBytes();
            }
        } catch (FeedException e) {
            throw e;
        } catch (IOException e) {
            throw FeedFiles.readError(NAME, name, e);
        }
        String head = new String(content, 0, Math.min(content.length, 512), StandardCharsets.UTF_8).stripLeading();
        if (head.regionMatches(true, 0, "<!doctype html", 0, 14) || head.regionMatches(true, 0, "<html", 0, 5)) {
            throw new FeedException(NAME, name, "expected CVRF XML but got an HTML page (a proxy, captive portal or "
                    + "error page?)");
        }
        CvrfDocument doc = CvrfDocument.parse(NAME, name, content);
        if (doc.id().isEmpty() || !doc.id().contains("-SU-")) {
            return 0; // not a security update
        }
        List<AffectedPackage> affected = affected(doc);
        sink.advisory(advisory(doc));
        affected.forEach(sink::affected);
        return affected.size();
    }

    static Advisory advisory(CvrfDocument doc) {
        Set<String> cves = new LinkedHashSet<>();
        Severity severity = Severity.UNKNOWN;
        String word = "";
        for (CvrfDocument.Vulnerability v : doc.vulnerabilities()) {
            if (v.cve().startsWith("CVE-")) {
                cves.add(v.cve());
            }
            Severity s = Severity.parse(v.impact());
            if (s.compareTo(severity) > 0) {
                severity = s;
                word = v.impact();
            }
        }
        Optional<Instant> released;
        try {
            released = doc.released().isEmpty() ? Optional.empty() : Optional.of(Instant.parse(doc.released()));
        } catch (DateTimeParseException e) {
            released = Optional.empty();
        }
        return new Advisory(doc.id(), NAME, List.copyOf(cves), doc.title(), doc.details(), released, Optional.empty(),
                List.of(), word, severity, List.of());
    }

    /** A row per (product release, binary rpm, fixed build), with the worst impact of the CVEs it fixes. */
    static List<AffectedPackage> affected(CvrfDocument doc) {
        Map<String, String[]> rows = new TreeMap<>(); // "namespace name version" -> {namespace, name, version, impact}
        for (CvrfDocument.Vulnerability v : doc.vulnerabilities()) {
            for (String productId : v.fixed()) {
                CvrfDocument.ProductPackage pp = doc.relationships().get(productId);
                if (pp == null) {
                    continue;
                }
                Optional<String> namespace = SuseProducts.namespace(pp.product());
                Optional<String[]> nv = splitNevr(pp.nevr());
                if (namespace.isEmpty() || nv.isEmpty()) {
                    continue;
                }
                String key = namespace.get() + " " + nv.get()[0] + " " + nv.get()[1];
                String[] row = rows.computeIfAbsent(key, k -> new String[] {namespace.get(), nv.get()[0], nv.get()[1], ""});
                if (Severity.parse(v.impact()).compareTo(Severity.parse(row[3])) > 0) {
                    row[3] = v.impact();
                }
            }
        }
        List<AffectedPackage> out = new ArrayList<>(rows.size());
        for (String[] row : rows.values()) {
            AffectedPackage fixed = AffectedPackage.fixedIn(doc.id(), NAME, row[0], row[1], RpmVersionScheme.NAME, row[2]);
            out.add(new AffectedPackage(fixed.advisoryId(), NAME, row[0], row[1], RpmVersionScheme.NAME, fixed.status(),
                    fixed.ranges(), List.of(), Optional.empty(), row[3]));
        }
        return out;
    }

    /** {@code glibc-devel-2.26-lp150.11.3.2} → {@code glibc-devel}, {@code 2.26-lp150.11.3.2}. */
    static Optional<String[]> splitNevr(String nevr) {
        int release = nevr.lastIndexOf('-');
        int version = release > 0 ? nevr.lastIndexOf('-', release - 1) : -1;
        if (version <= 0) {
            return Optional.empty();
        }
        return Optional.of(new String[] {nevr.substring(0, version), nevr.substring(version + 1)});
    }

    /** Security advisories in the folder listing, by name, with their modification time ("" when not shown). */
    private static Map<String, String> listing(FeedFetcher fetcher) throws FeedException {
        String html = FeedFiles.listing(NAME, fetcher, FOLDER);
        Map<String, String> out = new TreeMap<>();
        Matcher m = LISTING_ENTRY.matcher(html);
        while (m.find()) {
            if (SECURITY_FILE.matcher(m.group(1)).matches()) {
                out.put(m.group(1), m.group(2) == null ? "" : sortable(m.group(2)));
            }
        }
        return out;
    }

    private static final List<String> MONTHS = List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
            "Oct", "Nov", "Dec");

    /** nginx's {@code 05-Jul-2023 12:34} as Apache's sortable {@code 2023-07-05 12:34}; Apache's as it is. */
    static String sortable(String time) {
        if (Character.isDigit(time.charAt(2))) {
            return time;
        }
        int month = MONTHS.indexOf(time.substring(3, 6)) + 1;
        return time.substring(7, 11) + "-" + (month < 10 ? "0" : "") + month + "-" + time.substring(0, 2)
                + time.substring(11);
    }

    private static Map<String, String> localFiles(FeedFetcher fetcher) throws FeedException {
        Map<String, String> out = new TreeMap<>();
        for (String file : fetcher.list(FOLDER)) {
            String base = file.substring(file.lastIndexOf('/') + 1);
            if (SECURITY_FILE.matcher(base).matches()) {
                out.put(base, "");
            }
        }
        return out;
    }
}
