package io.plimsoll.cli;

import io.plimsoll.app.SbomService;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Scope;
import io.plimsoll.report.sbom.SbomFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plimsoll sbom IMAGE}: the distro and every installed package, with the layer that added it. */
@Command(name = "sbom", mixinStandardHelpOptions = true,
        description = {"List the image's distro and installed packages (dpkg, rpm, apk), each with its PURL, "
                + "source package, licenses and the layer (Dockerfile step) that installed it.",
            "IMAGE is written as for 'plimsoll inspect'."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {" 0:success", " 2:usage or input error (the message names the file)", " 3:internal error"})
final class SbomCommand implements Callable<Integer> {

    /** Accepts the names users type, dashed or not, in any case. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<SbomFormat> {
        @Override
        public SbomFormat convert(String value) {
            return SbomFormat.byId(value).orElseThrow(() -> new picocli.CommandLine.TypeConversionException(
                    "invalid format '" + value + "' (table, json, cyclonedx-json, cyclonedx-xml, spdx-json)"));
        }
    }

    @Parameters(paramLabel = "IMAGE", description = "The image to read.")
    String image;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            converter = FormatConverter.class,
            description = "Output format: table (default), json (Plimsoll's own), cyclonedx-json, cyclonedx-xml "
                    + "(CycloneDX 1.6), spdx-json (SPDX 2.3).")
    SbomFormat format;

    @Option(names = "--with-files", description = "Include each package's owned files in JSON output.")
    boolean withFiles;

    @Option(names = "--scope", paramLabel = "SCOPE", defaultValue = "squashed", converter = ScopeConverter.class,
            description = "squashed (default): what the final image holds; all-layers: also packages that a later "
                    + "layer deleted or replaced.")
    Scope scope;

    /** Accepts the spellings users type: squashed, all-layers, all_layers. */
    static final class ScopeConverter implements picocli.CommandLine.ITypeConverter<Scope> {
        @Override
        public Scope convert(String value) {
            return switch (value.toLowerCase(java.util.Locale.ROOT).replace('-', '_')) {
                case "squashed" -> Scope.SQUASHED;
                case "all_layers", "all" -> Scope.ALL_LAYERS;
                default -> throw new picocli.CommandLine.TypeConversionException(
                        "invalid scope '" + value + "' (squashed or all-layers)");
            };
        }
    }

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the SBOM to FILE (whole or not at all; its directory is checked before the image is "
                    + "read) instead of standard output.")
    Path output;

    @Mixin
    ImageArguments imageArguments;

    @Mixin
    SkipArguments skip;

    @Mixin
    LayerCacheOption cache;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Optional<ReportOutput> file = Optional.ofNullable(output).map(o -> new ReportOutput(format.id(), o));
        if (file.isPresent()) {
            try {
                file.get().checkWritable();
            } catch (IOException e) {
                throw new UserInputException("cannot write the SBOM: " + e.getMessage());
            }
        }
        io.plimsoll.catalog.SkippedPaths skipped = skip.paths();
        PrintWriter err = spec.commandLine().getErr();
        Inventory inventory = imageArguments.withImage(image, cache.memo(warning -> {
            err.println("plimsoll: warning: " + warning);
            err.flush();
        }), new SbomService(scope, skipped)::inventory);
        if (file.isPresent()) {
            try {
                file.get().write(format.render(inventory, Main.version(), withFiles));
            } catch (IOException e) {
                throw new UserInputException(output + ": cannot write the SBOM: " + e.getMessage());
            }
            return Main.OK;
        }
        PrintWriter out = spec.commandLine().getOut();
        format.write(inventory, Main.version(), withFiles, out);
        out.flush();
        return Main.OK;
    }
}
