package io.plimsoll.ecosystem.redhat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.FeedFiles;
import java.io.ByteArrayInputStream;

/**
 * One Red Hat CSAF VEX document, read as the updater reads each file of its archive and each changed document. In
 * the parser's package: its entry point is package-private, and the archive around it (tar.zst) would only slow
 * the fuzzer down.
 */
class RedHatVexFuzzTest {

    @FuzzTest
    void csafVex(byte[] input) {
        String name = "2024/cve-2024-0001.json";
        try {
            VexDocumentParser.parse(RedHatVexUpdater.NAME, name,
                    FeedFiles.readJson(RedHatVexUpdater.NAME, name, new ByteArrayInputStream(input)));
        } catch (FeedException expected) {
            // bad input, reported as such: what we want
        }
    }
}
