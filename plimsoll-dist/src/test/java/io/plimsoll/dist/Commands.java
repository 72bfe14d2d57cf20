package io.plimsoll.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command as a user's shell would, with its output kept in files under a test's temporary folder. */
final class Commands {

    record Run(int code, String out, String err) {
    }

    private Commands() {
    }

    /** Runs {@code cmd} in {@code tmp} with the test's environment less PLIMSOLL_* and JAVA_HOME, plus {@code env}. */
    static Run run(Path tmp, Map<String, String> env, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of(cmd));
        pb.environment().keySet().removeIf(k -> k.startsWith("PLIMSOLL_") || k.equals("JAVA_HOME"));
        pb.environment().putAll(env);
        return run(tmp, pb);
    }

    /** Runs {@code cmd} with exactly the environment {@code env} and nothing inherited. */
    static Run runClean(Path tmp, Map<String, String> env, List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().putAll(env);
        return run(tmp, pb);
    }

    private static Run run(Path tmp, ProcessBuilder pb) throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = pb.directory(tmp.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", pb.command()) + " did not end within five minutes");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
