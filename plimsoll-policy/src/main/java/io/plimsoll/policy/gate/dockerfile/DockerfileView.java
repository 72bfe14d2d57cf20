package io.plimsoll.policy.gate.dockerfile;

import io.plimsoll.image.ImageConfig;
import io.plimsoll.policy.gate.ImageContext;
import io.plimsoll.policy.gate.ImageContext.Instruction;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the dockerfile gate's triggers read: the given Dockerfile's instructions ({@code actual}) or those inferred
 * from the image history and config, plus the effective user and exposed ports, which the image config states for
 * certain.
 */
record DockerfileView(boolean actual, List<Instruction> instructions, String effectiveUser,
                      List<String> exposedPorts) {

    static DockerfileView of(ImageContext image) {
        ImageConfig config = image.inventory().image().config();
        if (image.dockerfile().isPresent()) {
            List<Instruction> all = image.dockerfile().get().instructions();
            List<Instruction> last = finalStage(all);
            // The final stage's last USER decides; a stage without one runs as its base image's user, which only
            // the config knows.
            String user = last.stream().filter(i -> i.keyword().equals("USER")).reduce((a, b) -> b)
                    .map(i -> userOf(i.arguments())).orElse(config.effectiveUser());
            Set<String> ports = new LinkedHashSet<>(normalise(config.exposedPorts()));
            last.stream().filter(i -> i.keyword().equals("EXPOSE"))
                    .forEach(i -> ports.addAll(normalise(List.of(i.arguments().split("\\s+")))));
            return new DockerfileView(true, all, user, List.copyOf(ports));
        }
        return new DockerfileView(false, InferredDockerfile.from(config), userOf(config.effectiveUser()),
                normalise(config.exposedPorts()));
    }

    List<Instruction> withKeyword(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    /** The instructions after the last FROM: those that shaped the image itself. */
    private static List<Instruction> finalStage(List<Instruction> all) {
        int from = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).keyword().equals("FROM")) {
                from = i;
            }
        }
        return all.subList(from, all.size());
    }

    /** {@code [app]} and surrounding blanks removed, as Anchore's USER pattern does. */
    static String userOf(String arguments) {
        String t = arguments.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1).strip();
        }
        return t;
    }

    /**
     * Port tokens as the config writes them ({@code 22/tcp}): a bare {@code 22} is TCP, ranges are expanded, and
     * tokens with unexpanded variables are dropped (their value is unknown here).
     */
    static List<String> normalise(List<String> tokens) {
        Set<String> out = new LinkedHashSet<>();
        for (String raw : tokens) {
            String t = raw.strip().toLowerCase(java.util.Locale.ROOT);
            if (t.isEmpty() || t.contains("$")) {
                continue;
            }
            String proto = "tcp";
            int slash = t.indexOf('/');
            if (slash >= 0) {
                proto = t.substring(slash + 1);
                t = t.substring(0, slash);
            }
            int dash = t.indexOf('-');
            if (dash > 0 && t.substring(0, dash).matches("\\d+") && t.substring(dash + 1).matches("\\d+")) {
                int lo = Integer.parseInt(t.substring(0, dash));
                int hi = Math.min(Integer.parseInt(t.substring(dash + 1)), 65535);
                for (int p = lo; p <= hi; p++) {
                    out.add(p + "/" + proto);
                }
            } else {
                out.add(t + "/" + proto);
            }
        }
        return new ArrayList<>(out);
    }
}
