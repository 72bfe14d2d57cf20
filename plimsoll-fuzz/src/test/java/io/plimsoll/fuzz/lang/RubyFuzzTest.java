package io.plimsoll.fuzz.lang;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.plimsoll.ecosystem.ruby.GemCataloger;
import java.util.List;

/** Ruby: Gemfile.lock and installed gemspecs (Ruby literals, where deep nesting once overflowed the stack). */
class RubyFuzzTest {

    static final List<String> PATHS = List.of("/app/Gemfile.lock",
            "/usr/local/bundle/specifications/rack-3.0.8.gemspec");

    @FuzzTest
    void gemFile(byte[] input) {
        OneFile.catalog(new GemCataloger(), PATHS, input);
    }
}
