package io.plimsoll.cli;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code plimsoll} as a real child process (the exit code a CI job sees, through {@code System.exit}), with its
 * cache and config directories in {@code home} so it never touches the user's, and every feed host pointed at a
 * closed local port so nothing leaves the machine.
 */
final class CliProcess {

    record Result(int code, String out, String err) {
        String firstErrorLine() {
            return err.lines().findFirst().orElse("");
        }
    }

    private final Path home;
    private final Map<String, String> env = new HashMap<>();
    private Path workingDir;

    CliProcess(Path home) {
        this.home = home;
        this.workingDir = home;
        env.put("PLIMSOLL_CACHE_DIR", home.resolve("cache").toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        for (String source : new String[] {"debian", "alpine", "ubuntu", "redhat", "osv", "nvd", "kev", "epss"}) {
            env.put("PLIMSOLL_FEED_" + source.toUpperCase() + "_URL", "http://127.0.0.1:9/");
        }
    }

    CliProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    CliProcess in(Path dir) {
        this.workingDir = dir;
        return this;
    }

    Result run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workingDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                        new File("/dev/null")));
        pb.environment().remove("PLIMSOLL_CONFIG");
        pb.environment().remove("PLIMSOLL_DB");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("plimsoll " + String.join(" ", args) + " did not finish in 120 s");
        }
        try {
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
