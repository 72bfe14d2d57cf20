package io.plimsoll.vuln.enrichment;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.KevEntry;
import io.plimsoll.vuln.feed.FeedFetcher;
import io.plimsoll.vuln.feed.FeedFiles;
import io.plimsoll.vuln.feed.FeedSink;
import io.plimsoll.vuln.feed.Updater;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

/**
 * CISA's Known Exploited Vulnerabilities catalog: one JSON document of about 1,500 entries, small enough to read
 * whole. Each entry becomes a {@link KevEntry}; entries without a CVE id or a readable {@code dateAdded} (the two
 * facts a finding shows) are skipped and counted.
 */
public final class KevUpdater implements Updater {

    public static final String NAME = "kev";
    public static final String FILE = "known_exploited_vulnerabilities.json";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultBaseUrl() {
        return "https://www.cisa.gov/sites/default/files/feeds/";
    }

    @Override
    public String description() {
        return "CISA Known Exploited Vulnerabilities catalog (exploited CVEs with the date CISA added them)";
    }

    @Override
    public void update(FeedFetcher fetcher, FeedSink sink) throws FeedException {
        Path file = fetcher.fetch(FILE);
        JsonNode root = FeedFiles.readJson(NAME, file);
        JsonNode vulns = root.get("vulnerabilities");
        if (!root.isObject() || vulns == null || !vulns.isArray()) {
            throw new FeedException(NAME, file.toString(),
                    "not a KEV catalog: no \"vulnerabilities\" array at the top level");
        }
        int written = 0;
        int skipped = 0;
        for (JsonNode v : vulns) {
            Optional<KevEntry> entry = entry(v);
            if (entry.isPresent()) {
                sink.kev(entry.get());
                written++;
            } else {
                skipped++;
            }
        }
        JsonNode count = root.get("count");
        if (count != null && count.canConvertToInt() && count.asInt() != vulns.size()) {
            // CISA's count is informational; a mismatch hints at a cut or edited file but the entries are still good
            sink.progress("warning: the catalog says count " + count.asInt() + " but lists " + vulns.size()
                    + " entries");
        }
        if (skipped > 0) {
            sink.progress("skipped " + skipped + " entries without a CVE id or a valid dateAdded");
        }
        String version = FeedFiles.text(root, "catalogVersion");
        if (version != null) {
            sink.state("catalogVersion", version);
        }
        sink.progress("read " + written + " known exploited vulnerabilities"
                + (version == null ? "" : " (catalog " + version + ")"));
    }

    /** One catalog entry, or empty when it lacks what a finding needs. */
    static Optional<KevEntry> entry(JsonNode v) {
        String cve = FeedFiles.text(v, "cveID");
        Optional<LocalDate> added = FeedInput.date(FeedFiles.text(v, "dateAdded"));
        if (cve == null || !cve.strip().startsWith("CVE-") || added.isEmpty()) {
            return Optional.empty();
        }
        // "Known" or "Unknown"; older catalogs (before the field existed) omit it, which means not known
        boolean ransomware = "known".equalsIgnoreCase(String.valueOf(FeedFiles.text(v, "knownRansomwareCampaignUse")).strip());
        return Optional.of(new KevEntry(cve.strip(), added.get(), FeedInput.date(FeedFiles.text(v, "dueDate")),
                ransomware, orEmpty(FeedFiles.text(v, "vendorProject")), orEmpty(FeedFiles.text(v, "product")),
                orEmpty(FeedFiles.text(v, "vulnerabilityName")), orEmpty(FeedFiles.text(v, "requiredAction"))));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
