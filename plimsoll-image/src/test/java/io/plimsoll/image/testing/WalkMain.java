package io.plimsoll.image.testing;

import io.plimsoll.image.ImageException;
import io.plimsoll.image.ImageLimits;
import io.plimsoll.image.walk.WalkResult;

/**
 * Walks one image in a JVM of its own, so a test can give it a small heap: {@code WalkMain REFERENCE [MAX_ENTRIES]}.
 * Prints one line and exits as the CLI would: 0 read, 2 refused as bad input, 3 a JVM error.
 */
public final class WalkMain {

    private WalkMain() {
    }

    public static void main(String[] args) {
        ImageLimits limits = args.length > 1 ? ImageLimits.DEFAULT.withMaxEntries(Long.parseLong(args[1]))
                : ImageLimits.DEFAULT;
        try {
            WalkResult r = Walks.walk(args[0], limits);
            System.out.println("read " + r.tree().size() + " paths");
            System.exit(0);
        } catch (ImageException e) {
            System.out.println("refused: " + e.getMessage());
            System.exit(2);
        } catch (Error e) {
            System.out.println("error: " + e);
            System.exit(3);
        }
    }

    /** Runs {@code WalkMain} at {@code -Xmx256m}; returns its exit code and output line. */
    public static Result fork(String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), WalkMain.class.getName()));
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        if (!p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("WalkMain " + String.join(" ", args) + " did not end");
        }
        return new Result(p.exitValue(), out);
    }

    public record Result(int exit, String output) {
    }
}
