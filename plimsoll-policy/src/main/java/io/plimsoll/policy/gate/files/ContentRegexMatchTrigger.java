package io.plimsoll.policy.gate.files;

import io.plimsoll.policy.content.ContentHit;
import io.plimsoll.policy.gate.ImageContext;
import io.plimsoll.policy.gate.Param;
import io.plimsoll.policy.gate.ParamType;
import io.plimsoll.policy.gate.TriggerHit;
import io.plimsoll.policy.gate.TriggerParams;
import io.plimsoll.policy.gate.common.BaseTrigger;
import io.plimsoll.policy.gate.common.LegacyTriggerId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code content_regex_match}: one hit per file and content regex that matched in it (several matching lines make
 * one hit), restricted to the regex named by {@code regex_name} when given. The matches come from the content scan
 * ({@link io.plimsoll.policy.content.ContentFindings#regexMatches()}).
 */
final class ContentRegexMatchTrigger extends BaseTrigger {

    ContentRegexMatchTrigger() {
        super("content_regex_match", "Triggers for each file where the content search found a match of a configured "
                + "content regex; with regex_name, only for that regex.", List.of(
                Param.optional("regex_name", ParamType.STRING, "Name of the content regex to limit the check to.")));
    }

    @Override
    public List<TriggerHit> evaluate(ImageContext image, TriggerParams params) {
        Optional<String> only = params.string("regex_name");
        Map<String, TriggerHit> hits = new LinkedHashMap<>();
        for (ContentHit h : image.content().regexMatches()) {
            if (only.isPresent() && !only.get().equals(h.rule())) {
                continue;
            }
            String message = "File content analyzer found regexp match in container: file=" + h.path() + " regexp="
                    + h.rule();
            hits.computeIfAbsent(message, m -> LegacyTriggerId.hit(FilesGate.NAME, name(), m).at(h.path(), h.line(), h.layer()));
        }
        return List.copyOf(hits.values());
    }
}
