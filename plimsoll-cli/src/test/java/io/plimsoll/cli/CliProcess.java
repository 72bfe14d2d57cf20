package io.plimsoll.cli;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code plimsoll} in a child JVM, as a shell would: its own exit code, streams and signals. The child's cache
 * and config directories, and its working directory, are {@code home}, and no {@code PLIMSOLL_*} setting of the
 * test's environment leaks into it.
 */
final class CliProcess {

    private CliProcess() {
    }

    /** A started {@code plimsoll ARGS}; its stdout and stderr go to {@code home/stdout} and {@code home/stderr}. */
    static Process start(Path home, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Files.createDirectories(home);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile()).redirectOutput(home.resolve("stdout").toFile())
                .redirectError(home.resolve("stderr").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("PLIMSOLL_") || k.equals("NVD_API_KEY"));
        pb.environment().put("PLIMSOLL_CACHE_DIR", home.resolve("cache").toString());
        pb.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        return p;
    }

    /** Runs {@code plimsoll ARGS} to its end (at most two minutes). */
    static CliTest.Run run(Path home, Map<String, String> env, String... args) throws Exception {
        Process p = start(home, env, args);
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("plimsoll " + String.join(" ", args) + " did not end within two minutes");
        }
        return new CliTest.Run(p.exitValue(), Files.readString(home.resolve("stdout")),
                Files.readString(home.resolve("stderr")));
    }

    static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
