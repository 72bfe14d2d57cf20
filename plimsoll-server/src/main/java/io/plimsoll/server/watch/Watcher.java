package io.plimsoll.server.watch;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.image.registry.RegistryClient;
import io.plimsoll.image.registry.RegistryReference;
import io.plimsoll.server.analysis.ImageTags;
import io.plimsoll.server.analysis.MatchMemo;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.http.JsonLog;
import io.plimsoll.server.registry.RegistryAccess;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One look at every active subscription (run by {@link WatcherModule} under its advisory lock). Each type compares
 * what it sees now with the subscription's last state; the first look only records it, a change raises one event:
 * <ul>
 *   <li>{@code repo_update}: the repository's tag list; a tag the account has no record of is queued for analysis
 *       (with the tag's own subscriptions);</li>
 *   <li>{@code tag_update}: the tag's manifest digest in the registry; a new one is queued for analysis;</li>
 *   <li>{@code analysis_update}: the status of the tag's newest record, reported when it becomes analyzed or
 *       analysis_failed;</li>
 *   <li>{@code vuln_update}: the vulnerabilities of the tag's newest analysed image against the data as it is now,
 *       so a feed update (or a new digest) that changes them is one event with what was added and removed;</li>
 *   <li>{@code policy_eval}: the final action of the account's active bundle over that image.</li>
 * </ul>
 */
final class Watcher {

    /** The subscription types whose state is the image's findings or policy outcome, looked at together. */
    private static final List<String> RESULT_TYPES = List.of(Subscription.VULN_UPDATE, Subscription.POLICY_EVAL);
    private static final int PAGE = 100;

    private final SubscriptionRepository subscriptions;
    private final EventRepository events;
    private final ImageTags images;
    private final RegistryAccess registries;
    private final Optional<WebhookTarget> webhook;
    private final JsonLog log;

    Watcher(SubscriptionRepository subscriptions, EventRepository events, ImageTags images,
            RegistryAccess registries, Optional<WebhookTarget> webhook, JsonLog log) {
        this.subscriptions = subscriptions;
        this.events = events;
        this.images = images;
        this.registries = registries;
        this.webhook = webhook;
        this.log = log;
    }

    /** Looks at every active subscription once; one that fails (a registry down) is logged and tried next time. */
    int tick() throws Exception {
        int raised = 0;
        MatchMemo memo = images.memo();
        for (String type : Subscription.TYPES) {
            if (RESULT_TYPES.contains(type)) {
                continue;
            }
            for (Subscription s : subscriptions.active(type)) {
                raised += Math.max(lookLogged(s, memo), 0);
            }
        }
        return raised + lookAtResults(memo).events();
    }

    /** What a look at the result subscriptions raised, and how many looks failed (each logged). */
    record Looked(int events, int failed) {
    }

    /**
     * Looks at every active vuln_update and policy_eval subscription, a page at a time and one key's side by side,
     * so with the memo each image is matched once however many subscriptions point at it.
     */
    Looked lookAtResults(MatchMemo memo) throws Exception {
        int events = 0;
        int failed = 0;
        Optional<Subscription> after = Optional.empty();
        for (List<Subscription> page = subscriptions.activeResults(after, PAGE); !page.isEmpty();
             page = subscriptions.activeResults(after, PAGE)) {
            for (Subscription s : page) {
                int raised = lookLogged(s, memo);
                events += Math.max(raised, 0);
                failed += raised < 0 ? 1 : 0;
            }
            after = Optional.of(page.get(page.size() - 1));
        }
        return new Looked(events, failed);
    }

    /** 1 when the look raised an event, 0 when not, -1 when it failed (logged; tried again next time). */
    private int lookLogged(Subscription s, MatchMemo memo) {
        try {
            return look(s, memo) ? 1 : 0;
        } catch (Exception e) {
            log.warn("watch failed", "subscription", s.id(), "type", s.type(), "key", s.key(), "error",
                    e.getMessage() == null ? e.toString() : e.getMessage());
            return -1;
        }
    }

    /** Looks at one subscription; the memo spares matching an image again that this pass matched already. */
    boolean look(Subscription s, MatchMemo memo) throws Exception {
        return switch (s.type()) {
            case Subscription.REPO_UPDATE -> repoUpdate(s);
            case Subscription.TAG_UPDATE -> tagUpdate(s);
            case Subscription.ANALYSIS_UPDATE -> analysisUpdate(s);
            case Subscription.VULN_UPDATE -> vulnUpdate(s, memo);
            case Subscription.POLICY_EVAL -> policyEval(s, memo);
            default -> false;
        };
    }

    /** The repository's tags now; the ones the account has no record of are queued. */
    private boolean repoUpdate(Subscription s) throws Exception {
        RepositoryWatch watch = RepositoryWatch.of(s);
        List<String> tags = tagsOf(s.account(), watch.repository());
        Set<String> known = images.tags(s.account(), watch.repository());
        List<String> added = new ArrayList<>();
        for (String tag : tags) {
            String full = watch.repository() + ":" + tag;
            if (!known.contains(full)) {
                images.submit(s.account(), full);
                subscriptions.tagAdded(s.account(), full, watch.autosubscribe());
                added.add(full);
            }
        }
        subscriptions.setValue(s.id(), watch.withTagCount(tags.size()).value());
        if (added.isEmpty()) {
            return false;
        }
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.set("added_tags", strings(added));
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.set("curr_eval", strings(added));
        raise(s, Optional.empty(), "new tags of " + watch.repository() + ": " + String.join(", ", added), details,
                payload);
        return true;
    }

    List<String> tagsOf(String account, String repository) throws Exception {
        RegistryReference ref = RegistryReference.parse(repository);
        return new RegistryClient(registries.settingsFor(account, ref)).tags(ref);
    }

    private boolean tagUpdate(Subscription s) throws Exception {
        RegistryReference ref = RegistryReference.parse(s.key());
        String digest = new RegistryClient(registries.settingsFor(s.account(), ref))
                .manifest(ref, ref.manifestReference()).digest().toString();
        if (s.lastState().isEmpty() || s.lastState().get().equals(digest)) {
            subscriptions.setState(s.id(), digest);
            return false;
        }
        images.submit(s.account(), s.key());
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.put("old_digest", s.lastState().get());
        details.put("new_digest", digest);
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.set("last_eval", strings(List.of(s.lastState().get())));
        payload.set("curr_eval", strings(List.of(digest)));
        raise(s, Optional.of(digest), s.key() + " now points at " + digest, details, payload);
        return true;
    }

    static String analysisState(String status, Optional<String> digest) {
        return status + "@" + digest.orElse("");
    }

    private boolean analysisUpdate(Subscription s) throws Exception {
        Optional<ImageTags.TagImage> latest = images.latest(s.account(), s.key());
        if (latest.isEmpty()) {
            return false;
        }
        String state = analysisState(latest.get().status(), latest.get().digest());
        if (s.lastState().isPresent() && s.lastState().get().equals(state)) {
            return false;
        }
        boolean done = latest.get().status().equals("analyzed") || latest.get().status().equals("analysis_failed");
        if (s.lastState().isEmpty() || !done) {
            subscriptions.setState(s.id(), state);
            return false;
        }
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.set("last_eval", analysisEval(s.lastState().get()));
        payload.set("curr_eval", analysisEval(state));
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.put("analysis_status", latest.get().status());
        details.put("imageDigest", latest.get().digest().orElse(null));
        raise(s, Optional.of(state), "analysis of " + s.key() + " " + latest.get().status(), details, payload);
        return true;
    }

    private static ObjectNode analysisEval(String state) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        int at = state.indexOf('@');
        n.put("analysis_status", state.substring(0, at));
        n.put("imageDigest", at + 1 < state.length() ? state.substring(at + 1) : null);
        n.putObject("annotations");
        return n;
    }

    private boolean vulnUpdate(Subscription s, MatchMemo memo) throws Exception {
        Optional<ImageTags.Matched> matched = images.matched(s.account(), s.key(), memo);
        if (matched.isEmpty()) {
            return false;
        }
        List<String> now = matched.get().vulnerabilities();
        String state = Exchange.JSON.writeValueAsString(now);
        if (s.lastState().isEmpty()) {
            subscriptions.setState(s.id(), state);
            return false;
        }
        List<String> before = Exchange.JSON.readValue(s.lastState().get(), new TypeReference<List<String>>() { });
        Set<String> added = new LinkedHashSet<>(now);
        before.forEach(added::remove);
        Set<String> removed = new LinkedHashSet<>(before);
        now.forEach(removed::remove);
        if (added.isEmpty() && removed.isEmpty()) {
            return false;
        }
        ObjectNode diff = JsonNodeFactory.instance.objectNode();
        diff.set("added", vulnerabilities(added));
        diff.set("removed", vulnerabilities(removed));
        diff.putArray("updated");
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.set("diff_vulnerability_result", diff);
        payload.put("imageDigest", matched.get().digest());
        raise(s, Optional.of(state), "vulnerabilities of " + s.key() + " changed: " + added.size() + " added, "
                + removed.size() + " removed", diff.deepCopy(), payload);
        return true;
    }

    /** Anchore's vulnerability items of a diff, from the watcher's {@code "ID package-version"} lines. */
    private static ArrayNode vulnerabilities(Set<String> lines) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (String line : lines) {
            int space = line.indexOf(' ');
            ObjectNode v = out.addObject();
            v.put("id", line.substring(0, space));
            v.put("package", line.substring(space + 1));
        }
        return out;
    }

    private boolean policyEval(Subscription s, MatchMemo memo) throws Exception {
        Optional<String> action = images.finalAction(s.account(), s.key(), memo);
        if (action.isEmpty() || s.lastState().equals(action)) {
            return false;
        }
        if (s.lastState().isEmpty()) {
            subscriptions.setState(s.id(), action.get());
            return false;
        }
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.putObject("last_eval").put("final_action", s.lastState().get());
        payload.putObject("curr_eval").put("final_action", action.get());
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.put("old_final_action", s.lastState().get());
        details.put("new_final_action", action.get());
        raise(s, action, "policy evaluation of " + s.key() + " went from " + s.lastState().get() + " to "
                + action.get(), details, payload);
        return true;
    }

    /** Raises the event and records {@code state} as the subscription's last in the same transaction. */
    private void raise(Subscription s, Optional<String> state, String message, ObjectNode details, ObjectNode payload)
            throws Exception {
        Event e = events.raise(s, state, message, details, payload, webhook);
        log.info("subscription event", "event", e.id(), "type", e.type(), "key", s.key(), "account", s.account());
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        values.forEach(a::add);
        return a;
    }
}
