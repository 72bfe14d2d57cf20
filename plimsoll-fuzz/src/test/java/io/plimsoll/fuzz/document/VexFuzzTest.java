package io.plimsoll.fuzz.document;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.suppress.IgnoreFile;
import io.plimsoll.vuln.suppress.IgnoreFileException;
import io.plimsoll.vuln.vex.VexDocuments;

/** What a user gives to silence findings: a VEX document (OpenVEX, CycloneDX VEX) and the ignore file. */
class VexFuzzTest {

    @FuzzTest
    void vexDocument(byte[] input) {
        try {
            VexDocuments.read(ScratchFile.write("fuzz.vex.json", input));
        } catch (FeedException expected) {
            // bad input, reported as such: what we want
        }
    }

    @FuzzTest
    void ignoreFile(byte[] input) {
        try {
            IgnoreFile.read(ScratchFile.write(".plimsollignore", input));
        } catch (IgnoreFileException expected) {
            // bad input, reported as such: what we want
        }
    }
}
