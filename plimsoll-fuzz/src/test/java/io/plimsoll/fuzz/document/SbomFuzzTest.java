package io.plimsoll.fuzz.document;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.plimsoll.report.sbom.read.SbomException;
import io.plimsoll.report.sbom.read.SbomReader;
import java.nio.file.Path;

/** An SBOM given as {@code sbom:FILE} or uploaded: CycloneDX JSON or XML, SPDX JSON or tag-value. */
class SbomFuzzTest {

    @FuzzTest
    void sbom(byte[] input) {
        try {
            SbomReader.read(Path.of("fuzz.sbom"), input);
        } catch (SbomException expected) {
            // bad input, reported as such: what we want
        }
    }
}
