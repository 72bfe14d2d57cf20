package io.plimsoll.policy.gate.files;

import io.plimsoll.image.tree.FileNode;
import io.plimsoll.policy.gate.ImageContext;
import io.plimsoll.policy.gate.Param;
import io.plimsoll.policy.gate.ParamType;
import io.plimsoll.policy.gate.TriggerHit;
import io.plimsoll.policy.gate.TriggerParams;
import io.plimsoll.policy.gate.common.BaseTrigger;
import io.plimsoll.policy.gate.common.LegacyTriggerId;
import io.plimsoll.policy.gate.common.PythonText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code attribute_match}: fires when {@code filename} exists and every attribute the rule gives matches (checksum
 * with {@code checksum_match}, mode with {@code mode_op}); when the file is missing, fires only with
 * {@code skip_missing: false}. As with Anchore, a rule giving neither checksum nor mode never fires for an existing
 * file.
 *
 * <p>Modes: a rule's mode of up to four octal digits ({@code 664}, {@code 04755}) is compared with the permission
 * bits; a longer one that includes the file-type bits ({@code 0o104111}: regular file, setuid, {@code --x--x--x}) with
 * the whole {@code st_mode}. Anchore compares the permission bits with the whole given value, so its own DoD rule
 * ({@code /usr/bin/sudo} mode {@code 0o104111}) can never match there; here it matches a regular file with mode 4111.
 *
 * <p>Checksums are the content scan's SHA-256 of the file ({@link io.plimsoll.policy.content.ContentFindings#sha256()});
 * when the scan has none for the file the checksum cannot be judged and the rule does not fire.
 */
final class AttributeMatchTrigger extends BaseTrigger {

    AttributeMatchTrigger() {
        super("attribute_match", "Triggers if a filename exists in the container that has attributes that match "
                + "those which are provided.", List.of(
                Param.required("filename", ParamType.STRING, "Filename to check against provided checksum."),
                Param.oneOf("checksum_algorithm", false, List.of("sha256"), "Checksum algorithm."),
                Param.optional("checksum", ParamType.STRING, "Checksum of file."),
                Param.oneOf("checksum_match", false, List.of("equals", "not_equals"),
                        "Checksum operation to perform."),
                Param.optional("mode", ParamType.MODE, "File mode of file."),
                Param.oneOf("mode_op", false, List.of("equals", "not_equals"), "File mode operation to perform."),
                Param.optional("skip_missing", ParamType.BOOLEAN, "If set to true, do not fire this trigger if the "
                        + "file is not present. If set to false, fire this trigger ignoring the other parameter "
                        + "settings. Default true.")));
    }

    @Override
    public List<String> validate(TriggerParams params) {
        List<String> problems = new ArrayList<>();
        params.string("checksum").filter(c -> !c.matches("(?i)[0-9a-f]{64}"))
                .ifPresent(c -> problems.add("checksum: '" + c + "' is not a SHA-256 hex digest"));
        return problems;
    }

    @Override
    public List<TriggerHit> evaluate(ImageContext image, TriggerParams params) {
        String filename = params.string("filename").orElse("");
        Optional<FileNode> node = FilesGate.find(FilesGate.tree(image), filename);
        List<String> parts = new ArrayList<>();
        if (node.isPresent()) {
            Optional<String> checksum = params.string("checksum").map(s -> s.toLowerCase(Locale.ROOT));
            if (checksum.isPresent()) {
                String op = params.string("checksum_match").orElse("equals");
                Optional<String> actual = Optional.ofNullable(image.content().sha256().get(node.get().path()))
                        .or(() -> Optional.ofNullable(image.content().sha256().get(filename)))
                        .map(s -> s.toLowerCase(Locale.ROOT));
                if (actual.isEmpty() || actual.get().equals(checksum.get()) != op.equals("equals")) {
                    return List.of();
                }
                parts.add("checksum=" + actual.get() + " op=" + op + " specified_checksum=" + checksum.get());
            }
            Optional<Integer> mode = params.mode("mode");
            if (mode.isPresent()) {
                String op = params.string("mode_op").orElse("equals");
                boolean whole = mode.get() > 07777;
                int fileMode = whole ? FilesGate.stMode(node.get()) : node.get().mode() & 07777;
                if ((fileMode == mode.get()) != op.equals("equals")) {
                    return List.of();
                }
                parts.add("mode=" + PythonText.oct(fileMode) + " op=" + op + " specified_mode="
                        + PythonText.oct(mode.get()));
            }
        } else {
            if (params.bool("skip_missing").orElse(true)) {
                return List.of();
            }
            parts.add("skip_missing=False");
        }
        if (parts.isEmpty()) {
            return List.of();
        }
        TriggerHit hit = LegacyTriggerId.hit(FilesGate.NAME, name(),
                "filename=" + filename + " and " + String.join(" and ", parts));
        return List.of(node.map(n -> hit.at(n.path(), 0, n.layer())).orElse(hit));
    }
}
