package io.plimsoll.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The build's class-data archive run ({@code src/cds/make-archive.sh}): several representative commands in one JVM,
 * because Java 17 archives the classes of one process. An sbom of a root filesystem alone leaves out half of what
 * a start loads: an image's readers and the layer cache ({@link CdsTrainingImage}, read cold and then again from the
 * cache), and a policy scan's engine, YAML and regex libraries and report writers, which a gated CI scan loads on
 * every start. Not a user command: it discards what the commands print.
 */
final class CdsTraining {

    private CdsTraining() {
    }

    /**
     * @param args the root filesystem to scan, then a new folder for the training image and the report files; the
     *             layer cache is the one {@code PLIMSOLL_CACHE_DIR} names (an empty one, so the first read is cold)
     */
    public static void main(String[] args) {
        String root = "dir:" + args[0];
        String out = args[1];
        String image = "oci:" + out + "/image";
        try {
            CdsTrainingImage.write(Path.of(args[0]), Path.of(out, "image"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the training image in " + out, e);
        }
        PrintWriter quiet = new PrintWriter(OutputStream.nullOutputStream(), true);
        Main.run(new String[] {"sbom", "--format", "json", image}, quiet, quiet); // cold: reads the layers
        Main.run(new String[] {"sbom", image}, quiet, quiet); // warm: the kept catalog
        Main.run(new String[] {"sbom", "--format", "json", root}, quiet, quiet);
        // a policy that stops the scan exits non-zero: what matters is the classes it loaded
        Main.run(new String[] {"scan", "--offline", "--allow-missing-data", "all", "--policy", "default",
            "--format", "json", "-o", "sarif=" + out + "/r.sarif", "-o", "html=" + out + "/r.html", image}, quiet,
            quiet);
        Main.run(new String[] {"scan", "--offline", "--allow-missing-data", "all", root}, quiet, quiet);
        System.exit(0); // as the command does: the archive is written as the JVM exits, whatever threads remain
    }
}
