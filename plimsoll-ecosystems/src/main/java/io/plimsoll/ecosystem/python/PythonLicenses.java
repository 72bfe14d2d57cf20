package io.plimsoll.ecosystem.python;

import java.util.ArrayList;
import java.util.List;

/** The licenses a distribution declares in its core metadata, as written. */
final class PythonLicenses {

    private static final String CLASSIFIER_PREFIX = "License ::";

    private PythonLicenses() {
    }

    /**
     * {@code License-Expression} (PEP 639) when present; else a one-line {@code License} that says something; else
     * the {@code License :: …} trove classifiers, by their last part ({@code BSD License} from
     * {@code License :: OSI Approved :: BSD License}). Many distributions paste the whole license text into
     * {@code License}, which names no license, so the classifiers are better then.
     */
    static List<String> of(CoreMetadata m) {
        String expression = m.get("License-Expression").strip();
        if (!expression.isEmpty()) {
            return List.of(expression);
        }
        String license = m.get("License").strip();
        if (!license.isEmpty() && !license.equalsIgnoreCase("UNKNOWN") && license.indexOf('\n') < 0
                && license.length() <= 200) {
            return List.of(license);
        }
        List<String> out = new ArrayList<>();
        for (String c : m.all("Classifier")) {
            if (!c.startsWith(CLASSIFIER_PREFIX)) {
                continue;
            }
            String last = c.substring(c.lastIndexOf("::") + 2).strip();
            if (!last.isEmpty() && !last.equals("OSI Approved") && !out.contains(last)) {
                out.add(last);
            }
        }
        return out;
    }
}
