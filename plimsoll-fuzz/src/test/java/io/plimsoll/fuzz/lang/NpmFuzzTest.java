package io.plimsoll.fuzz.lang;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.plimsoll.ecosystem.npm.NpmCataloger;
import java.util.List;

/** JavaScript manifests and lockfiles: package-lock.json (v1–v3), yarn.lock (v1 and berry), pnpm-lock.yaml, package.json. */
class NpmFuzzTest {

    /** The first byte of an input picks one of these paths (modulo their count). */
    static final List<String> PATHS = List.of("/app/package-lock.json", "/app/yarn.lock", "/app/pnpm-lock.yaml",
            "/app/node_modules/left-pad/package.json", "/app/package.json");

    @FuzzTest
    void npmFile(byte[] input) {
        OneFile.catalog(new NpmCataloger(), PATHS, input);
    }
}
