package io.plimsoll.policy.gate.files;

import io.plimsoll.image.tree.FileNode;
import io.plimsoll.policy.gate.ImageContext;
import io.plimsoll.policy.gate.TriggerHit;
import io.plimsoll.policy.gate.TriggerParams;
import io.plimsoll.policy.gate.common.BaseTrigger;
import io.plimsoll.policy.gate.common.LegacyTriggerId;
import io.plimsoll.policy.gate.common.PythonText;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code suid_or_guid_set}: one hit per path with the setuid or setgid bit, files and directories alike (Debian's
 * setgid {@code /usr/local/*} and {@code /var/mail} directories included, as with Anchore, whose public whitelists
 * list them). The message and so the trigger id are Anchore's to the byte, mode printed as Python's {@code oct} of
 * {@code st_mode}, so those whitelists apply unchanged.
 */
final class SuidOrGuidSetTrigger extends BaseTrigger {

    SuidOrGuidSetTrigger() {
        super("suid_or_guid_set", "Fires for each file found to have suid or sgid bit set.", List.of());
    }

    @Override
    public List<TriggerHit> evaluate(ImageContext image, TriggerParams params) {
        List<TriggerHit> hits = new ArrayList<>();
        for (FileNode n : FilesGate.tree(image).nodes()) {
            if (!n.implicit() && (n.isSetuid() || n.isSetgid())) {
                hits.add(LegacyTriggerId.hit(FilesGate.NAME, name(), "SUID or SGID found set on file " + n.path()
                        + ". Mode: " + PythonText.oct(FilesGate.stMode(n))).at(n.path(), 0, n.layer()));
            }
        }
        return hits;
    }
}
