package io.plimsoll.policy.gate.files;

import io.plimsoll.image.tree.FileNode;
import io.plimsoll.policy.gate.ImageContext;
import io.plimsoll.policy.gate.Param;
import io.plimsoll.policy.gate.ParamType;
import io.plimsoll.policy.gate.TriggerHit;
import io.plimsoll.policy.gate.TriggerParams;
import io.plimsoll.policy.gate.common.BaseTrigger;
import io.plimsoll.policy.gate.common.LegacyTriggerId;
import java.util.ArrayList;
import java.util.List;
import com.google.re2j.Pattern;

/**
 * {@code name_match}: one hit per path of the squashed image (files, directories, links) that the regex matches
 * from its start, as Python's {@code re.match} does: {@code .*\.pem} matches {@code /etc/ssl/a.pem}, {@code /etc}
 * matches {@code /etc/passwd} too.
 */
final class NameMatchTrigger extends BaseTrigger {

    NameMatchTrigger() {
        super("name_match", "Triggers if a file exists in the container that has a filename that matches the "
                + "provided regex.", List.of(
                Param.required("regex", ParamType.REGEX, "Regex to apply to file names (full paths) for match.")));
    }

    @Override
    public List<TriggerHit> evaluate(ImageContext image, TriggerParams params) {
        String regex = params.values().get("regex");
        Pattern p = io.plimsoll.policy.gate.common.Regexes.compile(regex);
        List<TriggerHit> hits = new ArrayList<>();
        for (FileNode n : FilesGate.tree(image).nodes()) {
            if (p.matcher(n.path()).lookingAt()) {
                hits.add(LegacyTriggerId.hit(FilesGate.NAME, name(),
                        "Application of regex matched file found in container: file=" + n.path() + " regexp="
                                + regex).at(n.path(), 0, n.layer()));
            }
        }
        return hits;
    }
}
