package io.plimsoll.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Points the CLI's cache and config directories, and the working directory where {@code scan} looks for
 * {@code .plimsollignore}, at a fresh temporary folder for each test, so no test reads or writes the user's database,
 * config or ignore file, and clears every override afterwards.
 */
final class IsolatedSettings implements BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        Path home = Files.createTempDirectory("plimsoll-cli-test");
        Settings.TEST_ENVIRONMENT.put("PLIMSOLL_CACHE_DIR", home.resolve("cache").toString());
        Settings.TEST_ENVIRONMENT.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        Path work = Files.createDirectories(home.resolve("work"));
        IgnoreOption.workingDirectory = () -> work;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Settings.TEST_ENVIRONMENT.clear();
        IgnoreOption.workingDirectory = IgnoreOption.REAL_WORKING_DIRECTORY;
    }
}
