package io.plimsoll.ecosystem.ubuntu;

import io.plimsoll.ecosystem.osv.OsvRecordParser;
import io.plimsoll.ecosystem.osv.OsvZip;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.FeedFetcher;
import io.plimsoll.vuln.feed.FeedSink;
import io.plimsoll.vuln.feed.Updater;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Ubuntu's CVE data in OSV form (canonical/ubuntu-security-notices, as osv.dev exports it in
 * {@code Ubuntu/all.zip}). Records are keyed by SOURCE package; every affected entry names a release as its
 * ecosystem, which becomes the namespace:
 * <ul>
 *   <li>{@code Ubuntu:22.04:LTS}, {@code Ubuntu:24.10} → {@code ubuntu:22.04}, {@code ubuntu:24.10};</li>
 *   <li>{@code Ubuntu:Pro:18.04:LTS} → {@code ubuntu:18.04} as well: these are the release's Expanded Security
 *       Maintenance entries (universe packages, and everything once standard support has ended). Their ranges hold
 *       for any system of that release, whose archive versions sort below the {@code +esmN} fixes, so an image is
 *       affected whether or not it has Pro; the fix a finding names then needs Ubuntu Pro. Leaving them out would
 *       make every release past standard support look clean.</li>
 *   <li>{@code Ubuntu:Pro:FIPS:16.04:LTS}, {@code Ubuntu:Pro:FIPS-updates:…} and any other Pro stream are skipped
 *       (counted): they ship different builds (FIPS-certified OpenSSL, real-time kernels) whose versions say nothing
 *       about the regular packages.</li>
 * </ul>
 * Only {@code UBUNTU-CVE-…} (and older plain {@code CVE-…}) records are read: the USN and LSN notices in the same
 * export repeat, per notice, fixes the CVE records already carry, and would double every finding.
 * Severity is Ubuntu's priority: the record's {@code severity} of type {@code Ubuntu}, or the older per-package
 * {@code ecosystem_specific.ubuntu_priority}.
 */
public final class UbuntuOsvUpdater implements Updater {

    public static final String NAME = "ubuntu";
    public static final String BASE_URL = "https://osv-vulnerabilities.storage.googleapis.com/Ubuntu/";
    static final String FILE = "all.zip";

    private static final Pattern RELEASE = Pattern.compile("\\d+\\.\\d+");

    private final OsvZip.Limits limits;

    public UbuntuOsvUpdater() {
        this(OsvZip.Limits.DEFAULT);
    }

    UbuntuOsvUpdater(OsvZip.Limits limits) {
        this.limits = limits;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultBaseUrl() {
        return BASE_URL;
    }

    @Override
    public String description() {
        return "Ubuntu CVE tracker data (OSV), by source package and release";
    }

    @Override
    public void update(FeedFetcher fetcher, FeedSink sink) throws FeedException {
        Path zip = fetcher.fetch(FILE);
        OsvRecordParser parser = new OsvRecordParser(NAME, (ecosystem, name) -> namespace(ecosystem)
                .map(ns -> new OsvRecordParser.Target(ns, name, "deb", "deb")));
        int[] notices = {0};
        OsvZip.read(NAME, zip, limits, (entry, node) -> {
            String id = node.path("id").asText("");
            if (id.startsWith("USN-") || id.startsWith("LSN-")) {
                notices[0]++;
                return;
            }
            parser.parse(node).ifPresent(p -> {
                sink.advisory(p.advisory());
                p.affected().forEach(sink::affected);
            });
        });
        sink.progress(parser.stats() + "; " + notices[0] + " USN/LSN notices and "
                + parser.stats().otherEntries + " entries of other Pro streams (FIPS, …) skipped");
    }

    /** {@code ubuntu:22.04} for {@code Ubuntu:22.04:LTS} and {@code Ubuntu:Pro:22.04:LTS}; empty otherwise. */
    static Optional<String> namespace(String ecosystem) {
        String[] parts = ecosystem.split(":");
        if (parts.length < 2 || !parts[0].equals("Ubuntu")) {
            return Optional.empty();
        }
        int i = parts[1].equals("Pro") ? 2 : 1;
        if (i >= parts.length || !RELEASE.matcher(parts[i]).matches()) {
            return Optional.empty();
        }
        for (int k = i + 1; k < parts.length; k++) {
            if (!parts[k].equals("LTS")) {
                return Optional.empty();
            }
        }
        return Optional.of("ubuntu:" + parts[i]);
    }
}
