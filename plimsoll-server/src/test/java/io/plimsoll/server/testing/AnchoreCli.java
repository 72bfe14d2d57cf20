package io.plimsoll.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Anchore's own client, {@code anchore-cli} (Python, run from source), for end-to-end tests of the /v1 API. The
 * source is found in this order: the checkout named by {@code PLIMSOLL_ANCHORE_CLI}, then a bare clone at
 * {@value #MIRROR}, exported with {@code git archive} into {@code target/anchore-cli}. python3 must import click,
 * requests, prettytable, yaml and dateutil. When either is missing the test is skipped with a message saying what
 * to install.
 */
public final class AnchoreCli {

    static final String MIRROR = "/work/.mirror/anchore+anchore-cli/repo";
    private static final Path EXPORT = Path.of("target", "anchore-cli").toAbsolutePath();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** What one command did. */
    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private final Path source;
    private final String python;
    private final Path home;

    private AnchoreCli(Path source, String python, Path home) {
        this.source = source;
        this.python = python;
        this.home = home;
    }

    /**
     * The client, or the calling test is skipped (JUnit assumption) naming what is missing.
     *
     * @param home an empty directory used as {@code HOME}, so no {@code ~/.anchore} credentials file is read
     */
    public static AnchoreCli require(Path home) throws Exception {
        Path source = locate().orElse(null);
        Assumptions.assumeTrue(source != null, "anchore-cli source not found: set PLIMSOLL_ANCHORE_CLI to a checkout"
                + " of anchore/anchore-cli, or provide a bare clone at " + MIRROR);
        // the first python3 that has the client's modules: PATH's (a virtualenv, pyenv), then the system's (apt's)
        String why = "";
        for (String python : List.of("python3", "/usr/bin/python3")) {
            Result check = run(List.of(python, "-c", "import click, requests, prettytable, yaml, dateutil"), source,
                    home, Duration.ofSeconds(30));
            if (check.exitCode() == 0) {
                return new AnchoreCli(source, python, home);
            }
            why += " " + python + ": " + check.stderr().strip().lines().reduce((x, y) -> y).orElse("") + ";";
        }
        Assumptions.abort("python3 with click, requests, prettytable, yaml and dateutil is needed to run anchore-cli"
                + " (apt-get install python3-click python3-requests python3-prettytable python3-yaml"
                + " python3-dateutil):" + why);
        return null;
    }

    private static Optional<Path> locate() throws Exception {
        String env = System.getenv("PLIMSOLL_ANCHORE_CLI");
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            return Files.isRegularFile(p.resolve("anchorecli/cli/__init__.py")) ? Optional.of(p) : Optional.empty();
        }
        if (Files.isRegularFile(EXPORT.resolve("anchorecli/cli/__init__.py"))) {
            return Optional.of(EXPORT);
        }
        if (!Files.isDirectory(Path.of(MIRROR))) {
            return Optional.empty();
        }
        Path partial = Files.createDirectories(EXPORT.resolveSibling("anchore-cli.partial"));
        Path tar = partial.resolve("source.tar");
        Result archive = run(List.of("git", "--git-dir=" + MIRROR, "archive", "--output=" + tar, "HEAD"), partial,
                partial, TIMEOUT);
        if (archive.exitCode() != 0) {
            return Optional.empty();
        }
        Path tree = Files.createDirectories(partial.resolve("tree"));
        if (run(List.of("tar", "-xf", tar.toString(), "-C", tree.toString()), partial, partial, TIMEOUT).exitCode()
                != 0) {
            return Optional.empty();
        }
        // moved into place whole, so a test killed half-way leaves no half tree where the next run looks
        try {
            Files.move(tree, EXPORT);
        } catch (IOException e) {
            if (!Files.isRegularFile(EXPORT.resolve("anchorecli/cli/__init__.py"))) {
                throw e;
            }
        }
        return Optional.of(EXPORT);
    }

    /** {@code anchore-cli --url URL --u USER --p PASSWORD ARGS...}, killed after a minute. */
    public Result run(String url, String user, String password, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(python, "-c",
                "import sys; from anchorecli.cli import main_entry; sys.argv[0] = 'anchore-cli'; main_entry()",
                "--url", url, "--u", user, "--p", password));
        command.addAll(List.of(args));
        return run(command, source, home, TIMEOUT);
    }

    private static Result run(List<String> command, Path pythonPath, Path home, Duration timeout) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("ANCHORE_CLI_"));
        env.put("PYTHONPATH", pythonPath.toString());
        env.put("HOME", home.toString());
        env.put("LC_ALL", "C.UTF-8");
        Path out = Files.createTempFile(home, "cli", ".out");
        Path err = Files.createTempFile(home, "cli", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Result(127, "", e.getMessage());
        }
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
            return new Result(-1, Files.readString(out), Files.readString(err) + "\n(killed after " + timeout + ")");
        }
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return r;
    }
}
