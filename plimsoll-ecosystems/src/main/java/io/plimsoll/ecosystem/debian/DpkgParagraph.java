package io.plimsoll.ecosystem.debian;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** One control paragraph being read: the kept field values, reused from paragraph to paragraph. */
final class DpkgParagraph {

    private final Map<DpkgField, String> values = new EnumMap<>(DpkgField.class);
    private final List<DpkgFile> conffiles = new ArrayList<>();
    private int line;
    private boolean vcpkg;

    boolean started() {
        return line > 0;
    }

    void start(int lineNumber) {
        line = lineNumber;
    }

    int line() {
        return line;
    }

    boolean has(DpkgField field) {
        return values.containsKey(field);
    }

    void put(DpkgField field, String value) {
        if (field.isVcpkg()) {
            vcpkg = true;
        }
        values.put(field, value);
    }

    /** The field's value, or null when the paragraph has no such field. */
    String get(DpkgField field) {
        return values.get(field);
    }

    void addConffile(DpkgFile file) {
        conffiles.add(file);
    }

    List<DpkgFile> conffiles() {
        return conffiles;
    }

    boolean vcpkg() {
        return vcpkg;
    }

    void reset() {
        values.clear();
        conffiles.clear();
        line = 0;
        vcpkg = false;
    }
}
