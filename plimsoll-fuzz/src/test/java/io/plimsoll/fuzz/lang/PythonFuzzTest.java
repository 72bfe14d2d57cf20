package io.plimsoll.fuzz.lang;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.plimsoll.ecosystem.python.PythonInstalledCataloger;
import io.plimsoll.ecosystem.python.PythonLockCataloger;
import java.util.List;

/** Python: the lockfiles and requirements, and an installed distribution's METADATA with its RECORD. */
class PythonFuzzTest {

    static final List<String> LOCK_PATHS = List.of("/app/requirements.txt", "/app/poetry.lock", "/app/Pipfile.lock",
            "/app/uv.lock", "/app/pdm.lock");

    private static final String DIST_INFO = "/usr/lib/python3/site-packages/requests-2.31.0.dist-info/";

    @FuzzTest
    void lockFile(byte[] input) {
        OneFile.catalog(new PythonLockCataloger(), LOCK_PATHS, input);
    }

    /** METADATA, then after the first NUL byte (if any) the RECORD beside it. */
    @FuzzTest
    void installed(byte[] input) {
        OneFile.catalog(new PythonInstalledCataloger(), OneFile.pair(DIST_INFO + "METADATA", DIST_INFO + "RECORD",
                input));
    }
}
