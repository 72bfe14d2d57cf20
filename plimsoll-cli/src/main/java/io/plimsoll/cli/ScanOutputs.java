package io.plimsoll.cli;

import io.plimsoll.report.scan.ScanFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code -o} reports of a scan, checked before the scan: at most one plain FILE (it takes the --format report
 * instead of standard output), each directory present and writable.
 */
record ScanOutputs(Optional<ReportOutput> main, List<ReportOutput> all) {

    static ScanOutputs parse(List<String> specs, ScanFormat format) {
        List<String> names = ScanFormat.ids();
        List<ReportOutput> all = new ArrayList<>();
        Optional<ReportOutput> main = Optional.empty();
        for (String spec : specs) {
            ReportOutput o;
            try {
                o = ReportOutput.parse(spec, names);
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage());
            }
            if (o.takesMainReport()) {
                if (main.isPresent()) {
                    throw new UserInputException("-o " + spec + ": only one -o FILE without a format (the --format "
                            + "report already goes to " + main.get().file() + "); use FORMAT=FILE for the others");
                }
                o = o.withFormat(format.id());
                main = Optional.of(o);
            }
            try {
                o.checkWritable();
            } catch (IOException e) {
                throw new UserInputException("cannot write the " + o.format() + " report: " + e.getMessage());
            }
            all.add(o);
        }
        return new ScanOutputs(main, all);
    }
}
