package io.plimsoll.cli;

import java.io.OutputStream;
import java.io.PrintWriter;

/**
 * The build's class-data archive run ({@code src/cds/make-archive.sh}): several representative commands in one JVM,
 * because Java 17 archives the classes of one process, and an sbom alone leaves out the half of a policy scan's
 * classes (the policy engine, its YAML and regex libraries, the report writers) that a gated CI scan loads on every
 * start. Not a user command: it discards what the commands print.
 */
final class CdsTraining {

    private CdsTraining() {
    }

    /** @param args the root filesystem to scan, then a folder for the report files */
    public static void main(String[] args) {
        String root = "dir:" + args[0];
        String out = args[1];
        PrintWriter quiet = new PrintWriter(OutputStream.nullOutputStream(), true);
        Main.run(new String[] {"sbom", "--format", "json", root}, quiet, quiet);
        Main.run(new String[] {"sbom", root}, quiet, quiet);
        // a policy that stops the scan exits non-zero: what matters is the classes it loaded
        Main.run(new String[] {"scan", "--offline", "--allow-missing-data", "all", "--policy", "default",
            "--format", "json", "-o", "sarif=" + out + "/r.sarif", "-o", "html=" + out + "/r.html", root}, quiet, quiet);
        Main.run(new String[] {"scan", "--offline", "--allow-missing-data", "all", root}, quiet, quiet);
        System.exit(0); // as the command does: the archive is written as the JVM exits, whatever threads remain
    }
}
