package io.plimsoll.ecosystem;

import io.plimsoll.catalog.Cataloger;
import io.plimsoll.ecosystem.alpine.ApkCataloger;
import io.plimsoll.ecosystem.debian.DpkgCataloger;
import io.plimsoll.ecosystem.dotnet.DotnetCataloger;
import io.plimsoll.ecosystem.java.ArchiveInfo;
import io.plimsoll.ecosystem.java.JavaArchiveReader;
import io.plimsoll.ecosystem.npm.NpmCataloger;
import io.plimsoll.ecosystem.php.ComposerCataloger;
import io.plimsoll.ecosystem.python.PythonLockCataloger;
import io.plimsoll.ecosystem.ruby.GemCataloger;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads one file with one cataloger in a JVM of its own, so a test can give it a small heap:
 * {@code CatalogMain CATALOGER IMAGE_PATH LOCAL_FILE}. Prints one line, {@code read N packages} (for jars: N archives, nested ones included) and the first
 * warning, and exits 0; or 2 when the cataloger threw (bad input that ended the scan); 3 on a JVM error.
 * {@code CatalogMain image REFERENCE...} runs every registered cataloger over each image instead, one line each.
 */
public final class CatalogMain {

    private CatalogMain() {
    }

    public static void main(String[] args) {
        if (args[0].equals("image")) {
            images(java.util.Arrays.asList(args).subList(1, args.length));
            return;
        }
        try {
            Path file = Path.of(args[2]);
            List<String> warnings;
            long packages;
            if (args[0].equals("jar")) {
                try (InputStream in = Files.newInputStream(file)) {
                    ArchiveInfo info = JavaArchiveReader.read(args[1], in);
                    warnings = new ArrayList<>();
                    packages = count(info, warnings);
                }
            } else {
                Cataloger c = switch (args[0]) {
                    case "dpkg" -> new DpkgCataloger();
                    case "apk" -> new ApkCataloger();
                    case "npm" -> new NpmCataloger();
                    case "composer" -> new ComposerCataloger();
                    case "gem" -> new GemCataloger();
                    case "python-lock" -> new PythonLockCataloger();
                    case "dotnet" -> new DotnetCataloger();
                    default -> throw new IllegalArgumentException(args[0]);
                };
                Cataloger.Result r = c.catalog(OneFileInput.of(c, args[1], Files.readAllBytes(file)));
                warnings = r.warnings();
                packages = r.packages().size();
            }
            System.out.println("read " + packages + " packages" + (warnings.isEmpty() ? "" : "; " + warnings.get(0)));
            System.exit(0);
        } catch (Error e) {
            System.out.println("error: " + e);
            System.exit(3);
        } catch (Exception e) {
            System.out.println("refused: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void images(List<String> references) {
        for (String reference : references) {
            try (io.plimsoll.image.source.ImageSource s = io.plimsoll.image.source.ImageSources.open(
                    io.plimsoll.image.ImageReferences.parse(reference), io.plimsoll.image.ImageOptions.DEFAULT)) {
                io.plimsoll.catalog.Inventory inv = new io.plimsoll.catalog.CatalogEngine(Ecosystems.distroProbe(),
                        Ecosystems.catalogers()).run(s, io.plimsoll.image.walk.LayerWalker.defaults());
                System.out.println("read " + inv.packages().size() + " packages"
                        + (inv.warnings().isEmpty() ? "" : "; " + inv.warnings().get(0)));
            } catch (Error e) {
                System.out.println("error: " + e);
                System.exit(3);
            } catch (Exception e) {
                System.out.println("refused: " + e.getMessage());
            }
        }
        System.exit(0);
    }

    private static long count(ArchiveInfo info, List<String> warnings) {
        warnings.addAll(info.warnings());
        long n = 1;
        for (ArchiveInfo nested : info.nested()) {
            n += count(nested, warnings);
        }
        return n;
    }

    /** Runs {@code CatalogMain} at {@code -Xmx256m}; returns its exit code and output. */
    public static Result fork(String cataloger, String imagePath, Path file) throws Exception {
        return fork(List.of(cataloger, imagePath, file.toString()));
    }

    /** Runs {@code CatalogMain image} at {@code -Xmx256m} over these images: its exit code and one line for each. */
    public static Result forkImages(String... references) throws Exception {
        List<String> args = new ArrayList<>(List.of("image"));
        args.addAll(List.of(references));
        return fork(args);
    }

    private static Result fork(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                CatalogMain.class.getName()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("CatalogMain " + String.join(" ", cmd) + " did not end");
        }
        return new Result(p.exitValue(), out);
    }

    public record Result(int exit, String output) {
    }
}
