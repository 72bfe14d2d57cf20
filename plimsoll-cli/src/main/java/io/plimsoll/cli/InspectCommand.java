package io.plimsoll.cli;

import io.plimsoll.image.walk.WalkResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plimsoll inspect IMAGE}: what an image is made of, read in one pass over its layers. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show an image's digest, platform, layers (with the Dockerfile step that made each), "
                + "config and the size of its squashed file tree.",
            "",
            "IMAGE is one of:",
            "  docker-archive:FILE[:REPO:TAG|:@N]  a 'docker save' tar",
            "  oci-archive:FILE[:TAG]              an OCI layout in a tar",
            "  oci:DIR[:TAG]                       an OCI layout directory",
            "  dir:DIR                             a root filesystem (dir:/ is this machine)",
            "  registry:HOST/REPO[:TAG|@DIGEST]    an image in a registry (also docker://…)",
            "  docker:IMAGE, podman:IMAGE          an image the local engine holds (through its socket)",
            "  -                                   a 'docker save' tar on standard input",
            "  PATH                                any of these, detected from the contents"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {" 0:success", " 2:usage or input error (the message names the file)", " 3:internal error"})
final class InspectCommand implements Callable<Integer> {

    enum Format { table, json }

    @Parameters(paramLabel = "IMAGE", description = "The image to read.")
    String image;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Mixin
    ImageArguments imageArguments;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
        WalkResult result = imageArguments.withImage(image, java.util.Optional.empty(),
                (source, walker) -> walker.walk(source, List.of()));
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(InspectView.json(result));
        } else {
            InspectView.table(result, out);
        }
        out.flush();
        return Main.OK;
    }
}
