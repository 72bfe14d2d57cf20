package io.plimsoll.ecosystem.azurelinux;

import io.plimsoll.ecosystem.oval.OvalDefinition;
import io.plimsoll.ecosystem.oval.OvalFiles;
import io.plimsoll.ecosystem.oval.OvalReader;
import io.plimsoll.ecosystem.oval.RpmInfoTest;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.FeedFetcher;
import io.plimsoll.vuln.feed.FeedFiles;
import io.plimsoll.vuln.feed.FeedSink;
import io.plimsoll.vuln.feed.Updater;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Microsoft's AzureLinuxVulnerabilityData repository: one OVAL file per release, {@code azurelinux-3.0-oval.xml},
 * {@code cbl-mariner-2.0-oval.xml} and {@code cbl-mariner-1.0-oval.xml}, each a definition per (CVE, source package)
 * whose rpminfo tests give the affected range (see {@link AzureLinuxDefinitions}). The files are whole snapshots with
 * no changes list, so each update reads all three; the fetcher's conditional GET makes an unchanged file cost one
 * request. A missing file fails the source rather than silently dropping a release's data.
 */
public final class AzureLinuxOvalUpdater implements Updater {

    public static final String NAME = "azurelinux";

    /** File → the namespace its rows are filed under, what an image's os-release gives. */
    static final Map<String, String> FILES = Map.of(
            "azurelinux-3.0-oval.xml", "azurelinux:3.0",
            "cbl-mariner-2.0-oval.xml", "mariner:2.0",
            "cbl-mariner-1.0-oval.xml", "mariner:1.0");

    static final List<String> ORDER = List.of("azurelinux-3.0-oval.xml", "cbl-mariner-2.0-oval.xml",
            "cbl-mariner-1.0-oval.xml");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultBaseUrl() {
        return "https://raw.githubusercontent.com/microsoft/AzureLinuxVulnerabilityData/main/";
    }

    @Override
    public String description() {
        return "Azure Linux and CBL-Mariner OVAL: the affected and fixed builds of each source package per release";
    }

    @Override
    public void update(FeedFetcher fetcher, FeedSink sink) throws FeedException, IOException {
        Set<String> advisories = new HashSet<>();
        int rows = 0;
        for (String file : ORDER) {
            Path path = fetcher.fetch(file);
            String name = FeedFiles.describe(fetcher, file, path);
            int read = read(name, path, FILES.get(file), sink, advisories);
            sink.progress(NAME + ": " + file + ": " + read + " rows");
            rows += read;
        }
        sink.progress(NAME + ": " + advisories.size() + " CVEs, " + rows + " rows");
    }

    /**
     * Reads one release's file into {@code sink}; an advisory already written (the same CVE for another package or
     * release) is not written again. Returns the number of rows.
     */
    static int read(String name, Path file, String namespace, FeedSink sink, Set<String> advisoriesWritten)
            throws FeedException {
        List<OvalDefinition> definitions = new ArrayList<>();
        Map<String, RpmInfoTest> tests;
        try (InputStream in = OvalFiles.open(NAME, name, file)) {
            // the tests a definition refers to come after all definitions: keep them (a few KB each) until then
            tests = OvalReader.read(NAME, name, in, definitions::add);
        } catch (IOException e) {
            throw FeedFiles.readError(NAME, name, e);
        }
        if (definitions.isEmpty()) {
            throw new FeedException(NAME, name, "the file holds no OVAL definitions");
        }
        int rows = 0;
        for (OvalDefinition d : definitions) {
            if (!d.definitionClass().isEmpty() && !d.definitionClass().equals("vulnerability")) {
                continue; // a patch or inventory definition names no vulnerability
            }
            AzureLinuxDefinitions.Read read = AzureLinuxDefinitions.read(d, namespace, tests);
            if (read.affected().isEmpty()) {
                continue;
            }
            if (advisoriesWritten.add(read.advisory().id())) {
                sink.advisory(read.advisory());
            }
            read.affected().forEach(sink::affected);
            rows += read.affected().size();
        }
        return rows;
    }
}
