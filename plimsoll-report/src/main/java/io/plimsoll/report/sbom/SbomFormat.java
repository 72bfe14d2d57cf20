package io.plimsoll.report.sbom;

import io.plimsoll.catalog.Inventory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The formats an inventory is written in: Plimsoll's own table and json, CycloneDX 1.6 and SPDX 2.3. */
public enum SbomFormat {
    TABLE, JSON, CYCLONEDX_JSON, CYCLONEDX_XML, SPDX_JSON;

    /** The name users type: {@code table}, {@code cyclonedx-json}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A format by its name as users type it, dashes or underscores, any case. */
    public static Optional<SbomFormat> byId(String text) {
        String id = text.toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(f -> f.id().equals(id)).findFirst();
    }

    /**
     * As {@link #render}, written to {@code out} (left open); json and the table stream as they are made.
     */
    public void write(Inventory inventory, String toolVersion, boolean withFiles, Writer out) throws IOException {
        switch (this) {
            case JSON -> {
                SbomView.writeJson(inventory, withFiles, out);
                out.write(System.lineSeparator());
            }
            case TABLE -> {
                PrintWriter w = out instanceof PrintWriter p ? p : new PrintWriter(out);
                SbomView.table(inventory, w);
                w.flush();
            }
            default -> out.write(render(inventory, toolVersion, withFiles));
        }
    }

    /**
     * The inventory in this format, ending with a line break.
     *
     * @param toolVersion Plimsoll's version, which the CycloneDX and SPDX documents name as their creator
     * @param withFiles   list each package's owned files (json only)
     */
    public String render(Inventory inventory, String toolVersion, boolean withFiles) {
        return switch (this) {
            case JSON -> SbomView.json(inventory, withFiles) + System.lineSeparator();
            case CYCLONEDX_JSON -> CycloneDxWriter.json(inventory, toolVersion) + System.lineSeparator();
            case CYCLONEDX_XML -> CycloneDxWriter.xml(inventory, toolVersion) + System.lineSeparator();
            case SPDX_JSON -> SpdxWriter.json(inventory, toolVersion) + System.lineSeparator();
            case TABLE -> {
                StringWriter buffer = new StringWriter();
                PrintWriter w = new PrintWriter(buffer);
                SbomView.table(inventory, w);
                w.flush();
                yield buffer.toString();
            }
        };
    }
}
