package io.plimsoll.ecosystem.python;

import java.util.Locale;

/** PEP 503 name normalisation: PyPI treats {@code Foo.Bar}, {@code foo_bar} and {@code FOO-bar} as one project. */
public final class PythonNames {

    private PythonNames() {
    }

    /** Lower case, every run of {@code -}, {@code _} and {@code .} made one {@code -}. */
    public static String normalize(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        boolean inRun = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '-' || c == '_' || c == '.') {
                if (!inRun) {
                    sb.append('-');
                }
                inRun = true;
            } else {
                sb.append(c);
                inRun = false;
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
