package io.plimsoll.image;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One entry of the image config's history: a Dockerfile step as the builder recorded it.
 *
 * @param index     position in the config's history list
 * @param layer     the layer this step produced, if it produced one ({@code empty_layer} steps such as ENV do not)
 */
public record HistoryStep(int index, Optional<Instant> created, String createdBy, String comment, boolean emptyLayer,
                          OptionalInt layer) {

    private static final java.util.regex.Pattern BUILD_ARGS = java.util.regex.Pattern.compile("^\\|\\d+ .*?(?=/bin/sh -c )");

    /**
     * The step as a reader wants it: {@code RUN apt-get install …} rather than the raw {@code created_by}
     * forms the builders write ({@code /bin/sh -c #(nop) CMD …}, {@code |2 A=1 B=2 /bin/sh -c …},
     * BuildKit's {@code RUN /bin/sh -c … # buildkit}).
     */
    public String instruction() {
        String s = BUILD_ARGS.matcher(createdBy.strip()).replaceFirst("");
        if (s.endsWith("# buildkit")) {
            s = s.substring(0, s.length() - "# buildkit".length()).strip();
        }
        if (s.startsWith("/bin/sh -c #(nop) ")) {
            return s.substring("/bin/sh -c #(nop) ".length()).strip();
        }
        if (s.startsWith("/bin/sh -c ")) {
            return "RUN " + s.substring("/bin/sh -c ".length()).strip();
        }
        if (s.startsWith("RUN /bin/sh -c ")) {
            return "RUN " + s.substring("RUN /bin/sh -c ".length()).strip();
        }
        return s;
    }
}
