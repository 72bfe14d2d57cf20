package io.plimsoll.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.plimsoll.ecosystem.java.JavaArchiveReader;
import java.io.ByteArrayInputStream;

/**
 * A jar (or war/ear) with its MANIFEST.MF, pom.properties, pom.xml and nested jars. The reader's contract is stronger
 * than the others': it never throws for bad content, every problem is a warning in the result.
 */
class JavaArchiveFuzzTest {

    @FuzzTest
    void jar(byte[] archive) {
        JavaArchiveReader.read("/app/fuzz.jar", new ByteArrayInputStream(archive));
    }
}
