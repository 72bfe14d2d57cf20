package io.plimsoll.policy.gate.passwd;

import io.plimsoll.policy.gate.ImageContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The image's {@code /etc/passwd}, one entry per user name (a later line for the same name replaces an earlier one,
 * as in Anchore), each as its fields after the name: password, uid, gid, gecos, home, shell; with the line (1-based)
 * each entry is on and the layer that wrote the file ({@code -1} when unknown), so hits can point there.
 */
record PasswdEntries(Map<String, List<String>> byUser, Map<String, Integer> lines, int layer) {

    static final String PATH = "/etc/passwd";

    static Optional<PasswdEntries> of(ImageContext image) {
        return image.content().accountFile(PATH).map(text -> parse(text, layerOf(image)))
                .filter(p -> !p.byUser().isEmpty());
    }

    private static int layerOf(ImageContext image) {
        var walk = image.inventory().walk();
        return walk == null ? -1 : walk.tree().get(PATH).map(n -> n.layer()).orElse(-1);
    }

    static PasswdEntries parse(String text, int layer) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        Map<String, Integer> lines = new java.util.HashMap<>();
        String[] all = text.split("\r?\n");
        for (int i = 0; i < all.length; i++) {
            String line = all[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            List<String> fields = new ArrayList<>(Arrays.asList(line.split(":", -1)));
            String user = fields.remove(0);
            m.remove(user);
            m.put(user, List.copyOf(fields));
            lines.put(user, i + 1);
        }
        return new PasswdEntries(m, lines, layer);
    }

    /** The hit, pointed at this user's line of the file. */
    io.plimsoll.policy.gate.TriggerHit at(io.plimsoll.policy.gate.TriggerHit hit, String user) {
        return hit.at(PATH, lines.getOrDefault(user, 0), layer);
    }

    /** A field of an entry: 1 = uid, 2 = gid, 5 = shell; -1 = the user name; null = the whole entry. */
    static String field(String user, List<String> rest, Integer index) {
        if (index == null) {
            return entry(user, rest);
        }
        if (index < 0) {
            return user;
        }
        return index < rest.size() ? rest.get(index) : null;
    }

    static String entry(String user, List<String> rest) {
        return rest.isEmpty() ? user : user + ":" + String.join(":", rest);
    }
}
