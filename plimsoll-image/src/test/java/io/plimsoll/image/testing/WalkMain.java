package io.plimsoll.image.testing;

import io.plimsoll.image.ImageException;
import io.plimsoll.image.ImageLimits;
import io.plimsoll.image.walk.WalkResult;

/**
 * Walks one image in a JVM of its own, so a test can give it a small heap: {@code WalkMain REFERENCE [MAX_ENTRIES]}.
 * Prints one line and exits as the CLI would: 0 read, 2 refused as bad input, 3 a JVM error. {@code WalkMain --each
 * REFERENCE...} walks several one after the other (a fork costs seconds) and prints {@code CODE LINE} for each,
 * stopping with exit 3 at the first JVM error.
 */
public final class WalkMain {

    private WalkMain() {
    }

    public static void main(String[] args) {
        if (args[0].equals("--each")) {
            for (String reference : java.util.Arrays.asList(args).subList(1, args.length)) {
                Result r = walk(reference, ImageLimits.DEFAULT);
                System.out.println(r.exit() + " " + r.output());
                if (r.exit() == 3) {
                    System.exit(3);
                }
            }
            System.exit(0);
        }
        ImageLimits limits = args.length > 1 ? ImageLimits.DEFAULT.withMaxEntries(Long.parseLong(args[1]))
                : ImageLimits.DEFAULT;
        Result r = walk(args[0], limits);
        System.out.println(r.output());
        System.exit(r.exit());
    }

    private static Result walk(String reference, ImageLimits limits) {
        try {
            WalkResult r = Walks.walk(reference, limits);
            return new Result(0, "read " + r.tree().size() + " paths");
        } catch (ImageException e) {
            return new Result(2, "refused: " + e.getMessage());
        } catch (Error e) {
            return new Result(3, "error: " + e);
        }
    }

    /**
     * Runs {@code WalkMain --each} at {@code -Xmx256m}: one result per reference, in order, up to the first JVM error
     * (whose result is the last).
     */
    public static java.util.List<Result> forkEach(String... references) throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--each"));
        args.addAll(java.util.List.of(references));
        Result all = fork(args.toArray(String[]::new));
        java.util.List<Result> each = new java.util.ArrayList<>();
        for (String line : all.output().split("\n")) {
            if (!line.matches("[023] .*")) {
                throw new AssertionError("WalkMain --each ended with exit " + all.exit() + ": " + all.output());
            }
            int space = line.indexOf(' ');
            each.add(new Result(Integer.parseInt(line.substring(0, space)), line.substring(space + 1)));
        }
        return each;
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
