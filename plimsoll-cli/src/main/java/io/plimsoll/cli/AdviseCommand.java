package io.plimsoll.cli;

import io.plimsoll.app.ScanResult;
import io.plimsoll.image.Image;
import io.plimsoll.report.scan.AdviceView;
import io.plimsoll.vuln.advice.Advice;
import io.plimsoll.vuln.advice.BaseImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code plimsoll advise IMAGE}: scans, then says which upgrades clear the findings and where to make them. */
@Command(name = "advise", mixinStandardHelpOptions = true,
        description = {"Scan an image, then give per vulnerable package the smallest upgrade that no advisory in "
                + "the database affects, the findings it clears, the layer and Dockerfile step that brought the "
                + "package in (base image or your own), and the command for its ecosystem.",
            "IMAGE is written as for 'plimsoll scan'."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {" 0:advice given",
            " 2:usage or input error; with --server, also an unreachable server, a refused token or a server error",
            " 3:internal error"})
final class AdviseCommand implements Callable<Integer> {

    enum Format { table, json }

    @Parameters(paramLabel = "IMAGE", description = "The image to advise on.")
    String image;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table or json (the plimsoll-advice/1 document). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--base", paramLabel = "IMAGE",
            description = "The base image (written as IMAGE): its layers are the base's. Default: the OCI "
                    + "annotation org.opencontainers.image.base.name, else the history boundary of the last FROM.")
    String base;

    @Option(names = {"--only-fixed", "--ignore-unfixed"}, description = "Leave out findings without a fix.")
    boolean onlyFixed;

    @Option(names = "--severity", paramLabel = "LEVEL[,LEVEL…]",
            description = "Advise on these severities only (as 'scan --severity').")
    String severity;

    @Mixin
    LocalDataOptions data;

    @Mixin
    ServerOptions server;

    @Mixin
    ImageArguments imageArguments;

    @Mixin
    SkipArguments skip;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        SeverityFilter shown = SeverityFilter.parse(severity);
        var skipped = skip.paths();
        LocalScan scan = data.scan(spec, shown, onlyFixed, skipped, server);
        Function<Image, BaseImage> baseOf = BaseImage::of;
        if (base != null) {
            Image baseImage = imageArguments.withImage(base, (source, walker) -> source.image());
            baseOf = img -> BaseImage.of(img, baseImage, base);
        }
        ScanResult result = scan.scan(imageArguments, List.of(image), baseOf, i -> Optional.empty()).get(0);
        Advice advice = result.report().advice().orElseGet(() -> new Advice(baseOf(result, base), List.of()));
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == Format.json ? AdviceView.document(result.report(), advice)
                : AdviceView.table(result.report(), advice));
        out.flush();
        return Main.OK;
    }

    /** Without a database there are no findings, so no advice: only the base is still worth saying. */
    private static BaseImage baseOf(ScanResult result, String base) {
        return base == null ? BaseImage.of(result.report().inventory().image()) : BaseImage.unknown();
    }
}
