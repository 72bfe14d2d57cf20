package io.plimsoll.fuzz.document;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.plimsoll.policy.BundleReader;
import io.plimsoll.policy.LoadedBundle;
import io.plimsoll.policy.PolicyException;
import io.plimsoll.policy.eval.BundleValidator;
import java.util.List;

/** Anchore policy bundles (JSON or YAML, told apart by content as for a file without an extension) and allowlists. */
class PolicyFuzzTest {

    /** Read and validated as {@code --policy FILE} is, strictly and leniently. */
    @FuzzTest
    void bundle(byte[] input) {
        for (boolean lenient : new boolean[] {false, true}) {
            try {
                LoadedBundle loaded = new BundleReader(lenient).readSources(
                        List.of(new BundleReader.Source("fuzz-policy", input)));
                new BundleValidator().validate(loaded, lenient);
            } catch (PolicyException expected) {
                // bad input, reported as such: what we want
            }
        }
    }

    /** {@code --allowlist FILE}: an Anchore whitelist or a clair-scanner whitelist. */
    @FuzzTest
    void allowlist(byte[] input) {
        try {
            BundleReader.lenient().readAllowlists(List.of(ScratchFile.write("fuzz-allowlist", input)));
        } catch (PolicyException expected) {
            // bad input, reported as such: what we want
        }
    }
}
