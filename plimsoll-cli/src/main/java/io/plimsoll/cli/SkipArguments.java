package io.plimsoll.cli;

import io.plimsoll.catalog.SkippedPaths;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --skip-dirs} and {@code --skip-files}, as Trivy users write them, for the commands that catalog an image. */
final class SkipArguments {

    @Option(names = "--skip-dirs", paramLabel = "GLOB",
            description = "Do not read packages or secrets below these directories (globs, e.g. '/opt/app/test', "
                    + "'**/node_modules'); comma-separated or repeated.")
    List<String> dirs = new ArrayList<>();

    @Option(names = "--skip-files", paramLabel = "GLOB",
            description = "Do not read these files (globs, e.g. '**/package-lock.json'); comma-separated or repeated.")
    List<String> files = new ArrayList<>();

    SkippedPaths paths() {
        try {
            return SkippedPaths.of(dirs, files);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }
}
