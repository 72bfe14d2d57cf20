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
 * as in Anchore), each as its fields after the name: password, uid, gid, gecos, home, shell.
 */
record PasswdEntries(Map<String, List<String>> byUser) {

    static Optional<PasswdEntries> of(ImageContext image) {
        return image.content().accountFile("/etc/passwd").map(PasswdEntries::parse)
                .filter(p -> !p.byUser().isEmpty());
    }

    static PasswdEntries parse(String text) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            List<String> fields = new ArrayList<>(Arrays.asList(line.split(":", -1)));
            String user = fields.remove(0);
            m.remove(user);
            m.put(user, List.copyOf(fields));
        }
        return new PasswdEntries(m);
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
