package io.plimsoll.policy.gate;

import io.plimsoll.image.layer.FileType;
import io.plimsoll.image.tree.FileNode;
import io.plimsoll.image.tree.FileTree;
import io.plimsoll.policy.content.ContentHit;
import io.plimsoll.policy.content.SecretRule;
import io.plimsoll.policy.content.SecretRules;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Anchore's {@code secret_scans} gate: what the content scan's secret rules found.
 *
 * <p>Trigger ids are Anchore's: the MD5 of gate name, trigger name and Anchore's message for the hit
 * ({@code Secret content search analyzer found regexp match in container: file=PATH regexp=NAME=REGEX}), which
 * Anchore computes for triggers that fire without an id of their own. For Anchore's five default names the regex
 * in that message is Anchore's default regex, so trigger ids in allowlists written for Anchore match ours (checked
 * against the ids in Anchore's published allowlists); Plimsoll's own rules put their bare name in place of
 * {@code NAME=REGEX}. A secret in a file that a later layer deleted or replaced gets an id of its own (the layer is
 * hashed too), so allowing the live file does not silently allow the copy buried in an older layer.
 */
public final class SecretScansGate implements Gate {

    public static final String NAME = "secret_scans";

    private static final Trigger CONTENT_REGEX_CHECKS = new ContentRegexChecks();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Checks for secrets found in the image's files by the content scan's secret rules.";
    }

    @Override
    public List<Trigger> triggers() {
        return List.of(CONTENT_REGEX_CHECKS);
    }

    /** {@code content_regex_checks}: one hit per file and rule (or one when nothing matched, with notfound). */
    static final class ContentRegexChecks implements Trigger {

        static final String TRIGGER = "content_regex_checks";

        @Override
        public String name() {
            return TRIGGER;
        }

        @Override
        public String description() {
            return "Triggers if the content scan found a match of the named secret rules (all rules when no name is "
                    + "given) in a file whose path matches filename_regex, or, with match_type=notfound, found none.";
        }

        @Override
        public List<Param> params() {
            return List.of(
                    Param.optional("content_regex_name", ParamType.STRING, "Names of secret rules (comma-separated) "
                            + "to check instead of all of them, e.g. AWS_ACCESS_KEY, PRIV_KEY, DOCKER_AUTH, API_KEY, "
                            + "AWS_SECRET_KEY, GITHUB_TOKEN, JWT, PASSWORD."),
                    Param.optional("filename_regex", ParamType.REGEX, "Only files whose absolute path matches this "
                            + "regex from its start (e.g. /etc/.*)."),
                    Param.oneOf("match_type", false, List.of("found", "notfound"), "Trigger when a match is found "
                            + "(the default) or when none is."));
        }

        @Override
        public List<TriggerHit> evaluate(ImageContext image, TriggerParams params) {
            // a list of names, or one regex (whose {20,60} must not be split at its comma)
            List<String> names = params.string("content_regex_name").filter(v -> v.matches(".*[()\\[\\]{}*\\\\].*"))
                    .map(List::of).orElseGet(() -> params.list("content_regex_name"));
            Optional<Pattern> files = params.string("filename_regex").map(Pattern::compile);
            boolean found = params.string("match_type").orElse("found").equals("found");
            Optional<FileTree> tree = Optional.ofNullable(image.inventory())
                    .map(inv -> inv.walk() == null ? null : inv.walk().tree());

            // one hit per (file, layer, rule): the first match, and how many more the file holds
            Map<List<Object>, List<ContentHit>> byFile = new LinkedHashMap<>();
            for (ContentHit h : image.content().secrets()) {
                if (selected(h.rule(), names) && files.map(p -> p.matcher(h.path()).lookingAt()).orElse(true)) {
                    byFile.computeIfAbsent(List.of(h.path(), h.layer(), h.rule()), k -> new ArrayList<>()).add(h);
                }
            }
            if (!found) {
                if (!byFile.isEmpty()) {
                    return List.of();
                }
                String message = "Secret content search analyzer did not find regexp match in container: "
                        + "filename_regex=" + params.string("filename_regex").orElse("*") + " content_regex_name="
                        + params.string("content_regex_name").orElse("all");
                return List.of(new TriggerHit(anchoreId(message), message));
            }
            List<TriggerHit> hits = new ArrayList<>();
            for (List<ContentHit> same : byFile.values()) {
                hits.add(hit(same, tree, image));
            }
            return hits;
        }

        private static boolean selected(String rule, List<String> names) {
            if (names.isEmpty()) {
                return true;
            }
            String idText = SecretRules.named(rule).map(SecretRule::idText).orElse(rule);
            // Anchore also accepts the regex itself in place of its name
            return names.contains(rule) || names.stream().anyMatch(n -> idText.equals(rule + "=" + n));
        }

        private static TriggerHit hit(List<ContentHit> same, Optional<FileTree> tree, ImageContext image) {
            ContentHit first = same.get(0);
            String idText = SecretRules.named(first.rule()).map(SecretRule::idText).orElse(first.rule());
            String anchoreMessage = "Secret content search analyzer found regexp match in container: file="
                    + first.path() + " regexp=" + idText;
            Optional<String> gone = tree.flatMap(t -> goneSince(t, first));
            String id = gone.isEmpty() ? anchoreId(anchoreMessage) : anchoreId(anchoreMessage + " layer=" + first.layer());
            StringBuilder m = new StringBuilder();
            m.append(first.rule()).append(" found in ").append(first.path()).append(" line ").append(first.line())
                    .append(" (layer ").append(first.layer()).append(step(image, first.layer())).append("): ")
                    .append(first.masked());
            if (same.size() > 1) {
                m.append(" and ").append(same.size() - 1).append(same.size() == 2 ? " more match" : " more matches")
                        .append(" in the file");
            }
            gone.ifPresent(g -> m.append("; ").append(g).append(", but the secret is still in layer ")
                    .append(first.layer()).append(" of the image"));
            return new TriggerHit(id, m.toString()).at(first.path(), first.line(), first.layer());
        }

        /** Why a hit's file is not in the final image, or empty when it is. */
        private static Optional<String> goneSince(FileTree tree, ContentHit h) {
            Optional<FileNode> node = tree.get(h.path());
            if (node.isEmpty()) {
                return Optional.of("the file was deleted by a later layer");
            }
            FileNode n = node.get();
            if (n.layer() == h.layer() && n.type() == FileType.REGULAR) {
                return Optional.empty();
            }
            return Optional.of("the file was replaced by layer " + n.layer());
        }

        private static String step(ImageContext image, int layer) {
            try {
                var layers = image.inventory().image().layers();
                if (layer < layers.size()) {
                    return layers.get(layer).history().map(h -> ": " + h.instruction()).orElse("");
                }
            } catch (RuntimeException e) {
                // no inventory in this context: the layer index alone
            }
            return "";
        }
    }

    /** Anchore's id for a trigger hit without an id of its own: MD5 of gate, trigger and message. */
    static String anchoreId(String message) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update((NAME + ContentRegexChecks.TRIGGER + message).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }
}
