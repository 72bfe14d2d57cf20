package io.plimsoll.report.scan;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The formats a scan report is written in, each as a whole text ready for a terminal or a file. */
public enum ScanFormat {
    TABLE, JSON, SARIF, JUNIT, HTML, CYCLONEDX_JSON;

    /** The name users type: {@code table}, {@code cyclonedx-json}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every format's {@link #id}, in declaration order. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(ScanFormat::id).toList();
    }

    /** A format by its name as users type it, dashes or underscores, any case. */
    public static Optional<ScanFormat> byId(String text) {
        String id = text.toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(f -> f.id().equals(id)).findFirst();
    }

    /**
     * The report in this format. {@code colour} colours the table's severities (for a terminal); the other formats
     * ignore it. Table and json end their last line as they did before the other formats existed.
     */
    public String render(ScanReport report, boolean colour) {
        return switch (this) {
            case TABLE -> {
                StringWriter buffer = new StringWriter();
                PrintWriter w = new PrintWriter(buffer);
                ScanView.table(report, w, colour);
                report.policy().ifPresent(p -> PolicyView.table(p, w));
                w.flush();
                yield buffer.toString();
            }
            case JSON -> ScanView.json(report) + System.lineSeparator();
            case SARIF -> SarifReport.render(report) + "\n";
            case JUNIT -> JunitReport.render(report);
            case HTML -> HtmlReport.render(report);
            case CYCLONEDX_JSON -> CycloneDxScanReport.render(report) + "\n";
        };
    }
}
