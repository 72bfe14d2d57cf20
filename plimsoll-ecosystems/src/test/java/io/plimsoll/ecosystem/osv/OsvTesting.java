package io.plimsoll.ecosystem.osv;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.ecosystem.VersionSchemes;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.FeedFiles;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.match.Matcher;
import io.plimsoll.vuln.testing.MemoryVulnStore;
import io.plimsoll.vuln.testing.RecordingSink;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Shared bits of the OSV tests: records into a sink, packages as the catalogers make them, matching. */
final class OsvTesting {

    private OsvTesting() {
    }

    static JsonNode json(String text) throws FeedException {
        return FeedFiles.readJson("osv", "inline", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Parses records as the updater does for {@code eco} and writes them to {@code sink}. */
    static OsvRecordParser load(RecordingSink sink, OsvEcosystem eco, JsonNode... records) {
        OsvRecordParser parser = OsvUpdater.parserFor(eco);
        for (JsonNode r : records) {
            parser.parse(r).ifPresent(p -> {
                sink.advisory(p.advisory());
                p.affected().forEach(sink::affected);
            });
        }
        return parser;
    }

    static Package pkg(String type, String name, String version, Map<String, String> metadata) {
        return new Package(type, name, version, "", name, version, List.of(), "pkg:" + type + "/" + name + "@" + version,
                List.of(), "test", "/test/" + name, null, metadata);
    }

    /** A jar as JavaArchiveCataloger reports it: artifact id as the name, the group id in the metadata. */
    static Package jar(String group, String artifact, String version) {
        return new Package("maven", artifact, version, "", artifact, version, List.of(),
                "pkg:maven/" + group + "/" + artifact + "@" + version, List.of(), "java-archive", "/app/" + artifact
                + "-" + version + ".jar", null, Map.of("groupId", group));
    }

    static List<Finding> match(RecordingSink sink, Package... packages) {
        return new Matcher(new MemoryVulnStore(sink), Ecosystems.matchRules(), VersionSchemes::byName)
                .match(List.of(packages), Optional.empty());
    }

    /** A sink writing to {@code rows} that also keeps the progress lines (RecordingSink drops them). */
    static io.plimsoll.vuln.feed.FeedSink withProgress(RecordingSink rows, List<String> progress) {
        return new io.plimsoll.vuln.feed.FeedSink() {
            public void advisory(io.plimsoll.vuln.Advisory a) { rows.advisory(a); }
            public void affected(io.plimsoll.vuln.AffectedPackage a) { rows.affected(a); }
            public void kev(io.plimsoll.vuln.KevEntry e) { rows.kev(e); }
            public void epss(io.plimsoll.vuln.EpssScore e) { rows.epss(e); }
            public void cvss(String cve, io.plimsoll.vuln.Cvss c) { rows.cvss(cve, c); }
            public void state(String k, String v) { rows.state(k, v); }
            public Optional<String> previousState(String k) { return rows.previousState(k); }
            public boolean keepPrevious() { return rows.keepPrevious(); }
            public void remove(String advisoryId) { rows.remove(advisoryId); }
            public void progress(String message) { progress.add(message); }
        };
    }
}
