package io.plimsoll.report.sbom;

import io.plimsoll.catalog.Inventory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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
     * The inventory in this format, ending with a line break, written to {@code out} (left open); json and the table
     * are written as they are made, not as a string first.
     *
     * @param toolVersion Plimsoll's version, which the CycloneDX and SPDX documents name as their creator
     * @param withFiles   list each package's owned files (json only)
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
            case CYCLONEDX_JSON -> out.write(CycloneDxWriter.json(inventory, toolVersion) + System.lineSeparator());
            case CYCLONEDX_XML -> out.write(CycloneDxWriter.xml(inventory, toolVersion) + System.lineSeparator());
            case SPDX_JSON -> out.write(SpdxWriter.json(inventory, toolVersion) + System.lineSeparator());
        }
    }

    /** As {@link #write}, as a string (for a file written whole). */
    public String render(Inventory inventory, String toolVersion, boolean withFiles) {
        StringWriter buffer = new StringWriter();
        try {
            write(inventory, toolVersion, withFiles, buffer);
        } catch (IOException e) {
            throw new UncheckedIOException("a string writer does not fail", e);
        }
        return buffer.toString();
    }
}
