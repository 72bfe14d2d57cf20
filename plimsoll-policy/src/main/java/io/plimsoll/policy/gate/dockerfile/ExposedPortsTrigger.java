package io.plimsoll.policy.gate.dockerfile;

import io.plimsoll.policy.gate.ImageContext;
import io.plimsoll.policy.gate.Param;
import io.plimsoll.policy.gate.TriggerHit;
import io.plimsoll.policy.gate.TriggerParams;
import io.plimsoll.policy.gate.common.BaseTrigger;
import io.plimsoll.policy.gate.common.CsvChecks;
import io.plimsoll.policy.gate.common.LegacyTriggerId;
import io.plimsoll.policy.gate.common.PythonText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code exposed_ports}: with {@code type: blacklist} fires for each listed port the image exposes (TCP or UDP);
 * with {@code whitelist}, for each exposed port not listed. Port {@code 0} in the list stands for every port (Anchore
 * documents this but its comparison never matched; here it does). The ports are the image config's, plus a given
 * Dockerfile's final-stage EXPOSE.
 */
final class ExposedPortsTrigger extends BaseTrigger {

    ExposedPortsTrigger() {
        super("exposed_ports", "Evaluates the set of ports exposed. With type=whitelist any exposed port not in the "
                + "list fires; with type=blacklist any exposed port in the list fires.", List.of(
                Param.listOf("ports", true, List.of(), "List of port numbers."),
                Param.oneOf("type", true, List.of("whitelist", "blacklist"),
                        "Whether to use the port list as a whitelist or blacklist."),
                DockerfileGate.ACTUAL_ONLY));
    }

    @Override
    public List<String> validate(TriggerParams params) {
        return CsvChecks.integers(params, "ports");
    }

    @Override
    public List<TriggerHit> evaluate(ImageContext image, TriggerParams params) {
        DockerfileView view = DockerfileView.of(image);
        if (params.bool("actual_dockerfile_only").orElse(false) && !view.actual()) {
            return List.of();
        }
        List<String> exposed = view.exposedPorts();
        List<String> ports = params.list("ports");
        boolean allowList = params.string("type").orElse("").equalsIgnoreCase("whitelist");
        Map<String, TriggerHit> hits = new LinkedHashMap<>();
        if (exposed.isEmpty()) {
            return List.of();
        }
        if (ports.contains("0")) {
            add(hits, "Dockerfile exposes network ports but policy sets " + (allowList ? "ALLOWEDPORTS" : "DENIEDPORTS")
                    + "=0: " + PythonText.list(exposed));
            return List.copyOf(hits.values());
        }
        if (allowList) {
            List<String> rest = new ArrayList<>(exposed);
            for (String p : ports) {
                rest.remove(p);
                rest.remove(p + "/tcp");
                rest.remove(p + "/udp");
            }
            rest.forEach(p -> add(hits, "Dockerfile exposes port (" + p + ") which is not in policy file "
                    + "ALLOWEDPORTS list"));
        } else {
            for (String p : ports) {
                for (String form : List.of(p + "/tcp", p + "/udp")) {
                    if (exposed.contains(form)) {
                        add(hits, "Dockerfile exposes port (" + form + ") which is in policy file DENIEDPORTS list");
                    }
                }
            }
        }
        return List.copyOf(hits.values());
    }

    private void add(Map<String, TriggerHit> hits, String message) {
        TriggerHit h = LegacyTriggerId.hit(DockerfileGate.NAME, name(), message);
        hits.putIfAbsent(h.triggerId(), h);
    }
}
