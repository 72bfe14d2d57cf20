package io.plimsoll.policy.eval;

import io.plimsoll.policy.Allowlist;
import io.plimsoll.policy.AllowlistItem;
import io.plimsoll.policy.Wildcard;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The allowlist items that apply to one image, indexed so that thousands of hits against hundreds of items stay
 * cheap: literal trigger ids by hash, wildcard ones ({@code CVE-2018-0737+*}) by gate. An item matches a hit when
 * the gate is the same (case-insensitive) and the hit's trigger id or one of its aliases equals or matches its
 * pattern; the first matching item in list order wins. Expired items ({@code expires_on} at or before now) never match.
 */
final class AllowlistIndex {

    private record Entry(int order, AllowlistItem item, Wildcard pattern) {
    }

    /** What matching found: the active item, or else an expired one that would have matched (for a note). */
    record Match(Optional<AllowlistItem> active, Optional<AllowlistItem> expired) {
    }

    private final Map<String, Map<String, List<Entry>>> literal = new HashMap<>();
    private final Map<String, List<Entry>> wildcard = new HashMap<>();

    AllowlistIndex(List<Allowlist> lists) {
        int order = 0;
        for (Allowlist list : lists) {
            for (AllowlistItem item : list.items()) {
                String gate = item.gate().toLowerCase(Locale.ROOT);
                Wildcard pattern = Wildcard.of(item.triggerId());
                Entry e = new Entry(order++, item, pattern);
                if (pattern.isLiteral()) {
                    literal.computeIfAbsent(gate, g -> new HashMap<>())
                            .computeIfAbsent(item.triggerId(), t -> new ArrayList<>()).add(e);
                } else {
                    wildcard.computeIfAbsent(gate, g -> new ArrayList<>()).add(e);
                }
            }
        }
    }

    /** The item for a hit known by {@code triggerIds} (its trigger id and its aliases): any of them may match. */
    Match match(String gate, List<String> triggerIds, Instant now) {
        String g = gate.toLowerCase(Locale.ROOT);
        Entry active = null;
        Entry expired = null;
        List<Entry> candidates = new ArrayList<>();
        for (String triggerId : triggerIds) {
            candidates.addAll(literal.getOrDefault(g, Map.of()).getOrDefault(triggerId, List.of()));
            for (Entry e : wildcard.getOrDefault(g, List.of())) {
                if (e.pattern().matches(triggerId)) {
                    candidates.add(e);
                }
            }
        }
        for (Entry e : candidates) {
            if (e.item().activeAt(now)) {
                active = active == null || e.order() < active.order() ? e : active;
            } else {
                expired = expired == null || e.order() < expired.order() ? e : expired;
            }
        }
        return new Match(Optional.ofNullable(active).map(Entry::item),
                active == null ? Optional.ofNullable(expired).map(Entry::item) : Optional.empty());
    }
}
