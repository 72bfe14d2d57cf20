package io.plimsoll.policy;

import java.util.List;

/** A named list of allowed trigger hits (Anchore "whitelist"). */
public record Allowlist(String id, String name, String version, String comment, List<AllowlistItem> items) {

    public Allowlist {
        items = List.copyOf(items);
        name = name == null ? id : name;
        version = version == null ? "1_0" : version;
        comment = comment == null ? "" : comment;
    }
}
