package io.plimsoll.policy.gate.passwd;

import io.plimsoll.policy.gate.Gate;
import io.plimsoll.policy.gate.ImageContext;
import io.plimsoll.policy.gate.Param;
import io.plimsoll.policy.gate.ParamType;
import io.plimsoll.policy.gate.Trigger;
import io.plimsoll.policy.gate.TriggerHit;
import io.plimsoll.policy.gate.TriggerParams;
import io.plimsoll.policy.gate.common.BaseTrigger;
import io.plimsoll.policy.gate.common.CsvChecks;
import io.plimsoll.policy.gate.common.LegacyTriggerId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Anchore's {@code passwd_file} gate: denied user names, uids, gids, login shells and whole entries in the image's
 * {@code /etc/passwd} (text captured by the content scan). Each hit is one entry; messages are Anchore's.
 */
public final class PasswdFileGate implements Gate {

    public static final String NAME = "passwd_file";

    private static final List<Trigger> TRIGGERS = List.of(
            new NotAvailable(),
            new Denied("blacklist_usernames", "user_names", -1, "Blacklisted user '%s'",
                    "Triggers if specified username is found in the /etc/passwd file",
                    "List of usernames that will cause the trigger to fire if found in /etc/passwd.", false),
            new Denied("blacklist_userids", "user_ids", 1, "Blacklisted uid '%s'",
                    "Triggers if specified user id is found in the /etc/passwd file",
                    "List of userids (numeric) that will cause the trigger to fire if found in /etc/passwd.", true),
            new Denied("blacklist_groupids", "group_ids", 2, "Blacklisted gid '%s'",
                    "Triggers if specified group id is found in the /etc/passwd file",
                    "List of groupids (numeric) that will cause the trigger to fire if found in /etc/passwd.", true),
            new Denied("blacklist_shells", "shells", 5, "Blacklisted shell '%s'",
                    "Triggers if specified login shell for any user is found in the /etc/passwd file",
                    "List of shell commands to blacklist.", false),
            new FullEntry());

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Content checks for /etc/passwd for things like usernames, group ids, shells, or full entries.";
    }

    @Override
    public List<Trigger> triggers() {
        return TRIGGERS;
    }

    /** {@code content_not_available}: the image has no (readable, non-empty) /etc/passwd. */
    static final class NotAvailable extends BaseTrigger {
        NotAvailable() {
            super("content_not_available", "Triggers if the /etc/passwd file is not present/stored in the evaluated "
                    + "image.", List.of());
        }

        @Override
        public List<TriggerHit> evaluate(ImageContext image, TriggerParams params) {
            return PasswdEntries.of(image).isPresent() ? List.of()
                    : List.of(LegacyTriggerId.hit(NAME, name(),
                            "Cannot locate /etc/passwd in image stored files archive: check analyzer settings."));
        }
    }

    /** A list of denied values of one field: one hit per entry whose field is listed. */
    static final class Denied extends BaseTrigger {
        private final String param;
        private final int field;
        private final String what;
        private final boolean numeric;

        Denied(String name, String param, int field, String what, String description, String paramDescription,
               boolean numeric) {
            super(name, description, List.of(Param.listOf(param, true, List.of(), paramDescription)));
            this.param = param;
            this.field = field;
            this.what = what;
            this.numeric = numeric;
        }

        @Override
        public List<String> validate(TriggerParams params) {
            return numeric ? CsvChecks.integers(params, param) : List.of();
        }

        @Override
        public List<TriggerHit> evaluate(ImageContext image, TriggerParams params) {
            Optional<PasswdEntries> entries = PasswdEntries.of(image);
            if (entries.isEmpty()) {
                return List.of();
            }
            Set<String> denied = new HashSet<>(params.list(param));
            List<TriggerHit> hits = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : entries.get().byUser().entrySet()) {
                String value = PasswdEntries.field(e.getKey(), e.getValue(), field);
                if (value != null && denied.contains(value)) {
                    hits.add(entries.get().at(LegacyTriggerId.hit(NAME, name(), String.format(what, value)
                            + " found in image's /etc/passwd: pentry=" + PasswdEntries.entry(e.getKey(), e.getValue())),
                            e.getKey()));
                }
            }
            return hits;
        }
    }

    /** {@code blacklist_full_entry}: an entry exactly as given. */
    static final class FullEntry extends BaseTrigger {
        FullEntry() {
            super("blacklist_full_entry", "Triggers if entire specified passwd entry is found in the /etc/passwd file.",
                    List.of(Param.required("entry", ParamType.STRING, "Full entry to match in /etc/passwd.")));
        }

        @Override
        public List<TriggerHit> evaluate(ImageContext image, TriggerParams params) {
            Optional<PasswdEntries> entries = PasswdEntries.of(image);
            Optional<String> wanted = params.string("entry");
            if (entries.isEmpty() || wanted.isEmpty()) {
                return List.of();
            }
            List<TriggerHit> hits = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : entries.get().byUser().entrySet()) {
                String entry = PasswdEntries.entry(e.getKey(), e.getValue());
                if (entry.equals(wanted.get())) {
                    hits.add(entries.get().at(LegacyTriggerId.hit(NAME, name(), "Blacklisted pentry '" + entry
                            + "' found in image's /etc/passwd: pentry=" + entry), e.getKey()));
                }
            }
            return hits;
        }
    }
}
